import { describe, expect, it } from 'vitest';
import { judgeAc911, type Ac911Evidence } from '../../checks/ac-9-1-1.ts';
import { spacings } from '../../checks/scraping.ts';

const good = (job: string) => ({ job, instance: `${job}:1`, up: 1, samples: 4, spacings: [15.001, 14.999, 15] });
const target = (job: string, health: 'up' | 'down' = 'up', scrapeInterval = '15s') => ({
  labels: { job },
  scrapeUrl: `http://${job}:1/metrics`,
  health,
  lastError: health === 'up' ? '' : 'connection refused',
  lastScrapeDuration: 0.01,
  scrapeInterval,
});
const evidence = (overrides: Partial<Ac911Evidence> = {}): Ac911Evidence => ({
  targets: [target('suna'), target('redis')],
  scrapes: [good('suna'), good('redis')],
  auth: [{ job: 'suna', url: 'http://127.0.0.1:1/api/metrics', withoutCredentials: 401, withCredentials: 200 }],
  promtool: [{ command: 'promtool check config', exitCode: 0, output: 'SUCCESS' }],
  ...overrides,
});

describe('judging AC 9.1.1 from evidence', () => {
  it('passes when every target is up, 15 s apart, guarded, and promtool agrees', () => {
    const r = judgeAc911(evidence(), ['suna', 'redis']);
    expect(r.result).toBe('PASS');
    expect(r.figure).toBe('2/2 targets up; worst spacing off by 0.001 s');
  });

  it('fails on a spacing outside 15 s ± 1 s', () => {
    const r = judgeAc911(evidence({ scrapes: [good('suna'), { ...good('redis'), spacings: [15, 16.5, 15] }] }), ['suna', 'redis']);
    expect(r.result).toBe('FAIL');
    expect(r.details).toContain('redis: scrapes 16.5 s apart');
  });

  it('fails on a down target, a missing job, too few scrapes, an open endpoint, or promtool failing', () => {
    const r = judgeAc911(
      evidence({
        scrapes: [{ ...good('suna'), up: 0, spacings: [15] }],
        auth: [{ job: 'suna', url: 'u', withoutCredentials: 200, withCredentials: 200 }],
        promtool: [{ command: 'promtool check config', exitCode: 1, output: 'bad' }],
        targets: [target('suna', 'down'), target('redis', 'up', '30s')],
      }),
      ['suna', 'redis'],
    );
    expect(r.result).toBe('FAIL');
    expect(r.details).toEqual(
      expect.arrayContaining([
        'redis: no stored samples',
        'suna: down (up=0)',
        'suna: only 1 spacings stored',
        'suna: u answered 200 without credentials',
        'promtool check config failed: bad',
        'suna: /targets says down (connection refused)',
        'redis: /targets says interval 30s',
      ]),
    );
  });

  it('names a stopped service whose endpoint the host cannot reach, rather than giving up', () => {
    const r = judgeAc911(
      evidence({ auth: [{ job: 'redis', url: 'http://127.0.0.1:9/metrics', withoutCredentials: 0, withCredentials: 0, unreachable: 'connect ECONNREFUSED' }] }),
      ['suna', 'redis'],
    );
    expect(r.result).toBe('FAIL');
    expect(r.details).toEqual(['redis: http://127.0.0.1:9/metrics is unreachable (connect ECONNREFUSED)']);
  });

  it('reads spacings from stored sample timestamps', () => {
    expect(spacings({ labels: {}, values: [[100, '1'], [115.002, '1'], [130, '1']] })).toEqual([15.002, 14.998]);
  });
});
