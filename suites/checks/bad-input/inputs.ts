import type { RawRequest } from './raw-request.ts';

/** One bad input of the matrix: how to build it for an endpoint, and the answers that fit it. */
export interface BadInput {
  name: string;
  build(path: string, goodAuthorization: string): RawRequest;
  allowed: number[];
}

const b64 = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64');
const get = (path: string, authorization?: Buffer | string): RawRequest => ({
  method: 'GET',
  path,
  headers: authorization === undefined ? [] : [['Authorization', authorization]],
});

/** 16 KiB of base64 in one header: larger than Node's whole-header limit and nginx's 8 KiB line buffer. */
export const LONG_HEADER_BYTES = 16 * 1024;

export const BAD_INPUTS: readonly BadInput[] = [
  { name: 'no credentials', build: (path) => get(path), allowed: [401] },
  { name: 'wrong credentials', build: (path) => get(path, `Basic ${b64('prometheus:not-the-password')}`), allowed: [401] },
  { name: 'not base64', build: (path) => get(path, 'Basic !!!not-base64***'), allowed: [400, 401] },
  { name: 'no colon', build: (path) => get(path, `Basic ${b64('just-a-user')}`), allowed: [400, 401] },
  { name: '16 KB header', build: (path) => get(path, `Basic ${'A'.repeat(LONG_HEADER_BYTES)}`), allowed: [400, 401] },
  {
    name: 'odd bytes',
    build: (path) => get(path, Buffer.concat([Buffer.from('Basic '), Buffer.from([0xff, 0xfe, 0x01, 0x7f, 0xc3, 0x28])])),
    allowed: [400, 401],
  },
  {
    name: 'wrong method',
    build: (path, good) => ({ method: 'DELETE', path, headers: [['Authorization', good]] }),
    allowed: [400, 404, 405],
  },
  { name: 'unknown path', build: (_path, good) => get('/no-such-path-onyx', good), allowed: [404] },
];
