import { rawRequest, type RawAnswer } from './raw-request.ts';
import { BAD_INPUTS, type BadInput } from './inputs.ts';

export interface Endpoint {
  name: string;
  /** The authenticated URL the matrix aims at (its path is the metrics or API path). */
  url: string;
  /** Its own correct Authorization header, when not the stack's metrics credentials (Grafana's admin). */
  authorization?: string;
}

export interface MatrixRow {
  endpoint: string;
  url: string;
  answers: { input: string; answer: RawAnswer; allowed: number[] }[];
  /** A correct request with credentials, sent after every bad input. */
  afterwards: RawAnswer;
}

const show = (answer: RawAnswer) => ('status' in answer ? String(answer.status) : answer.error);

export async function runMatrix(endpoints: readonly Endpoint[], goodAuthorization: string, inputs: readonly BadInput[] = BAD_INPUTS): Promise<MatrixRow[]> {
  const rows: MatrixRow[] = [];
  for (const endpoint of endpoints) {
    const { pathname, search } = new URL(endpoint.url);
    const path = pathname + search;
    const good = endpoint.authorization ?? goodAuthorization;
    const answers: MatrixRow['answers'] = [];
    for (const input of inputs) {
      answers.push({ input: input.name, answer: await rawRequest(endpoint.url, input.build(path, good)), allowed: input.allowed });
    }
    const afterwards = await rawRequest(endpoint.url, { method: 'GET', path, headers: [['Authorization', good]] });
    rows.push({ endpoint: endpoint.name, url: endpoint.url, answers, afterwards });
  }
  return rows;
}

export interface MatrixProblem {
  endpoint: string;
  /** The bad input answered wrongly; absent when the correct scrape afterwards failed. */
  input?: string;
  message: string;
}

/** Every answer outside its allowed set (a 5xx above all), and every endpoint that stopped serving. */
export function matrixProblems(rows: readonly MatrixRow[]): MatrixProblem[] {
  const problems: MatrixProblem[] = [];
  for (const row of rows) {
    for (const { input, answer, allowed } of row.answers) {
      if ('status' in answer && allowed.includes(answer.status)) continue;
      const why = 'status' in answer && answer.status >= 500 ? 'a server error' : `not one of ${allowed.join('/')}`;
      problems.push({ endpoint: row.endpoint, input, message: `${row.endpoint} (${row.url}): ${input} answered ${show(answer)}, ${why}` });
    }
    if (!('status' in row.afterwards) || row.afterwards.status !== 200) {
      problems.push({ endpoint: row.endpoint, message: `${row.endpoint} (${row.url}): a correct scrape after the bad inputs answered ${show(row.afterwards)}` });
    }
  }
  return problems;
}

/** The table for the report: the allowed answers, then one line per endpoint, one column per input. */
export function matrixTable(rows: readonly MatrixRow[]): string[] {
  const inputs = rows[0]?.answers.map((a) => a.input) ?? [];
  const header = `| endpoint | ${inputs.join(' | ')} | correct scrape afterwards |`;
  const rule = `|${' --- |'.repeat(inputs.length + 2)}`;
  const allowed = `| (allowed) | ${(rows[0]?.answers ?? []).map((a) => a.allowed.join('/')).join(' | ')} | 200 |`;
  return [header, rule, allowed, ...rows.map((r) => `| ${r.endpoint} | ${r.answers.map((a) => show(a.answer)).join(' | ')} | ${show(r.afterwards)} |`)];
}
