import { afterEach, describe, expect, it } from 'vitest';
import { createStub } from '../../../stack/stubs/index.ts';
import { INSTRUMENTATION_CONTROL_PATH, INSTRUMENTATION_SWITCH, instrumentationMode } from '../../../stack/stubs/shared/instrumentation.ts';
import { startStub, type RunningStub } from './helpers.ts';

// ONYX_INSTRUMENTATION=switchable, which only the overhead bench sets: the running suna stub
// turns its instrumentation off and on when asked, and nothing else changes.

const PAGE_SERIES = 'http_requests_total{method="GET",route="/chat/[threadId]",status_code="200"}';
const pageCount = async (stub: RunningStub) => Number((await stub.scrape()).split('\n').find((l) => l.startsWith(PAGE_SERIES))?.split(' ')[1] ?? 0);
const lagFigures = async (stub: RunningStub) => (await stub.scrape()).split('\n').filter((l) => l.startsWith('nodejs_eventloop_lag_')).join('\n');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('switchable instrumentation', () => {
  let running: RunningStub | undefined;
  afterEach(async () => {
    delete process.env[INSTRUMENTATION_SWITCH];
    await running?.stub.stop();
    running = undefined;
  });

  it('is switched off and on by POST /-/instrumentation, which itself is not counted', async () => {
    process.env[INSTRUMENTATION_SWITCH] = 'switchable';
    running = await startStub('suna');
    await running.get('/chat/t1');
    expect(await pageCount(running)).toBe(1);

    expect(await running.post(`${INSTRUMENTATION_CONTROL_PATH}?on=false`, '')).toEqual({ status: 200, body: '{"on":false}' });
    await running.get('/chat/t1');
    await running.get('/chat/t1');
    expect(await pageCount(running)).toBe(1);

    expect((await running.post(`${INSTRUMENTATION_CONTROL_PATH}?on=true`, '')).status).toBe(200);
    await running.get('/chat/t1');
    expect(await pageCount(running)).toBe(2);
    expect(await running.scrape()).not.toContain(`route="${INSTRUMENTATION_CONTROL_PATH}"`);
  });

  it('stops the event-loop sampler while off: its figures hold still until it is on again', async () => {
    process.env[INSTRUMENTATION_SWITCH] = 'switchable';
    running = await startStub('suna');
    await pause(50);
    await running.post(`${INSTRUMENTATION_CONTROL_PATH}?on=false`, '');
    const held = await lagFigures(running);
    expect(held).toMatch(/nodejs_eventloop_lag_max_seconds [0-9.e-]+/);
    await pause(100);
    expect(await lagFigures(running)).toBe(held);
    await running.post(`${INSTRUMENTATION_CONTROL_PATH}?on=true`, '');
    await pause(100);
    expect(await lagFigures(running)).not.toBe(held);
  });

  it('answers 400 to a bad switch value and keeps its state', async () => {
    process.env[INSTRUMENTATION_SWITCH] = 'switchable';
    running = await startStub('suna');
    const res = await running.post(`${INSTRUMENTATION_CONTROL_PATH}?on=maybe`, '');
    expect(res.status).toBe(400);
    expect(res.body).toContain('must be true or false, got \\"maybe\\"');
    await running.get('/chat/t1');
    expect(await pageCount(running)).toBe(1);
  });

  it('has no control route unless switchable', async () => {
    running = await startStub('suna');
    expect((await running.post(`${INSTRUMENTATION_CONTROL_PATH}?on=false`, '')).status).toBe(404);
  });

  it('refuses a stub whose own instrumentation cannot be switched, and an unknown mode, naming the variable', () => {
    process.env[INSTRUMENTATION_SWITCH] = 'switchable';
    const options = { port: 0, metricsUser: 'u', metricsPassword: 'p', log: () => {} };
    expect(() => createStub('onyx-core', options)).toThrow(/ONYX_INSTRUMENTATION=switchable: the onyx-core stub/);
    expect(() => instrumentationMode({ [INSTRUMENTATION_SWITCH]: 'of' })).toThrow(`${INSTRUMENTATION_SWITCH} must be one of on, off, switchable; got "of"`);
  });
});
