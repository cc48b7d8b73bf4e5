import { request } from 'undici';
import { expect, it } from 'vitest';
import { basicAuthHeader } from '../../stack/model/credentials.ts';
import { LITELLM_PII_LABELS } from '../../stack/model/stub-services.ts';
import { prometheusClient } from '../../stack/launcher/prometheus-client.ts';
import { waitFor } from '../checks/wait.ts';
import { describeOnStack } from './stack-context.ts';


describeOnStack(`LiteLLM's personal-data labels never reach storage`, (stack) => {
  it('the proxy exposes them, Prometheus stores its series without them', async () => {
    const litellm = stack.services.find((s) => s.name === 'litellm')!;
    const res = await request(litellm.metricsUrl!, { headers: { authorization: basicAuthHeader(stack.metricsUser, stack.metricsPassword) } });
    const exposition = await res.body.text();
    for (const label of LITELLM_PII_LABELS) expect(exposition, `the stub should expose ${label}`).toMatch(new RegExp(`[{,]${label}="`));

    const prom = prometheusClient(stack);
    const stored = await waitFor(
      'stored litellm_proxy_total_requests_metric_total series',
      async () => {
        const series = await prom.instant('litellm_proxy_total_requests_metric_total');
        return series.length > 0 ? series : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 2_000 },
    );
    for (const s of stored) for (const label of LITELLM_PII_LABELS) expect(s.labels, JSON.stringify(s.labels)).not.toHaveProperty(label);
    const everyLabel = await prom.labelNames();
    for (const label of LITELLM_PII_LABELS) expect(everyLabel).not.toContain(label);
  });
});
