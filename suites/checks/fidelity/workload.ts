import type { StackInfo } from '../../../stack/launcher/stack-info.ts';
import type { ManifestStub } from '../../../stack/stubs/manifests/load.ts';
import { LiteLlmClient, OnyxCoreClient } from '../../../stack/workload/stub-client.ts';
import { SLOW_REQUEST_THRESHOLD_SECONDS } from '../../../stack/stubs/onyx-core-api-metrics.ts';

// The calls the fidelity check makes before it scrapes, for what the stubs' background activity
// does not move: each is a call a user of the product makes, and moves what that call moves there.

type Workload = (apiUrl: string) => Promise<void>;

const WORKLOADS: Partial<Record<ManifestStub, Workload>> = {
  // A chat slower than Onyx's slow-request threshold (the background chats take 120 ms). Its model
  // is none of the SPEC's, so it counts as "other", which no accuracy expectation uses.
  'onyx-core': async (apiUrl) => {
    const status = await new OnyxCoreClient(apiUrl).chat('fidelity-probe', SLOW_REQUEST_THRESHOLD_SECONDS * 1000 + 200, true);
    if (status !== 200) throw new Error(`fidelity workload: a slow chat on onyx-core answered ${status}, expected 200`);
  },
  // A streamed completion (time to first token) and a failed one (the failure families): the
  // background's completions all succeed. gpt-4o-mini is the background's model, which no
  // accuracy expectation reads.
  litellm: async (apiUrl) => {
    const client = new LiteLlmClient(apiUrl, 'sk-fidelity-probe');
    const call = { model: 'gpt-4o-mini', latencyMs: 20, promptTokens: 20, completionTokens: 5 };
    const statuses = [await client.completion({ ...call, success: true, stream: true }), await client.completion({ ...call, success: false })];
    if (statuses.join() !== '200,429') throw new Error(`fidelity workload: a streamed and a failed completion on litellm answered ${statuses.join(' and ')}, expected 200 and 429`);
  },
};

export async function runFidelityWorkload(info: StackInfo, stub: ManifestStub): Promise<void> {
  const workload = WORKLOADS[stub];
  if (!workload) return;
  const apiUrl = info.services.find((s) => s.name === stub)?.urls.http;
  if (!apiUrl) throw new Error(`${stub} publishes no API port in this stack`);
  await workload(apiUrl);
}
