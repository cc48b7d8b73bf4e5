import type { StartedTestContainer } from 'testcontainers';
import type { Service } from '../model/schema.ts';

/** A running service with typed accessors to what it publishes on the host's loopback. */
export class StartedService {
  constructor(
    readonly service: Service,
    readonly container: StartedTestContainer,
    readonly startupSeconds: number,
  ) {}

  get name(): string {
    return this.service.name;
  }

  /** http://127.0.0.1:<mapped port> for a published container port. */
  url(containerPort: number): string {
    if (!this.service.ports.some((p) => p.container === containerPort && p.publish)) {
      throw new Error(`${this.name} does not publish port ${containerPort}`);
    }
    return `http://127.0.0.1:${this.container.getMappedPort(containerPort)}`;
  }

  /** The metrics URL Prometheus scrapes, as reached from the host; undefined when not scraped. */
  get metricsUrl(): string | undefined {
    const scrape = this.service.scrape;
    return scrape ? `${this.url(scrape.port)}${scrape.metricsPath}` : undefined;
  }

  /** The address Prometheus uses inside the stack network. */
  get scrapeTarget(): string | undefined {
    return this.service.scrape ? `${this.name}:${this.service.scrape.port}` : undefined;
  }

  async logTail(lines = 20): Promise<string> {
    return tailOf(this.container, lines);
  }
}

export async function tailOf(container: StartedTestContainer, lines: number): Promise<string> {
  const stream = await container.logs({ tail: lines });
  return new Promise((resolve) => {
    let text = '';
    const done = () => resolve(text);
    stream.on('data', (chunk: Buffer | string) => (text += chunk.toString()));
    stream.on('end', done);
    stream.on('error', done);
    setTimeout(() => {
      stream.destroy();
      done();
    }, 2_000).unref();
  });
}
