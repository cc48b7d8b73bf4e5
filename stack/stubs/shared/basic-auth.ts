import { createHash, timingSafeEqual } from 'node:crypto';

// HTTP basic auth for the metrics paths of every stub. Anything that is not a well-formed
// `Basic <base64 of user:password>` header is rejected with 400 (malformed) or 401 (missing,
// wrong scheme, wrong credentials); nothing here throws, whatever bytes arrive.

export const BASIC_AUTH_REALM = 'metrics';
export const WWW_AUTHENTICATE = `Basic realm="${BASIC_AUTH_REALM}"`;

/** Longer headers are refused before any decoding: real credentials are far shorter. */
export const MAX_AUTHORIZATION_LENGTH = 1024;

export interface BasicCredentials {
  user: string;
  password: string;
}

export type BasicAuthResult = { ok: true } | { ok: false; status: 400 | 401; reason: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function digest(value: string | Buffer): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * A checker for one pair of credentials. The expected digests are computed once, and the digest of
 * the last header that passed is kept, so that a scraper sending the same header each time costs
 * one hash and one constant-time comparison (measured: 9-17 us per check before, see the commit).
 */
export function createBasicAuthCheck(expected: BasicCredentials): (header: string | string[] | undefined) => BasicAuthResult {
  const userDigest = digest(expected.user);
  const passwordDigest = digest(expected.password);
  let acceptedHeader: Buffer | undefined;
  return (header) => {
    if (acceptedHeader && typeof header === 'string' && header.length <= MAX_AUTHORIZATION_LENGTH) {
      if (timingSafeEqual(digest(header), acceptedHeader)) return { ok: true };
    }
    const result = decodeAndCompare(header, userDigest, passwordDigest);
    if (result.ok) acceptedHeader = digest(header as string);
    return result;
  };
}

export function checkBasicAuth(header: string | string[] | undefined, expected: BasicCredentials): BasicAuthResult {
  return createBasicAuthCheck(expected)(header);
}

function decodeAndCompare(header: string | string[] | undefined, userDigest: Buffer, passwordDigest: Buffer): BasicAuthResult {
  if (header === undefined || header === '') return { ok: false, status: 401, reason: 'missing credentials' };
  if (typeof header !== 'string') return { ok: false, status: 400, reason: 'several Authorization headers' };
  if (header.length > MAX_AUTHORIZATION_LENGTH) {
    return { ok: false, status: 400, reason: 'Authorization header too long' };
  }
  const space = header.indexOf(' ');
  const scheme = space === -1 ? header : header.slice(0, space);
  if (scheme.toLowerCase() !== 'basic') return { ok: false, status: 401, reason: 'not the Basic scheme' };

  const encoded = space === -1 ? '' : header.slice(space + 1).trim();
  if (encoded === '' || encoded.length % 4 !== 0 || !BASE64.test(encoded)) {
    return { ok: false, status: 400, reason: 'credentials are not base64' };
  }
  const raw = Buffer.from(encoded, 'base64');
  let decoded: string;
  try {
    decoded = utf8.decode(raw);
  } catch {
    return { ok: false, status: 400, reason: 'credentials are not UTF-8' };
  }
  const colon = decoded.indexOf(':');
  if (colon === -1) return { ok: false, status: 400, reason: 'credentials have no colon' };

  // Digests of equal length compare in constant time whatever the secret's content and length.
  const userOk = timingSafeEqual(digest(Buffer.from(decoded.slice(0, colon))), userDigest);
  const passwordOk = timingSafeEqual(digest(Buffer.from(decoded.slice(colon + 1))), passwordDigest);
  // Both comparisons always run, so the time taken does not tell which part was wrong.
  if (userOk && passwordOk) return { ok: true };
  return { ok: false, status: 401, reason: 'wrong credentials' };
}
