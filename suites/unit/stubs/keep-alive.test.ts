import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ONYX_STACK } from '../../../stack/model/onyx-stack.ts';
import { IDLE_KEEP_ALIVE_MS } from '../../../stack/stubs/shared/http-server.ts';
import { startStub, type RunningStub } from './helpers.ts';

// A scraper's keep-alive connection must outlive the pause between two scrapes, else each scrape
// opens a new connection (Node closes idle ones after 5 s by default).

let running: RunningStub;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
beforeAll(async () => {
  running = await startStub('suna');
});
afterAll(async () => {
  agent.destroy();
  await running.stub.stop();
});

function get(path: string): Promise<{ status: number; reusedSocket: boolean }> {
  return new Promise((resolve, reject) => {
    const req = request(`${running.base}${path}`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, reusedSocket: req.reusedSocket }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe("the stubs' idle keep-alive", () => {
  it('lasts longer than two scrape intervals of the stack', () => {
    expect(IDLE_KEEP_ALIVE_MS).toBeGreaterThan(2 * ONYX_STACK.scrapeIntervalSeconds * 1000);
  });

  it("keeps a client's connection across a 6 s pause (Node's default closes it after 5 s)", async () => {
    expect(await get(running.stub.healthPath)).toEqual({ status: 200, reusedSocket: false });
    await new Promise((r) => setTimeout(r, 6000));
    expect(await get(running.stub.healthPath)).toEqual({ status: 200, reusedSocket: true });
  }, 15_000);
});
