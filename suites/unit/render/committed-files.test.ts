import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ONYX_STACK } from '../../../stack/model/onyx-stack.ts';
import { REPO_ROOT } from '../../../stack/paths.ts';
import { renderCommittedFiles } from '../../../stack/render/committed-files.ts';
import { renderPrometheusConfig } from '../../../stack/render/prometheus-config.ts';

describe('rendered files', () => {
  it('are deterministic', () => {
    expect([...renderCommittedFiles(ONYX_STACK)]).toEqual([...renderCommittedFiles(structuredClone(ONYX_STACK))]);
  });

  it('match what is committed (run `npm run stack:render` after changing the model)', async () => {
    for (const [path, expected] of renderCommittedFiles(ONYX_STACK)) {
      const committed = await readFile(resolve(REPO_ROOT, path), 'utf8').catch(() => '<missing>');
      expect(committed, `${path} drifted from the model`).toBe(expected);
    }
  });

  it('carry no secret: no bcrypt hash and no password field in any committed file', () => {
    for (const [path, content] of renderCommittedFiles(ONYX_STACK)) {
      expect(content, path).not.toMatch(/\$2[aby]\$\d\d\$/);
      expect(content, path).not.toMatch(/^\s*password:/m);
    }
  });

  it('give every job basic auth with a password file and never a password', () => {
    const config = parse(renderPrometheusConfig(ONYX_STACK, { metricsUser: 'prometheus' }));
    expect(config.global.scrape_interval).toBe('15s');
    for (const job of config.scrape_configs) {
      expect(job.basic_auth, job.job_name).toEqual({
        username: 'prometheus',
        password_file: '/etc/prometheus/secrets/metrics-password',
      });
      expect(job.basic_auth.password).toBeUndefined();
    }
  });

  it('drop the personal-data labels of LiteLLM before storage', () => {
    const config = parse(renderPrometheusConfig(ONYX_STACK, { metricsUser: 'prometheus' }));
    const litellm = config.scrape_configs.find((j: { job_name: string }) => j.job_name === 'litellm');
    const regex = new RegExp(`^(?:${litellm.metric_relabel_configs[0].regex})$`);
    expect(litellm.metric_relabel_configs[0].action).toBe('labeldrop');
    for (const label of ['user_email', 'client_ip', 'end_user', 'user']) expect(regex.test(label)).toBe(true);
    expect(regex.test('model')).toBe(false);
  });
});
