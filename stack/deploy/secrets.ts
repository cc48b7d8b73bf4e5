import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { CREDENTIAL_ENV, CredentialError, DEFAULT_USERS, resolveCredentials, type Credentials } from '../model/credentials.ts';
import type { StackModel } from '../model/schema.ts';
import { deployRuntimeFiles, monitoringServices, runtimeFileSource } from './runtime-files.ts';

/**
 * The credentials of a deployment, from the operator's environment only. Unlike a test run nothing
 * is generated: the ONYX services expose /metrics with the same password, so a made-up one would
 * lock Prometheus out. Only the user names have defaults (`prometheus`, `admin`).
 */
export function deploymentCredentials(env: NodeJS.ProcessEnv): Credentials {
  const missing = (Object.entries(CREDENTIAL_ENV) as [keyof Credentials, string][])
    .filter(([secret, variable]) => !(secret in DEFAULT_USERS) && !env[variable])
    .map(([, variable]) => variable);
  if (missing.length > 0) throw new CredentialError(`${missing.join(', ')} not set: put ${missing.length > 1 ? 'them' : 'it'} in the .env beside the Compose file`);
  return resolveCredentials(env).values;
}

/**
 * Writes every secret-bearing runtime file of the monitoring services under `dir`, as the Compose
 * file mounts them (`<dir>/<service>/<path in the container>`). The folder is 0700, so no other
 * host user reads it; the files are 0444, so the containers' own users (uid 100, 101...) read them
 * through the bind mounts, which bypass the folder's permissions.
 */
export async function writeDeploymentFiles(stack: StackModel, dir: string, credentials: Credentials): Promise<string[]> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const written: string[] = [];
  for (const service of monitoringServices(stack)) {
    for (const file of deployRuntimeFiles(stack, service, credentials)) {
      const path = join(dir, runtimeFileSource(service.name, file.target));
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      // A file from an earlier run is read-only: replace it rather than write through it.
      await rm(path, { force: true });
      await writeFile(path, file.content, { mode: 0o444 });
      await chmod(path, 0o444);
      written.push(path);
    }
  }
  return written;
}
