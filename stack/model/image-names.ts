/** Every image built here, in build order (one folder each under stack/images/); Grafana's is external. */
export const IMAGE_NAMES = ['prometheus', 'alertmanager', 'node-exporter', 'blackbox-exporter', 'process-exporter', 'redis', 'postgres', 'stub'] as const;
export type ImageName = (typeof IMAGE_NAMES)[number];
