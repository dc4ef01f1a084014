import { AurpayKitError } from '@aurpay-kit/core';
import CryptoJS from 'crypto-js';
import { describe, expect, it, vi } from 'vitest';
import { signCallback } from './signCallback.js';

const callbackUrl = 'https://shop.example.com/aurpay/callback?order=42';
const token = 'EEB0C8EEB1B6C7D9C7D938449C44DAE7DC484C87C14E';
const secret = 'callback-secret';
const date = '2024-06-17T00:00:00Z';

describe('signCallback', () => {
  it('signs "{date} | {callback_url}" with HMAC-SHA256, base64', () => {
    const headers = signCallback({ callbackUrl, token, secret, date });
    const expected = CryptoJS.enc.Base64.stringify(CryptoJS.HmacSHA256(`${date} | ${callbackUrl}`, secret));
    expect(headers).toEqual({ 'Callback-Token': token, Date: date, Signature: expected });
  });

  it('dates the callback now by default, or from a Date', () => {
    vi.useFakeTimers({ now: Date.parse('2025-03-04T05:06:07.089Z') });
    expect(signCallback({ callbackUrl, token, secret }).Date).toBe('2025-03-04T05:06:07.089Z');
    expect(signCallback({ callbackUrl, token, secret, date: new Date(0) }).Date).toBe('1970-01-01T00:00:00.000Z');
    vi.useRealTimers();
  });

  it.each([
    [{ callbackUrl: '/relative' }, /full URL/],
    [{ callbackUrl: 'ftp://x' }, /full URL/],
    [{ token: '' }, /token/],
    [{ secret: undefined }, /secret/],
    [{ date: new Date(Number.NaN) }, /date/],
    [{ date: '' }, /date/],
  ])('rejects %o', (patch, message) => {
    const call = () => signCallback({ callbackUrl, token, secret, ...patch } as Parameters<typeof signCallback>[0]);
    expect(call).toThrow(AurpayKitError);
    expect(call).toThrow(message);
  });
});
