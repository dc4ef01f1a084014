import { AurpayKitError } from '@aurpay-kit/core';
import CryptoJS from 'crypto-js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SignatureAlgorithm } from './signRequest.js';
import { bodyMd5, isSignatureAlgorithm, signatureOrigin, signRequest } from './signRequest.js';

const base = { apiToken: 'tok', secretKey: 'secret', date: '2024-06-17T00:00:00Z' };

function expectCode(fn: () => unknown, code: string, message?: RegExp): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AurpayKitError);
    expect((error as AurpayKitError).code).toBe(code);
    if (message) expect((error as Error).message).toMatch(message);
    return;
  }
  throw new Error(`expected a ${code} error`);
}

describe('bodyMd5', () => {
  it('is lower-case hex of the bytes, strings read as UTF-8', () => {
    expect(bodyMd5('')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(bodyMd5('{"price":10}')).toBe(CryptoJS.MD5('{"price":10}').toString());
    expect(bodyMd5('é')).toBe(bodyMd5(new Uint8Array([0xc3, 0xa9])));
    expect(bodyMd5('ABC')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('rejects anything but a string or bytes', () => {
    expectCode(() => bodyMd5(42 as unknown as string), 'signature_input_invalid');
    expectCode(() => bodyMd5(null as unknown as string), 'signature_input_invalid');
  });
});

describe('signatureOrigin', () => {
  it('matches the documented example for GET', () => {
    expect(
      signatureOrigin({
        algorithm: 'HMAC-SHA256',
        date: '2024-06-17T00:00:00Z',
        method: 'get',
        pathWithQuery: '/test/logs?size=20&page=2',
        bodyMd5: '',
      }),
    ).toBe('HMAC-SHA256 | 2024-06-17T00:00:00Z | GET /test/logs?size=20&page=2');
  });

  it('appends the body MD5 only when there is one', () => {
    expect(
      signatureOrigin({
        algorithm: 'HMAC-SHA3_256',
        date: '2024-06-17T00:00:00Z',
        method: 'POST',
        pathWithQuery: '/test/logs',
        bodyMd5: 'a4e00bea676896c4524f112fd0e2f6b6',
      }),
    ).toBe('HMAC-SHA3_256 | 2024-06-17T00:00:00Z | POST /test/logs | a4e00bea676896c4524f112fd0e2f6b6');
  });

  it.each([
    [{ algorithm: 'HMAC-MD5' }, /Unsupported algorithm/],
    [{ date: '' }, /date/],
    [{ method: 'GE T' }, /method/],
    [{ method: '' }, /method/],
    [{ pathWithQuery: 'api/x' }, /starting with "\/"/],
    [{ pathWithQuery: 'https://dashboard.aurpay.net/api/x' }, /no host/],
    [{ pathWithQuery: '/a b' }, /pathWithQuery/],
    [{ pathWithQuery: '/a#frag' }, /pathWithQuery/],
    [{ bodyMd5: 'xyz' }, /32 hex/],
  ])('rejects %o', (patch, message) => {
    const parts = { algorithm: 'HMAC-SHA256', date: 'd', method: 'GET', pathWithQuery: '/p', bodyMd5: '', ...patch };
    expectCode(() => signatureOrigin(parts as Parameters<typeof signatureOrigin>[0]), 'signature_input_invalid', message);
  });
});

describe('signRequest', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('signs GET without Body-MD5 and with base64 HMAC-SHA256 of the origin', () => {
    const { headers, signatureOrigin: origin } = signRequest({
      ...base,
      method: 'GET',
      pathWithQuery: '/api/v2/order/?page=1&size=10',
      body: 'ignored',
    });
    expect(origin).toBe('HMAC-SHA256 | 2024-06-17T00:00:00Z | GET /api/v2/order/?page=1&size=10');
    expect(headers).toEqual({
      'API-Token': 'tok',
      Algorithm: 'HMAC-SHA256',
      Date: '2024-06-17T00:00:00Z',
      'Body-MD5': '',
      Signature: CryptoJS.enc.Base64.stringify(CryptoJS.HmacSHA256(origin, 'secret')),
    });
  });

  it('signs a POST body and, with no body, the empty string', () => {
    const body = '{"price":10,"currency":"USD"}';
    const withBody = signRequest({ ...base, method: 'POST', pathWithQuery: '/api/order/pay-url', body });
    expect(withBody.headers['Body-MD5']).toBe(bodyMd5(body));
    expect(withBody.signatureOrigin.endsWith(` | ${bodyMd5(body)}`)).toBe(true);
    const empty = signRequest({ ...base, method: 'POST', pathWithQuery: '/api/v2/order/refund/1' });
    expect(empty.headers['Body-MD5']).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });

  it('uses NIST SHA3-256 for HMAC-SHA3_256, a different signature', () => {
    const sha2 = signRequest({ ...base, method: 'GET', pathWithQuery: '/x' });
    const sha3 = signRequest({ ...base, method: 'GET', pathWithQuery: '/x', algorithm: 'HMAC-SHA3_256' });
    expect(sha3.headers.Algorithm).toBe('HMAC-SHA3_256');
    expect(sha3.signatureOrigin.startsWith('HMAC-SHA3_256 | ')).toBe(true);
    expect(Buffer.from(sha3.headers.Signature, 'base64')).toHaveLength(32);
    expect(sha3.headers.Signature).not.toBe(sha2.headers.Signature);
  });

  it('dates the request now, as toISOString with milliseconds, or from a Date', () => {
    vi.useFakeTimers({ now: Date.parse('2025-01-02T03:04:05.678Z') });
    expect(signRequest({ ...base, date: undefined, method: 'GET', pathWithQuery: '/x' }).headers.Date).toBe('2025-01-02T03:04:05.678Z');
    expect(signRequest({ ...base, date: new Date(0), method: 'GET', pathWithQuery: '/x' }).headers.Date).toBe('1970-01-01T00:00:00.000Z');
  });

  it.each([
    [{ apiToken: '' }, /apiToken/],
    [{ apiToken: '   ' }, /apiToken/],
    [{ secretKey: undefined }, /secretKey/],
    [{ algorithm: 'SHA256' as SignatureAlgorithm }, /Unsupported algorithm "SHA256"/],
    [{ date: new Date(Number.NaN) }, /invalid Date/],
    [{ date: 12 as unknown as string }, /ISO-8601/],
    [{ method: 7 as unknown as string }, /method/],
    [{ pathWithQuery: '' }, /pathWithQuery/],
    [{ body: 5 as unknown as string, method: 'POST' }, /bodyMd5 takes/],
  ])('rejects %o', (patch, message) => {
    const input = { ...base, method: 'GET', pathWithQuery: '/x', ...patch } as Parameters<typeof signRequest>[0];
    expectCode(() => signRequest(input), 'signature_input_invalid', message);
  });

  it('rejects a missing options object', () => {
    expectCode(() => signRequest(null as unknown as Parameters<typeof signRequest>[0]), 'signature_input_invalid');
  });

  it('recognizes exactly the two algorithms', () => {
    expect(isSignatureAlgorithm('HMAC-SHA256')).toBe(true);
    expect(isSignatureAlgorithm('HMAC-SHA3_256')).toBe(true);
    expect(isSignatureAlgorithm('hmac-sha256')).toBe(false);
    expect(isSignatureAlgorithm('toString')).toBe(false);
  });
});
