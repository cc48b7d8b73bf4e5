import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IMAGES_DIR } from '../../../stack/images/base-image.ts';
import { waitFor } from '../../checks/wait.ts';
import { tempDir } from '../../temp-dirs.ts';

// stack/images/redis/keep-name-in-hosts without Docker: a fake `getent` answers from a file, the
// hosts file is a temporary one, and the script runs unprivileged (as nobody when the tests run as
// root), as it does after dropping root in the container.

const SCRIPT = join(IMAGES_DIR, 'redis', 'keep-name-in-hosts');
const DOCKER_HOSTS = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n172.18.0.9\tabc123def456\n';
const MARK = '# keep-name-in-hosts';

const running: ChildProcess[] = [];
// Each run is its own process group: the refresh loop outlives the command it started (in the
// container it dies with PID 1), so the whole group is killed.
afterEach(() => {
  for (const child of running.splice(0)) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

async function setUp() {
  const dir = await tempDir('keep-hosts-');
  await chmod(dir, 0o777);
  const hosts = join(dir, 'hosts');
  const answer = join(dir, 'answer');
  await writeFile(hosts, DOCKER_HOSTS);
  await writeFile(answer, '');
  await chmod(hosts, 0o666);
  await chmod(answer, 0o666);
  // `getent -s dns ahostsv4 <name>` as glibc prints it, or exit 2 (not found) when the answer is empty.
  await writeFile(
    join(dir, 'getent'),
    `#!/bin/bash\n[[ $1 == -s && $2 == dns && $3 == ahostsv4 ]] || exit 9\na=$(<${answer})\n[[ -n $a ]] || exit 2\nprintf '%s      STREAM %s\\n%s      DGRAM  \\n' "$a" "$4" "$a"\n`,
  );
  await chmod(join(dir, 'getent'), 0o755);
  return { dir, hosts, answer };
}

function start(dir: string, hosts: string, args: string[]): { child: ChildProcess; stderr: () => string; exited: Promise<number | null> } {
  const unprivileged = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'] : [];
  const [command, ...rest] = [...unprivileged, 'bash', SCRIPT, ...args];
  const child = spawn(command!, rest, { env: { PATH: `${dir}:${process.env.PATH}`, HOSTS_FILE: hosts, REFRESH_SECONDS: '1' }, detached: true });
  running.push(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => stderr, exited };
}

const pinnedLines = async (hosts: string) => (await readFile(hosts, 'utf8')).split('\n').filter((l) => l.endsWith(MARK));

describe('keep-name-in-hosts', () => {
  it('pins the address before the command starts, follows a change, and leaves the name to DNS when it stops resolving', async () => {
    const { dir, hosts, answer } = await setUp();
    await writeFile(answer, '172.18.0.3');
    const run = start(dir, hosts, ['--as', 'nobody', 'redis', '--', 'bash', '-c', `grep -c '${MARK}' ${hosts}; sleep 30`]);
    let stdout = '';
    run.child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    await waitFor('the command to print what it found', async () => (stdout.trim() ? true : undefined), { timeoutMs: 5_000, intervalMs: 50 });
    expect(stdout.trim()).toBe('1');
    expect(await pinnedLines(hosts)).toEqual([`172.18.0.3\tredis\t${MARK}`]);
    expect((await readFile(hosts, 'utf8')).startsWith(DOCKER_HOSTS)).toBe(true);

    await writeFile(answer, '172.18.0.7');
    await waitFor('the new address in the hosts file', async () => ((await pinnedLines(hosts))[0]?.startsWith('172.18.0.7\t') ? true : undefined), { timeoutMs: 5_000, intervalMs: 100 });
    expect(await pinnedLines(hosts)).toEqual([`172.18.0.7\tredis\t${MARK}`]);

    await writeFile(answer, '');
    await waitFor('the pinned line removed', async () => ((await pinnedLines(hosts)).length === 0 ? true : undefined), { timeoutMs: 5_000, intervalMs: 100 });
    expect(await readFile(hosts, 'utf8')).toBe(DOCKER_HOSTS);
    expect(run.stderr()).toContain('redis does not resolve; left to DNS');
  });

  it('does not rewrite the file while the address stays the same', async () => {
    const { dir, hosts, answer } = await setUp();
    await writeFile(answer, '172.18.0.3');
    start(dir, hosts, ['--as', 'nobody', 'redis', '--', 'sleep', '30']);
    await waitFor('the address pinned', async () => ((await pinnedLines(hosts)).length === 1 ? true : undefined), { timeoutMs: 5_000, intervalMs: 50 });
    await writeFile(hosts, `${await readFile(hosts, 'utf8')}# a line added by hand\n`);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(await readFile(hosts, 'utf8')).toBe(`${DOCKER_HOSTS}172.18.0.3\tredis\t${MARK}\n# a line added by hand\n`);
  });

  it('runs the command when the name does not resolve at start, and exits with its status', async () => {
    const { dir, hosts } = await setUp();
    const run = start(dir, hosts, ['--as', 'nobody', 'redis', '--', 'bash', '-c', 'exit 3']);
    expect(await run.exited).toBe(3);
    expect(await readFile(hosts, 'utf8')).toBe(DOCKER_HOSTS);
  });

  it('refuses to run as root or without a command, with a usage line', async () => {
    const { dir, hosts } = await setUp();
    const asRoot = start(dir, hosts, ['--as', 'root', 'redis', '--', 'true']);
    expect(await asRoot.exited).toBe(64);
    expect(asRoot.stderr()).toContain('--as must name an unprivileged user, not root');
    const noCommand = start(dir, hosts, ['--as', 'nobody', 'redis']);
    expect(await noCommand.exited).toBe(64);
    expect(noCommand.stderr()).toContain('usage: keep-name-in-hosts --as <user> <name> [--] <command...>');
  });
});
