// npm run lint:dashboards -- FILE_OR_FOLDER...
// Exit code: 0 clean, 1 findings, 2 a file could not be linted (or no file given).
import { formatRun } from '../suites/checks/dashboard-lint/format.ts';
import { exitCodeOf, lintFiles } from '../suites/checks/dashboard-lint/lint-files.ts';

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error('usage: npm run lint:dashboards -- FILE_OR_FOLDER... (Grafana dashboard JSON files)');
  process.exit(2);
}
const run = lintFiles(paths);
for (const line of formatRun(run)) console.log(line);
process.exit(exitCodeOf(run));
