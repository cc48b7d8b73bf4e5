/**
 * Settings testcontainers reads from the environment, set when a stack or a fixture container
 * starts (never on import). The reaper image cannot be pulled here: this launcher labels and
 * removes what it starts instead. Ports are published on 127.0.0.1 only; inside a container
 * (/.dockerenv) testcontainers would otherwise probe the bridge gateway (172.17.0.1), where nothing
 * listens, and every HTTP wait would time out.
 */
export function configureTestcontainers(): void {
  process.env.TESTCONTAINERS_RYUK_DISABLED = 'true';
  process.env.TESTCONTAINERS_HOST_OVERRIDE = '127.0.0.1';
}
