import { afterAll, beforeAll, expect, it } from 'vitest';
import { BROKEN_STUBS } from '../../fixtures/stubs/broken-stubs.ts';
import type { StackInfo } from '../../stack/launcher/stack-info.ts';
import { createStub, type Stub } from '../../stack/stubs/index.ts';
import { createStubRuntime } from '../../stack/stubs/shared/runtime.ts';
import { gatherAccuracy } from '../checks/accuracy/gather.ts';
import { judgeAccuracy } from '../checks/accuracy/judge.ts';
import { knownWorkload } from '../checks/accuracy/known-workload.ts';
import { startFixturePrometheus, type FixturePrometheus } from './fixture-prometheus.ts';
import { describeOnStack } from './stack-context.ts';

const CREDS = { user: 'fixture', password: 'fixture-password' };
const options = { port: 0, host: '127.0.0.1', metricsUser: CREDS.user, metricsPassword: CREDS.password, backgroundIntervalMs: 0, log: () => {} };

// The faithful stubs, and each broken variant, in this process; a real Prometheus (the stack's
// image, host network, 1 s scrapes) stores them; the accuracy check reads them back through the
// dashboards' own queries. Runs in the stack project because it needs the Docker engine.
describeOnStack('the accuracy check fails on broken stubs (fixtures), naming the panel, series and cause', () => {
  const faithful = { 'onyx-core': createStub('onyx-core', options), litellm: createStub('litellm', options) };
  const broken = BROKEN_STUBS.map((b) => ({ fixture: b, stub: createStubRuntime(b.build, b.service, options) }));
  const ports = new Map<Stub, number>();
  let prometheus: FixturePrometheus | undefined;
  const jobOf = (stub: Stub, variant: string) => `${stub.service}${variant ? `-${variant}` : ''}`;

  beforeAll(async () => {
    for (const stub of [...Object.values(faithful), ...broken.map((b) => b.stub)]) ports.set(stub, await stub.start());
    const targets = [
      ...Object.values(faithful).map((stub) => ({ job: jobOf(stub, ''), port: ports.get(stub)!, metricsPath: stub.metricsPath })),
      ...broken.map((b, i) => ({ job: jobOf(b.stub, `broken-${i}`), port: ports.get(b.stub)!, metricsPath: b.stub.metricsPath })),
    ];
    prometheus = await startFixturePrometheus(targets, CREDS);
  });
  afterAll(async () => {
    await prometheus?.stop();
    for (const stub of ports.keys()) await stub.stop();
  });

  /** A StackInfo for gatherAccuracy: onyx-core and litellm as given, the fixture Prometheus. */
  const info = (stubs: Record<'onyx-core' | 'litellm', { stub: Stub; job: string }>): StackInfo =>
    ({
      prometheusUrl: prometheus!.url,
      metricsUser: CREDS.user,
      metricsPassword: CREDS.password,
      services: Object.entries(stubs).map(([name, { stub, job }]) => ({ name, scrapeJob: job, urls: { http: `http://127.0.0.1:${ports.get(stub)}` } })),
    }) as unknown as StackInfo;

  it('the faithful stubs pass (the check is not failing for its own reasons)', async () => {
    const { checked, method } = await gatherAccuracy(info({ 'onyx-core': { stub: faithful['onyx-core'], job: 'onyx-core' }, litellm: { stub: faithful.litellm, job: 'litellm' } }), knownWorkload());
    const result = judgeAccuracy(checked, method);
    expect(result.result, result.details.join('\n')).toBe('PASS');
  });

  it.each(broken.map((b, i) => [b.fixture.name, b, i] as const))('%s', async (_name, { fixture, stub }, i) => {
    const stubs = { 'onyx-core': { stub: faithful['onyx-core'], job: 'onyx-core' }, litellm: { stub: faithful.litellm, job: 'litellm' } };
    stubs[fixture.service] = { stub, job: jobOf(stub, `broken-${i}`) };
    const { checked, method } = await gatherAccuracy(info(stubs), knownWorkload());
    const result = judgeAccuracy(checked, method);
    expect(result.result).toBe('FAIL');
    expect(result.details.join('\n')).toMatch(fixture.failsWith);
  });
});
