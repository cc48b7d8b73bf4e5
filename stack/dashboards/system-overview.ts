import { jobAndInstance, type DashboardSpec } from './panels.ts';

// The host, from node_exporter 1.5 (job node-exporter): CPU, memory, disk and network.

const node = 'job=~"$job", instance=~"$instance"';

export const SYSTEM_OVERVIEW: DashboardSpec = {
  uid: 'onyx-system-overview',
  title: 'System Overview',
  description: 'The host the ONYX stack runs on, from node_exporter: CPU, memory, disk and network.',
  tags: ['system', 'node-exporter'],
  from: 'now-1h',
  variables: [
    ...jobAndInstance('node_uname_info'),
  ],
  panels: [
    {
      title: 'CPU busy',
      description: 'Share of CPU time not idle, over all cores.',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [{ expr: `1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle", ${node}}[$__rate_interval]))`, legend: '{{instance}}' }],
    },
    {
      title: 'CPU by mode',
      description: 'Cores busy per CPU mode (user, system, iowait...), summed over all cores.',
      unit: 'short',
      queries: [{ expr: `sum by (mode) (rate(node_cpu_seconds_total{mode!="idle", ${node}}[$__rate_interval]))`, legend: '{{mode}}' }],
    },
    {
      title: 'Load average',
      description: 'Run queue length averaged over 1, 5 and 15 minutes.',
      unit: 'short',
      queries: [
        { expr: `node_load1{${node}}`, legend: '1m' },
        { expr: `node_load5{${node}}`, legend: '5m' },
        { expr: `node_load15{${node}}`, legend: '15m' },
      ],
    },
    {
      title: 'Memory used',
      description: 'Memory in use (total minus available) and the total.',
      unit: 'bytes',
      queries: [
        { expr: `node_memory_MemTotal_bytes{${node}} - node_memory_MemAvailable_bytes{${node}}`, legend: 'used' },
        { expr: `node_memory_MemTotal_bytes{${node}}`, legend: 'total' },
      ],
    },
    {
      title: 'Memory used share',
      description: 'Share of memory in use (1 - available / total).',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [{ expr: `1 - node_memory_MemAvailable_bytes{${node}} / node_memory_MemTotal_bytes{${node}}`, legend: '{{instance}}' }],
    },
    {
      title: 'Disk throughput',
      description: 'Bytes read and written per second, per block device.',
      unit: 'Bps',
      queries: [
        { expr: `sum by (device) (rate(node_disk_read_bytes_total{${node}}[$__rate_interval]))`, legend: '{{device}} read' },
        { expr: `sum by (device) (rate(node_disk_written_bytes_total{${node}}[$__rate_interval]))`, legend: '{{device}} written' },
      ],
    },
    {
      title: 'Disk I/O time',
      description: 'Share of time each block device was busy with I/O.',
      unit: 'percentunit',
      queries: [{ expr: `rate(node_disk_io_time_seconds_total{${node}}[$__rate_interval])`, legend: '{{device}}' }],
    },
    {
      title: 'Filesystem used share',
      description: 'Share of each filesystem in use (1 - available / size), pseudo filesystems left out.',
      unit: 'percentunit',
      min: 0,
      max: 1,
      queries: [
        {
          expr: `1 - node_filesystem_avail_bytes{fstype!~"tmpfs|overlay|squashfs|nsfs|ramfs", ${node}} / node_filesystem_size_bytes{fstype!~"tmpfs|overlay|squashfs|nsfs|ramfs", ${node}}`,
          legend: '{{mountpoint}}',
        },
      ],
    },
    {
      title: 'Network traffic',
      description: 'Bytes received and sent per second, per interface (loopback left out).',
      unit: 'Bps',
      queries: [
        { expr: `sum by (device) (rate(node_network_receive_bytes_total{device!="lo", ${node}}[$__rate_interval]))`, legend: '{{device}} in' },
        { expr: `sum by (device) (rate(node_network_transmit_bytes_total{device!="lo", ${node}}[$__rate_interval]))`, legend: '{{device}} out' },
      ],
    },
    {
      title: 'Network errors',
      description: 'Receive and transmit errors per second, per interface.',
      unit: 'pps',
      queries: [
        { expr: `sum by (device) (rate(node_network_receive_errs_total{${node}}[$__rate_interval]))`, legend: '{{device}} in' },
        { expr: `sum by (device) (rate(node_network_transmit_errs_total{${node}}[$__rate_interval]))`, legend: '{{device}} out' },
      ],
    },
  ],
};

