import { describe, expect, it } from 'vitest';
import { checkBasicAuth, createBasicAuthCheck, MAX_AUTHORIZATION_LENGTH } from '../../../stack/stubs/shared/basic-auth.ts';
import { basic, CREDS } from './helpers.ts';

const check = (header: string | string[] | undefined) => checkBasicAuth(header, CREDS);
const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');

describe('checkBasicAuth', () => {
  it('accepts the right credentials, scheme in any case, password with a colon and non-ASCII', () => {
    expect(check(basic(CREDS.user, CREDS.password))).toEqual({ ok: true });
    expect(check(`bAsIc ${b64(`${CREDS.user}:${CREDS.password}`)}`)).toEqual({ ok: true });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['wrong password', basic(CREDS.user, 'nope')],
    ['wrong user', basic('someone', CREDS.password)],
    ['password prefix only', basic(CREDS.user, CREDS.password.slice(0, 3))],
    ['empty user and password', basic('', '')],
    ['another scheme', 'Bearer abc.def'],
  ])('answers 401 for %s', (_, header) => {
    expect(check(header)).toMatchObject({ ok: false, status: 401 });
  });

  it.each([
    ['not base64', 'Basic !!!not*base64'],
    ['base64 of the wrong length', 'Basic abc'],
    ['nothing after the scheme', 'Basic '],
    ['the scheme alone', 'Basic'],
    ['no colon', `Basic ${b64('scraperpassword')}`],
    ['non-UTF-8 bytes', `Basic ${b64(Buffer.from([0xff, 0xfe, 0x3a, 0xc3]))}`],
    ['too long', `Basic ${'A'.repeat(MAX_AUTHORIZATION_LENGTH + 4)}`],
    ['several headers', ['Basic a', 'Basic b']],
  ])('answers 400 for %s', (_, header) => {
    expect(check(header)).toMatchObject({ ok: false, status: 400 });
  });
});

describe('createBasicAuthCheck', () => {
  it('keeps accepting the header that passed, and still refuses any other after it', () => {
    const check = createBasicAuthCheck(CREDS);
    const good = basic(CREDS.user, CREDS.password);
    expect(check(good)).toEqual({ ok: true });
    expect(check(good)).toEqual({ ok: true });
    expect(check(basic(CREDS.user, 'nope'))).toMatchObject({ ok: false, status: 401 });
    expect(check(`${good} `)).toEqual({ ok: true });
    expect(check([good, good])).toMatchObject({ ok: false, status: 400 });
    expect(check(undefined)).toMatchObject({ ok: false, status: 401 });
  });
});
