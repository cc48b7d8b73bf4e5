import { request } from 'undici';
import { basicAuthHeader } from '../../stack/model/credentials.ts';

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');

/** Authorization headers that must get 400 or 401, never a 5xx. */
export const MALFORMED_AUTHORIZATION: Record<string, string> = {
  'not base64': 'Basic !!!not-base64***',
  'no colon': `Basic ${b64('just-a-user')}`,
  'very long': `Basic ${'A'.repeat(7_000)}`,
  'odd bytes': `Basic ${b64(Buffer.from([0xff, 0xfe, 0x3a, 0xc3, 0x28]))}`,
  'wrong scheme': 'Bearer some-token',
  'empty': 'Basic ',
};

/** The HTTP status an endpoint answers, with the given Authorization header or none. */
export async function httpStatus(url: string, authorization?: string): Promise<number> {
  const res = await request(url, { headers: authorization ? { authorization } : {}, headersTimeout: 10_000 });
  await res.body.dump();
  return res.statusCode;
}

/**
 * The basic-auth guard of one metrics endpoint: no, wrong and malformed credentials get 400/401
 * (never a 5xx), and it still serves the right ones afterwards. Returns the problems, each naming
 * the case and what was answered; empty when the guard holds.
 */
export async function endpointAuthProblems(url: string, user: string, password: string): Promise<string[]> {
  const problems: string[] = [];
  const expect401 = async (what: string, authorization?: string) => {
    const status = await httpStatus(url, authorization);
    if (status !== 401) problems.push(`${what}: ${url} answered ${status}, not 401`);
  };
  await expect401('no credentials');
  await expect401('wrong password', basicAuthHeader(user, 'wrong-password'));
  await expect401('wrong user', basicAuthHeader('nobody', password));
  for (const [kind, header] of Object.entries(MALFORMED_AUTHORIZATION)) {
    const status = await httpStatus(url, header);
    if (status !== 400 && status !== 401) problems.push(`${kind} Authorization: ${url} answered ${status}, not 400/401`);
  }
  const good = await httpStatus(url, basicAuthHeader(user, password));
  if (good !== 200) problems.push(`right credentials: ${url} answered ${good}, not 200`);
  return problems;
}
