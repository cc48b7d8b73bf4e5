import type { ResourceProfile, StackModel } from '../model/schema.ts';

/** A Markdown table of the stack for operators: what runs, where, with which cap and scrape job. */
export function renderServicesTable(stack: StackModel, profile: ResourceProfile): string {
  const rows = stack.services.map((s) => {
    const cap = profile.caps[s.name];
    const ports = s.ports.map((p) => `${p.container}${p.publish ? ' (127.0.0.1)' : ''}`).join(', ') || '-';
    const scrape = s.scrape ? `\`${s.scrape.job}\` ${s.scrape.metricsPath}` : '-';
    const capText = cap ? `${cap.cpu} CPU, ${cap.memoryMiB} MiB` : '-';
    return `| ${s.name} | ${s.image ?? `${s.externalImage!.default} (${s.externalImage!.variable})`} | ${ports} | ${capText} | ${scrape} | ${s.description} |`;
  });
  return [
    '<!-- Rendered from stack/model by `npm run stack:render`. Do not edit by hand. -->',
    `# Services of ${stack.name} (profile ${profile.name}: ${profile.totalCpu} vCPU, ${profile.totalMemoryMiB / 1024} GiB)`,
    '',
    `Scrape interval ${stack.scrapeIntervalSeconds} s, timeout ${stack.scrapeTimeoutSeconds} s; every job uses basic auth.`,
    '',
    '| service | image | ports | cap | scrape job | what it is |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
