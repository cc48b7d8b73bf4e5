import type { ImageName } from '../model/image-names.ts';

/** Files of stack/images/shared/ copied into an image's build context (and so part of its recipe). */
export const SHARED_CONTEXT_FILES: Partial<Record<ImageName, readonly string[]>> = {
  redis: ['run-behind-auth-proxy'],
  postgres: ['run-behind-auth-proxy'],
  'node-exporter': ['run-behind-auth-proxy'],
  'blackbox-exporter': ['run-behind-auth-proxy'],
  'process-exporter': ['run-behind-auth-proxy'],
};
