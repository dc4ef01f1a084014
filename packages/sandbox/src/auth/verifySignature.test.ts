import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { GatewayError } from '../http/gatewayError.js';
import { SANDBOX_ERROR_CODES } from '../http/sandboxErrorCodes.js';
import { verifySignature, type SignedRequest } from './verifySignature.js';
import { signHeaders } from '../test-utils/signHeaders.js';

const apiToken = 'token-1';
const secretKey = 'secret-1';
const now = Date.parse('2024-06-17T00:00:00.000Z');
const EMPTY_MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

function lower(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function request(overrides: Partial<SignedRequest> & { sign?: Parameters<typeof signHeaders>[0] } = {}): SignedRequest {
  const method = overrides.method ?? 'POST';
  const pathWithQuery = overrides.pathWithQuery ?? '/api/order/pay-info';
  const body = overrides.body ?? Buffer.from('{"chain":"ETH"}');
  const headers = lower(
    signHeaders(
      overrides.sign ?? { method, pathWithQuery, body: Buffer.from(body), apiToken, secretKey, date: '2024-06-17T00:00:00.000Z' },
    ),
  );
  return { method, pathWithQuery, headers, body, now, apiToken, secretKey, ...overrides };
}

function rejection(req: SignedRequest): GatewayError {
  try {
    verifySignature(req);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('verifySignature', () => {
  it('accepts a POST signed like the official script, with the body MD5 in the origin', () => {
    const { signatureOrigin } = verifySignature(request());
    const md5 = createHash('md5').update('{"chain":"ETH"}').digest('hex');
    expect(signatureOrigin).toBe(`HMAC-SHA256 | 2024-06-17T00:00:00.000Z | POST /api/order/pay-info | ${md5}`);
  });

  it('accepts a GET with its query and no Body-MD5 part', () => {
    const path = '/api/v2/order/?page=2&size=20';
    const req = request({
      method: 'GET',
      pathWithQuery: path,
      body: Buffer.alloc(0),
      sign: { method: 'GET', pathWithQuery: path, apiToken, secretKey, date: '2024-06-17T00:04:59Z' },
    });
    expect(verifySignature(req).signatureOrigin).toBe(`HMAC-SHA256 | 2024-06-17T00:04:59Z | GET ${path}`);
  });

  it('accepts HMAC-SHA3_256', () => {
    const sign = {
      method: 'POST',
      pathWithQuery: '/api/bln/order',
      body: '{}',
      apiToken,
      secretKey,
      algorithm: 'HMAC-SHA3_256' as const,
      date: '2024-06-17T00:00:00Z',
    };
    expect(() => verifySignature(request({ pathWithQuery: '/api/bln/order', body: Buffer.from('{}'), sign }))).not.toThrow();
  });

  it('accepts a body-less POST with either an empty Body-MD5 or the MD5 of ""', () => {
    const base = { method: 'POST', pathWithQuery: '/api/v2/order/refund/1', apiToken, secretKey, date: '2024-06-17T00:00:00Z' };
    const empty = request({ pathWithQuery: base.pathWithQuery, body: Buffer.alloc(0), sign: { ...base, bodyMd5: '' } });
    expect(verifySignature(empty).signatureOrigin).toBe('HMAC-SHA256 | 2024-06-17T00:00:00Z | POST /api/v2/order/refund/1');
    const hashed = request({ pathWithQuery: base.pathWithQuery, body: Buffer.alloc(0), sign: { ...base } });
    expect(verifySignature(hashed).signatureOrigin.endsWith(` | ${EMPTY_MD5}`)).toBe(true);
  });

  it('compares Body-MD5 without regard to case, signing what was sent', () => {
    const md5 = createHash('md5').update('{"chain":"ETH"}').digest('hex').toUpperCase();
    const sign = {
      method: 'POST',
      pathWithQuery: '/api/order/pay-info',
      body: '{"chain":"ETH"}',
      apiToken,
      secretKey,
      date: '2024-06-17T00:00:00Z',
      bodyMd5: md5,
    };
    expect(verifySignature(request({ sign })).signatureOrigin.endsWith(md5)).toBe(true);
  });

  it.each([
    ['API-Token', 'api-token'],
    ['Algorithm', 'algorithm'],
    ['Date', 'date'],
    ['Signature', 'signature'],
  ])('names a missing %s header', (name, key) => {
    const req = request();
    const headers = { ...req.headers, [key]: undefined };
    const error = rejection({ ...req, headers });
    expect(error.aurpayCode).toBe(SANDBOX_ERROR_CODES.signatureHeaderMissing);
    expect(error.message).toContain(name);
  });

  it('rejects an unsupported algorithm', () => {
    const req = request();
    expect(rejection({ ...req, headers: { ...req.headers, algorithm: 'HMAC-MD5' } }).aurpayCode).toBe(
      SANDBOX_ERROR_CODES.algorithmUnsupported,
    );
  });

  it('rejects an unknown API-Token', () => {
    expect(rejection(request({ apiToken: 'another' })).aurpayCode).toBe(SANDBOX_ERROR_CODES.apiTokenUnknown);
  });

  it.each(['yesterday', '2024-06-17T00:00:00', '2024-06-17 00:00:00Z', '2024-13-45T00:00:00Z'])('rejects the Date %j', (date) => {
    const req = request();
    expect(rejection({ ...req, headers: { ...req.headers, date } }).aurpayCode).toBe(SANDBOX_ERROR_CODES.dateInvalid);
  });

  it.each([
    ['stale', -301],
    ['in the future', 301],
  ])('rejects a Date that is %s by more than 300 s and accepts 300 s', (word, seconds) => {
    const signAt = (offset: number) => ({
      method: 'POST',
      pathWithQuery: '/p',
      body: '{}',
      apiToken,
      secretKey,
      date: new Date(now + offset * 1000).toISOString(),
    });
    const error = rejection(request({ pathWithQuery: '/p', body: Buffer.from('{}'), sign: signAt(seconds) }));
    expect(error.aurpayCode).toBe(SANDBOX_ERROR_CODES.dateOutOfWindow);
    expect(error.message).toContain(word);
    const edge = Math.sign(seconds) * 300;
    expect(() => verifySignature(request({ pathWithQuery: '/p', body: Buffer.from('{}'), sign: signAt(edge) }))).not.toThrow();
  });

  it('rejects a Body-MD5 that does not match the body, reporting the MD5 received', () => {
    const req = request();
    const error = rejection({ ...req, body: Buffer.from('{"chain":"BTC"}') });
    expect(error.aurpayCode).toBe(SANDBOX_ERROR_CODES.bodyMd5Mismatch);
    expect(error.data).toEqual({ body_md5: createHash('md5').update('{"chain":"BTC"}').digest('hex') });
  });

  it('rejects an empty Body-MD5 when there is a body', () => {
    const sign = { method: 'POST', pathWithQuery: '/api/order/pay-info', apiToken, secretKey, date: '2024-06-17T00:00:00Z', bodyMd5: '' };
    expect(rejection(request({ sign })).aurpayCode).toBe(SANDBOX_ERROR_CODES.bodyMd5Mismatch);
  });

  it('rejects a wrong signature with the signature_origin it computed', () => {
    const req = request({ secretKey: 'not-the-one-signed-with' });
    const error = rejection(req);
    expect(error.aurpayCode).toBe(SANDBOX_ERROR_CODES.signatureMismatch);
    expect((error.data as { signature_origin: string }).signature_origin).toMatch(
      /^HMAC-SHA256 \| 2024-06-17T00:00:00.000Z \| POST \/api\/order\/pay-info \| [0-9a-f]{32}$/,
    );
  });

  it('rejects a signature over a different path or query', () => {
    const req = request();
    expect(rejection({ ...req, pathWithQuery: '/api/order/pay-info?x=1' }).aurpayCode).toBe(SANDBOX_ERROR_CODES.signatureMismatch);
  });
});
