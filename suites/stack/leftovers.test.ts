import { afterAll, expect, it } from 'vitest';
import { docker, lines } from '../../stack/engine/docker-cli.ts';
import { LABEL } from '../../stack/launcher/labels.ts';
import { removeLeftovers } from '../../stack/launcher/leftovers.ts';
import { BASE_IMAGE } from '../../stack/images/base-image.ts';
import { describeOnStack } from './stack-context.ts';

const DEAD_PID = '2147483646'; // above any pid_max: no process can own it

async function labelledContainer(stackName: string, run: string, ownerPid: string): Promise<string> {
  const labels = { [LABEL.stack]: stackName, [LABEL.run]: run, [LABEL.ownerPid]: ownerPid };
  const args = Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
  return (await docker(['create', ...args, BASE_IMAGE, 'true'])).trim();
}

describeOnStack('removal of leftovers of earlier runs', (stack) => {
  const created: string[] = [];
  afterAll(async () => {
    if (created.length > 0) await docker(['rm', '-f', ...created]).catch(() => undefined);
  });

  it('removes the containers and networks of a run whose owner is gone, and spares live runs', async () => {
    const dead = await labelledContainer(stack.stackName, 'dead-run', DEAD_PID);
    const alive = await labelledContainer(stack.stackName, 'live-run', String(process.pid === 1 ? 1 : process.ppid));
    created.push(dead, alive);
    const network = (await docker(['network', 'create', '--label', `${LABEL.stack}=${stack.stackName}`, '--label', `${LABEL.run}=dead-run`, '--label', `${LABEL.ownerPid}=${DEAD_PID}`, `leftover-${Date.now()}`])).trim();

    const report = await removeLeftovers(stack.stackName);

    expect(report.containers.map((id) => id.slice(0, 12))).toContain(dead.slice(0, 12));
    expect(report.networks.map((id) => id.slice(0, 12))).toContain(network.slice(0, 12));
    const remaining = lines(await docker(['ps', '-a', '--no-trunc', '--filter', `label=${LABEL.stack}=${stack.stackName}`, '--format', '{{.ID}}']));
    expect(remaining).not.toContain(dead);
    expect(remaining).toContain(alive);
    // The running stack itself belongs to a live process and must survive the sweep.
    expect(remaining.length).toBeGreaterThanOrEqual(stack.services.length + 1);
  });
});
