import { KVM4 } from '../../stack/model/profiles.ts';
import { StackModel, type ServiceInput } from '../../stack/model/schema.ts';
import { stubServiceInfo } from '../../stack/model/stub-services.ts';
import { INSTRUMENTATION_SWITCH } from '../../stack/stubs/shared/instrumentation.ts';

// The overhead bench's own small stack: the suna stub four times, side by side, each with suna's
// kvm4 cap and no background activity, each with its instrumentation switchable at run time. The
// `main` pair measures off against on, the `control` pair on against on (the A/A control); within
// a pair both processes serve both conditions in turn (abba.ts), under the same load.

export const PAIRS = { main: ['main-p', 'main-q'], control: ['control-p', 'control-q'] } as const;
export const CONTAINERS = [...PAIRS.main, ...PAIRS.control] as const;
export type Container = (typeof CONTAINERS)[number];

export const serviceOf = (container: Container) => `suna-${container}`;
export const SUNA_PORT = stubServiceInfo('suna').defaultPort;

function sunaContainer(container: Container): ServiceInput {
  return {
    name: serviceOf(container),
    description: `suna stub, instrumentation switchable (${container})`,
    image: 'stub',
    env: { STUB_SERVICE: 'suna', PORT: String(SUNA_PORT), BACKGROUND_INTERVAL_MS: '0', [INSTRUMENTATION_SWITCH]: 'switchable' },
    auth: { kind: 'stub-runtime' },
    ports: [{ name: 'http', container: SUNA_PORT, publish: true }],
    health: { kind: 'http', port: SUNA_PORT, path: '/health' },
  };
}

export function overheadModel(): StackModel {
  const cap = KVM4.caps.suna!;
  return StackModel.parse({
    name: 'onyx-overhead',
    scrapeIntervalSeconds: 15,
    scrapeTimeoutSeconds: 10,
    services: CONTAINERS.map(sunaContainer),
    profile: {
      name: `overhead (suna kvm4 cap, ${CONTAINERS.length} times)`,
      totalCpu: cap.cpu * CONTAINERS.length,
      totalMemoryMiB: cap.memoryMiB * CONTAINERS.length,
      caps: Object.fromEntries(CONTAINERS.map((c) => [serviceOf(c), cap])),
    },
  });
}
