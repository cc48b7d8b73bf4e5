import { createServer } from 'node:net';
import { expect, it } from 'vitest';
import { describeOnStack } from './stack-context.ts';
import { runVerifyTarget, targetFileFor } from './verify-target-run.ts';

/** A loopback port where nothing listens: a deployment that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise((r) => server.close(r));
  return port;
}

describeOnStack('npm run verify -- --target against a stack the launcher started', (stack) => {
  const target = stack ? targetFileFor('launcher-stack', stack) : undefined!;
  const env: Record<string, string> = stack ? { ONYX_METRICS_USER: stack.metricsUser, ONYX_METRICS_PASSWORD: stack.metricsPassword } : {};

  it('passes AC 9.1.1 and its auth probes, and the report names the deployment it checked', async () => {
    const run = await runVerifyTarget(target, env);
    expect(run.exitCode, run.output).toBe(0);
    expect(run.output).toContain('checking the running deployment launcher-stack');
    expect(run.report?.target?.name).toBe('launcher-stack');
    expect(run.report?.results.map((r) => [r.ac, r.result])).toEqual([['9.1.1', 'PASS']]);
  });

  it('fails naming the credential when the password is wrong', async () => {
    const run = await runVerifyTarget(target, { ...env, ONYX_METRICS_PASSWORD: 'not-the-password' });
    expect(run.exitCode).toBe(1);
    expect(run.output).toMatch(/refused the credentials \(401\): check environment \(ONYX_METRICS_USER\) and environment \(ONYX_METRICS_PASSWORD\)/);
  });

  it('fails naming Prometheus when it is down', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const run = await runVerifyTarget({ ...target, prometheus: { ...target.prometheus, url } }, env);
    expect(run.exitCode).toBe(1);
    expect(run.output).toContain(`Prometheus of launcher-stack at ${url} is unreachable (ECONNREFUSED)`);
  });

  it('fails naming the job when one metrics endpoint is down', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/metrics`;
    const run = await runVerifyTarget({ ...target, endpoints: { ...target.endpoints, qdrant: url } }, env);
    expect(run.exitCode).toBe(1);
    expect(run.report?.results[0]?.details).toContain(`qdrant: ${url} is unreachable (ECONNREFUSED)`);
  });

  it('refuses a bad target file in one line naming the field, before checking anything', async () => {
    const run = await runVerifyTarget({ ...target, prometheus: { url: 'nowhere', container: 'x' } }, env);
    expect(run.exitCode).toBe(2);
    expect(run.output.trim()).toMatch(/^verify: target file \S+target\.yml: prometheus\.url: [^\n]+$/);
  });
});
