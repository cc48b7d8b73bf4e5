import { expect, it } from 'vitest';
import { docker } from '../../stack/engine/docker-cli.ts';
import { REDIS, REDIS_EXPORTER } from '../../stack/model/services/redis.ts';
import { prometheusClient } from '../../stack/launcher/prometheus-client.ts';
import { waitFor } from '../checks/wait.ts';
import { describeOnStack } from './stack-context.ts';

// Every process of the stack runs as an unprivileged user, including redis-exporter's, whose
// container starts as root only to hand /etc/hosts to `redis` (stack/images/redis/keep-name-in-hosts).

describeOnStack('least privilege, and Redis\'s address kept in redis-exporter\'s /etc/hosts', (stack) => {
  const containerOf = (name: string) => {
    const found = stack.services.find((s) => s.name === name);
    if (!found) throw new Error(`${name} is not running in this stack`);
    return found.container;
  };

  it('no process in any container of the stack runs as root', async () => {
    for (const s of stack.services) {
      const rows = (await docker(['top', s.container, '-eo', 'pid,uid,comm'])).trim().split('\n').slice(1);
      expect(rows.length, `${s.name}: processes`).toBeGreaterThan(0);
      const asRoot = rows.map((r) => r.trim().split(/\s+/)).filter(([, uid]) => uid === '0');
      expect(asRoot.map(([pid, , comm]) => `${comm} (${pid})`), `${s.name}: processes running as root`).toEqual([]);
    }
  });

  it('redis-exporter\'s /etc/hosts holds the address DNS gives for redis, marked, once', async () => {
    const exporter = containerOf(REDIS_EXPORTER.name);
    const fromDns = (await docker(['exec', exporter, 'getent', '-s', 'dns', 'ahostsv4', REDIS.name])).trim().split(/\s+/)[0];
    expect(fromDns).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const pinned = (await docker(['exec', exporter, 'cat', '/etc/hosts']))
      .split('\n')
      .filter((line) => line.endsWith('# keep-name-in-hosts'));
    expect(pinned).toEqual([`${fromDns}\t${REDIS.name}\t# keep-name-in-hosts`]);
  });

  it('the exporter reaches Redis through it', async () => {
    const up = await waitFor('a stored redis_up sample', async () => (await prometheusClient(stack).instant('redis_up'))[0], { timeoutMs: 60_000 });
    expect(up.value).toBe(1);
  });
});
