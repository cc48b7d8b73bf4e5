import { stringify } from 'yaml';

// alertmanager.yml: one route to a receiver with no integration. Nothing may leave this machine,
// so alerts are kept and shown by Alertmanager's API and UI, and sent nowhere. An operator adds
// the team's receiver (email, chat, pager) on the VPS.

export const ALERT_RECEIVER = 'stack-local';

export function renderAlertmanagerConfig(): string {
  const config = {
    route: {
      receiver: ALERT_RECEIVER,
      group_by: ['alertname', 'job', 'service'],
      group_wait: '10s',
      group_interval: '1m',
      repeat_interval: '4h',
    },
    receivers: [{ name: ALERT_RECEIVER }],
  };
  return (
    '# Rendered from stack/render/alertmanager-config.ts by `npm run stack:render`. Do not edit by hand.\n' +
    '# The receiver has no integration on purpose: no alert traffic leaves the machine.\n' +
    stringify(config, { lineWidth: 0 })
  );
}
