import type { ImageName } from '../model/image-names.ts';
import { ONYX_STACK } from '../model/onyx-stack.ts';

/**
 * Files of stack/images/shared/ copied into an image's build context (and so part of its recipe):
 * the auth proxy's start script into every image that a service of the model runs behind it.
 */
export function sharedContextFiles(image: ImageName): string[] {
  return ONYX_STACK.services.some((s) => s.image === image && s.auth.kind === 'auth-proxy') ? ['run-behind-auth-proxy'] : [];
}
