/** Every image the stack runs, in build order (one folder each under stack/images/). */
export const IMAGE_NAMES = ['prometheus', 'alertmanager', 'node-exporter', 'blackbox-exporter', 'process-exporter', 'redis', 'postgres', 'stub'] as const;
export type ImageName = (typeof IMAGE_NAMES)[number];

/** Files of stack/images/shared/ copied into an image's build context (and so part of its recipe). */
export const SHARED_CONTEXT_FILES: Partial<Record<ImageName, readonly string[]>> = {
  redis: ['run-behind-auth-proxy'],
  postgres: ['run-behind-auth-proxy'],
  'node-exporter': ['run-behind-auth-proxy'],
  'blackbox-exporter': ['run-behind-auth-proxy'],
  'process-exporter': ['run-behind-auth-proxy'],
};
