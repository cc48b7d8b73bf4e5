/** Every image the stack runs, in build order (one folder each under stack/images/). */
export const IMAGE_NAMES = ['prometheus', 'alertmanager', 'node-exporter', 'blackbox-exporter', 'process-exporter', 'redis', 'postgres', 'stub'] as const;
export type ImageName = (typeof IMAGE_NAMES)[number];
