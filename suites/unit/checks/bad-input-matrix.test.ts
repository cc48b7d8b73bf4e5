import { afterAll, describe, expect, it } from 'vitest';
import { startEndpointWith500OnBadHeader } from '../../../fixtures/broken-endpoints/500-on-bad-header.ts';
import { judgeBadInput } from '../../checks/bad-input/bad-input-check.ts';
import { BAD_INPUTS } from '../../checks/bad-input/inputs.ts';
import { runMatrix } from '../../checks/bad-input/matrix.ts';
import { CREDS, GOOD_AUTH, stubForSuite } from '../stubs/helpers.ts';

describe('bad-input matrix against the four stubs in this process', () => {
  const stubs = (['suna', 'onyx-core', 'litellm', 'qdrant'] as const).map((service) => [service, stubForSuite(service)] as const);

  it('every input gets an allowed answer and a correct scrape works afterwards', async () => {
    const rows = await runMatrix(
      stubs.map(([service, s]) => ({ name: service, url: `${s.base}${s.stub.metricsPath}` })),
      GOOD_AUTH,
    );
    const result = judgeBadInput(rows);
    expect(result.details.filter((d) => !d.startsWith('|') && !d.includes('NOT VERIFIED'))).toEqual([]);
    expect(result.result).toBe('PASS');
    for (const row of rows) expect(row.answers.map((a) => a.input)).toEqual(BAD_INPUTS.map((i) => i.name));
  });
});

describe('bad-input matrix against an endpoint that answers 500 on a bad header (fixture)', () => {
  let close = () => {};
  afterAll(() => close());

  it('fails, naming the endpoint and the input', async () => {
    const { url, server } = await startEndpointWith500OnBadHeader(CREDS.user, CREDS.password);
    close = () => server.close();
    const result = judgeBadInput(await runMatrix([{ name: 'fixture-500', url }], GOOD_AUTH));
    expect(result.result).toBe('FAIL');
    expect(result.details).toContain(`fixture-500 (${url}): no colon answered 500, a server error`);
  });
});
