// Entry point of the stub image (bundled by esbuild): reads the environment, starts the chosen
// stub, and stops it cleanly on SIGTERM or SIGINT.
import { z } from 'zod';
import { createStub, DEFAULT_BACKGROUND_INTERVAL_MS, STUB_SERVICE_NAMES, type Stub } from './index.ts';
import { INSTRUMENTATION_MODES } from './shared/instrumentation.ts';

const Env = z.object({
  STUB_SERVICE: z.enum(STUB_SERVICE_NAMES),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().min(1).optional(),
  METRICS_USER: z.string().min(1),
  METRICS_PASSWORD: z.string().min(1),
  BACKGROUND_INTERVAL_MS: z.coerce.number().int().min(0).default(DEFAULT_BACKGROUND_INTERVAL_MS),
  ONYX_INSTRUMENTATION: z.enum(INSTRUMENTATION_MODES).optional(),
});

function describe(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const name = issue.path.join('.');
      return issue.code === 'invalid_type' && issue.input === undefined ? `${name} is required` : `${name}: ${issue.message}`;
    })
    .join('; ');
}

async function main(): Promise<void> {
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    console.error(`stub: cannot start: ${describe(parsed.error)}`);
    process.exitCode = 1;
    return;
  }
  const env = parsed.data;
  let stub: Stub;
  try {
    stub = createStub(env.STUB_SERVICE, {
      port: env.PORT,
      host: env.HOST,
      metricsUser: env.METRICS_USER,
      metricsPassword: env.METRICS_PASSWORD,
      backgroundIntervalMs: env.BACKGROUND_INTERVAL_MS,
    });
  } catch (error) {
    console.error(`stub: cannot start ${env.STUB_SERVICE}: ${(error as Error).message}`);
    process.exitCode = 1;
    return;
  }

  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    stub.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);

  try {
    await stub.start();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const port = env.PORT ?? stub.port;
    const hint = code === 'EADDRINUSE' ? `port ${port} is in use; set PORT to a free port` : (error as Error).message;
    console.error(`stub: cannot start ${env.STUB_SERVICE}: ${hint}`);
    process.exit(1);
  }
}

void main();
