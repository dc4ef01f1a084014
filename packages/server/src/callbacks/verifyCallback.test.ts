import { createHmac } from 'node:crypto';
import { AurpayKitError } from '@aurpay-kit/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VerifyCallbackOptions } from './verifyCallback.js';
import { CallbackVerificationError } from './callbackVerificationError.js';
import { signCallback } from './signCallback.js';
import { verifyCallback } from './verifyCallback.js';

const callbackUrl = 'https://shop.example.com/aurpay/callback?order=42';
const token = 'EEB0C8EEB1B6C7D9C7D938449C44DAE7DC484C87C14E';
const secret = 'callback-secret';
const date = '2024-06-17T00:00:00Z';
const now = Date.parse(date);

function signed(extra: Partial<Record<string, string>> = {}): Record<string, string> {
  return { ...signCallback({ callbackUrl, token, secret, date }), ...extra } as Record<string, string>;
}

function failure(options: Partial<VerifyCallbackOptions>): CallbackVerificationError {
  try {
    verifyCallback({ headers: signed(), callbackUrl, token, secret, now, ...options });
  } catch (error) {
    expect(error).toBeInstanceOf(CallbackVerificationError);
    expect(error).toBeInstanceOf(AurpayKitError);
    return error as CallbackVerificationError;
  }
  throw new Error('expected a CallbackVerificationError');
}

describe('verifyCallback', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('accepts a callback signed by signCallback, with Headers or a Node-style record', () => {
    expect(verifyCallback({ headers: signed(), callbackUrl, token, secret, now })).toEqual({ date });
    expect(verifyCallback({ headers: new Headers(signed()), callbackUrl, token, secret, now: new Date(now) })).toEqual({ date });
    const lower = Object.fromEntries(Object.entries(signed()).map(([k, v]) => [k.toLowerCase(), [v]]));
    expect(verifyCallback({ headers: lower, callbackUrl, token, secret, now })).toEqual({ date });
  });

  it('accepts a signature computed independently', () => {
    const signature = createHmac('sha256', secret).update(`${date} | ${callbackUrl}`).digest('base64');
    const headers = { 'Callback-Token': token, Date: date, Signature: signature };
    expect(verifyCallback({ headers, callbackUrl, token, secret, now })).toEqual({ date });
  });

  it('checks only the token and date without a secret', () => {
    const headers = { 'Callback-Token': token, Date: date };
    expect(verifyCallback({ headers, callbackUrl, token, now })).toEqual({ date });
  });

  it('uses the clock by default', () => {
    vi.useFakeTimers({ now: now + 299_000 });
    expect(verifyCallback({ headers: signed(), callbackUrl, token, secret })).toEqual({ date });
    vi.setSystemTime(now + 301_000);
    expect(() => verifyCallback({ headers: signed(), callbackUrl, token, secret })).toThrow(CallbackVerificationError);
  });

  it('names each missing header', () => {
    const { Signature: _s, ...noSignature } = signed();
    expect(failure({ headers: noSignature })).toMatchObject({
      code: 'callback_header_missing',
      message: expect.stringMatching(/Signature/),
    });
    const { Date: _d, ...noDate } = signed();
    expect(failure({ headers: noDate }).message).toMatch(/lacks the Date header/);
    expect(failure({ headers: {} }).message).toMatch(/Callback-Token, Date, Signature/);
    expect(failure({ headers: { ...signed(), 'Callback-Token': '' } }).code).toBe('callback_header_missing');
    expect(failure({ headers: { 'Callback-Token': token }, secret: undefined }).message).toMatch(/lacks the Date header/);
  });

  it('refuses a header sent more than once: there is no one value to check', () => {
    const headers = signed();
    const twice = (name: string) => ({ ...headers, [name.toLowerCase()]: [headers[name]!, headers[name]!] });
    expect(failure({ headers: { ...twice('Callback-Token') } })).toMatchObject({
      code: 'callback_token_invalid',
      message: expect.stringMatching(/Callback-Token more than once/),
    });
    expect(failure({ headers: { ...twice('Signature') } }).code).toBe('callback_signature_invalid');
    expect(failure({ headers: { ...twice('Date') } }).code).toBe('callback_date_invalid');
    // Without a secret, Signature is not read at all.
    const { Signature: _s, ...unsigned } = headers;
    expect(verifyCallback({ headers: { ...unsigned, signature: ['a', 'b'] }, callbackUrl, token, now })).toEqual({ date });
  });

  it('rejects a wrong token, even of another length', () => {
    expect(failure({ headers: signed({ 'Callback-Token': `${token}X` }) }).code).toBe('callback_token_invalid');
    expect(failure({ headers: signed({ 'Callback-Token': 'x' }) }).code).toBe('callback_token_invalid');
    expect(failure({ token: 'other-token' }).code).toBe('callback_token_invalid');
  });

  it('rejects a signature over another URL, date or secret', () => {
    expect(failure({ callbackUrl: 'https://shop.example.com/aurpay/callback?order=43' }).code).toBe('callback_signature_invalid');
    expect(failure({ secret: 'other' }).code).toBe('callback_signature_invalid');
    expect(failure({ headers: signed({ Date: '2024-06-17T00:00:01Z' }) }).code).toBe('callback_signature_invalid');
    expect(failure({ headers: signed({ Signature: 'short' }) }).code).toBe('callback_signature_invalid');
  });

  it('rejects a Date that is not ISO-8601', () => {
    for (const bad of ['Mon, 17 Jun 2024 00:00:00 GMT', '2024-06-17', '2024-13-40T00:00:00Z', '1718582400']) {
      const headers = signCallback({ callbackUrl, token, secret, date: bad });
      expect(failure({ headers }).code).toBe('callback_date_invalid');
    }
  });

  it('reads a zone-less Date as UTC and accepts offsets', () => {
    for (const ok of ['2024-06-17T00:00:00', '2024-06-17T02:00:00+02:00', '2024-06-17T00:00:00.000Z']) {
      const headers = signCallback({ callbackUrl, token, secret, date: ok });
      expect(verifyCallback({ headers, callbackUrl, token, secret, now })).toEqual({ date: ok });
    }
  });

  it('rejects a Date more than 300 s away, either way', () => {
    expect(verifyCallback({ headers: signed(), callbackUrl, token, secret, now: now + 300_000 })).toEqual({ date });
    expect(failure({ now: now + 300_001 }).code).toBe('callback_date_out_of_range');
    expect(failure({ now: now - 300_001 }).code).toBe('callback_date_out_of_range');
    expect(failure({ now: now + 11_000, toleranceSeconds: 10 }).code).toBe('callback_date_out_of_range');
  });

  it.each([
    [{ callbackUrl: 'shop.example.com/cb' }, /callbackUrl/],
    [{ token: '' }, /token/],
    [{ secret: '' }, /secret/],
    [{ toleranceSeconds: -1 }, /toleranceSeconds/],
    [{ now: Number.NaN }, /now/],
    [{ headers: null }, /headers/],
  ])('rejects bad options %o with callback_options_invalid', (patch, message) => {
    try {
      verifyCallback({ headers: signed(), callbackUrl, token, secret, now, ...(patch as object) });
      throw new Error('expected an error');
    } catch (error) {
      expect(error).not.toBeInstanceOf(CallbackVerificationError);
      expect(error).toMatchObject({ code: 'callback_options_invalid', message: expect.stringMatching(message) });
    }
  });
});
