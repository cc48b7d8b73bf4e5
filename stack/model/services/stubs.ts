import { LITELLM_PII_LABELS, stubServiceInfo, type StubService } from '../stub-services.ts';
import type { ServiceInput } from '../schema.ts';

const stubProcessName = (name: StubService) => `onyx-${name}`;

function stub(name: StubService, description: string, dropLabels: readonly string[] = []): ServiceInput {
  const { defaultPort: port, metricsPath } = stubServiceInfo(name);
  return {
    name,
    description,
    image: 'stub',
    env: { STUB_SERVICE: name, PORT: String(port) },
    // Four stubs run the same program: a process title of its own tells them apart in ps and
    // process-exporter (Node sets the process name, comm, from --title).
    command: ['node', `--title=${stubProcessName(name)}`, '/app/stub.mjs'],
    processNames: [stubProcessName(name)],
    auth: { kind: 'stub-runtime' },
    deployedBy: 'onyx',
    ports: [{ name: 'http', container: port, publish: true }],
    health: { kind: 'http', port, path: '/health' },
    scrape: { job: name, port, metricsPath, coreService: name, dropLabels: [...dropLabels] },
  };
}

/** The four ONYX services that run as stubs here (the real products on the VPS). */
export const STUBS: ServiceInput[] = [
  stub('suna', 'Suna web UI (Next.js); stub with the metrics of its API routes'),
  stub('onyx-core', 'Onyx Core (FastAPI); stub with the ONYX business metrics'),
  stub('litellm', 'LiteLLM proxy; stub with the real proxy metric names and labels', LITELLM_PII_LABELS),
  stub('qdrant', 'Qdrant vector database; stub with the real Qdrant metric names'),
];
