import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs, parseEnv } from 'node:util';
import { writeDeploymentFiles, deploymentCredentials } from '../stack/deploy/secrets.ts';
import { ONYX_STACK } from '../stack/model/onyx-stack.ts';
import { REPO_ROOT } from '../stack/paths.ts';
import { DEFAULT_RUNTIME_DIR } from '../stack/render/compose-file.ts';
import { GENERATED_DIR } from '../stack/render/committed-files.ts';

// `npm run stack:render-secrets -- [--env-file FILE] [--out DIR]`: the secret-bearing files of the
// monitoring Compose file (web configs with bcrypt hashes, htpasswd, Prometheus's password file,
// health-check credentials), rendered from the operator's environment into a git-ignored folder.

const usage = 'usage: npm run stack:render-secrets -- [--env-file FILE] [--out DIR]';
try {
  const { values } = parseArgs({ options: { 'env-file': { type: 'string' }, out: { type: 'string' } } });
  let env: NodeJS.ProcessEnv = process.env;
  if (values['env-file']) {
    const file = values['env-file'];
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    // The file wins over the shell, as it does for Compose's own variables.
    env = { ...process.env, ...parseEnv(text) };
  }
  const out = resolve(values.out ?? resolve(REPO_ROOT, GENERATED_DIR, DEFAULT_RUNTIME_DIR));
  const written = await writeDeploymentFiles(ONYX_STACK, out, deploymentCredentials(env));
  for (const path of written) console.log(`wrote ${relative(process.cwd(), path)}`);
  console.log(`${written.length} files in ${out} (folder 0700, files 0444); mount it as ONYX_RUNTIME_DIR`);
} catch (error) {
  console.error(`stack:render-secrets: ${(error as Error).message}\n${usage}`);
  process.exit(1);
}
