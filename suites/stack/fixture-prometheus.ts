import { createServer } from 'node:net';
import { GenericContainer, Wait, type StartedTestContainer } from 'testcontainers';
import { stringify } from 'yaml';
import { ensureImage } from '../../stack/images/build.ts';
import { newRunId, runLabels, LABEL } from '../../stack/launcher/labels.ts';
import { configureTestcontainers } from '../../stack/launcher/testcontainers-env.ts';
import { ONYX_STACK } from '../../stack/model/onyx-stack.ts';

/** A target on this host's loopback that the fixture Prometheus scrapes under `job`. */
export interface LoopbackTarget {
  job: string;
  port: number;
  metricsPath: string;
}

export interface FixturePrometheus {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * The stack's own Prometheus image, on the host's network, scraping stubs that run in this
 * process on 127.0.0.1 every second: a real Prometheus for stub variants the stack does not run.
 * Traffic stays on loopback. Its container carries the run labels, so a crash leaves nothing
 * the next start-up sweep would not remove.
 */
export async function startFixturePrometheus(targets: readonly LoopbackTarget[], credentials: { user: string; password: string }): Promise<FixturePrometheus> {
  configureTestcontainers();
  const port = await freePort();
  const config = stringify({
    global: { scrape_interval: '1s', scrape_timeout: '900ms' },
    scrape_configs: targets.map((t) => ({
      job_name: t.job,
      metrics_path: t.metricsPath,
      basic_auth: { username: credentials.user, password: credentials.password },
      static_configs: [{ targets: [`127.0.0.1:${t.port}`] }],
    })),
  });
  const container: StartedTestContainer = await new GenericContainer(await ensureImage('prometheus'))
    .withNetworkMode('host')
    .withCopyContentToContainer([{ content: config, target: '/etc/prometheus/fixture.yml' }])
    .withCommand(['--config.file=/etc/prometheus/fixture.yml', '--storage.tsdb.path=/prometheus', `--web.listen-address=127.0.0.1:${port}`])
    .withLabels({ ...runLabels(ONYX_STACK.name, newRunId()), [LABEL.service]: 'fixture-prometheus' })
    .withWaitStrategy(Wait.forLogMessage(/Server is ready to receive web requests/))
    .withStartupTimeout(60_000)
    .start();
  return { url: `http://127.0.0.1:${port}`, stop: async () => void (await container.stop()) };
}
