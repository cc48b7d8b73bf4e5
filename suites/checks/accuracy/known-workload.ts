import { resolve } from 'node:path';
import { REPO_ROOT } from '../../../stack/paths.ts';
import { loadWorkload, type Workload } from '../../../stack/workload/workload.ts';

const KNOWN_WORKLOAD_FILE = resolve(REPO_ROOT, 'fixtures/workloads/known-workload.json');

export const knownWorkload = (): Workload => loadWorkload(KNOWN_WORKLOAD_FILE);
