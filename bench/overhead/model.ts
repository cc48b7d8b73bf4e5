import { KVM4 } from '../../stack/model/profiles.ts';
import { StackModel, type ServiceInput } from '../../stack/model/schema.ts';
import { stubServiceInfo } from '../../stack/model/stub-services.ts';
import { INSTRUMENTATION_SWITCH } from '../../stack/stubs/shared/http-metrics.ts';

// The overhead bench's own small stack: the suna stub four times, side by side, each with
// suna's kvm4 cap and no background activity. `off` has the instrumentation switched off, the
// others have it on; `control-a` and `control-b` form the A/A control. Each container takes the
// same share of the load, so none is warmer or has an older heap than its partner.

export const SIDES = ['off', 'on', 'control-a', 'control-b'] as const;
export type Side = (typeof SIDES)[number];

export const serviceOf = (side: Side) => `suna-${side}`;
export const SUNA_PORT = stubServiceInfo('suna').defaultPort;

function sunaSide(side: Side): ServiceInput {
  return {
    name: serviceOf(side),
    description: `suna stub, instrumentation ${side === 'off' ? 'off' : 'on'}`,
    image: 'stub',
    env: { STUB_SERVICE: 'suna', PORT: String(SUNA_PORT), BACKGROUND_INTERVAL_MS: '0', [INSTRUMENTATION_SWITCH]: side === 'off' ? 'off' : 'on' },
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
    services: SIDES.map(sunaSide),
    profile: {
      name: 'overhead (suna kvm4 cap, three times)',
      totalCpu: cap.cpu * SIDES.length,
      totalMemoryMiB: cap.memoryMiB * SIDES.length,
      caps: Object.fromEntries(SIDES.map((side) => [serviceOf(side), cap])),
    },
  });
}
