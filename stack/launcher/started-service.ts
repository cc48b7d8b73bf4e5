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
}
