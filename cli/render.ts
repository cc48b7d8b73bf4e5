import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { ONYX_STACK } from '../stack/model/onyx-stack.ts';
import { renderCommittedFiles } from '../stack/render/committed-files.ts';
import { REPO_ROOT } from '../stack/paths.ts';

for (const [path, content] of renderCommittedFiles(ONYX_STACK)) {
  const target = resolve(REPO_ROOT, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, content);
  console.log(`rendered ${path}`);
}
