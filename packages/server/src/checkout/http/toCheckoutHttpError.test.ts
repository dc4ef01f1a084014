import { describe, expect, it } from 'vitest';
import { AurpayError } from '../../client/aurpayError.js';
import { CheckoutHttpError } from './checkoutHttpError.js';
import { StoreUnavailableError } from '../stores/storeUnavailableError.js';
import { toCheckoutHttpError } from './toCheckoutHttpError.js';

describe('toCheckoutHttpError', () => {
  it('maps gateway failures to 502/504 with the gateway code, hiding its details', () => {
    const cases: [AurpayError, number, RegExp][] = [
      [new AurpayError('aurpay_timeout', 'GET … timed out after 15000 ms'), 504, /did not answer in time/],
      [new AurpayError('aurpay_aborted', 'aborted'), 504, /cancelled/],
      [
        new AurpayError('aurpay_rejected', 'Insufficient account balance', { aurpayCode: 40005, traceId: 'trace-1' }),
        502,
        /Aurpay code 40005/,
      ],
      [new AurpayError('aurpay_signature_rejected', 'bad', { signatureOrigin: 'HMAC-SHA256 | secret origin' }), 502, /credentials/],
      [new AurpayError('aurpay_http_error', 'HTTP 500', { httpStatus: 500 }), 502, /HTTP 500/],
      [new AurpayError('aurpay_bad_response', '<html>'), 502, /could not be used/],
      [new AurpayError('aurpay_network', 'ECONNRESET 10.0.0.1'), 502, /could not be reached/],
    ];
    for (const [gateway, status, message] of cases) {
      const { error, expected } = toCheckoutHttpError(gateway);
      expect(expected).toBe(true);
      expect(error.status).toBe(status);
      expect(error.toBody()).toEqual({ error: { code: gateway.code, message: expect.stringMatching(message) } });
      expect(JSON.stringify(error.toBody())).not.toMatch(/trace-1|secret origin|Insufficient|ECONNRESET|10\.0\.0\.1|<html>/);
    }
  });

  it('passes CheckoutHttpErrors through and hides anything else behind a 500', () => {
    const own = new CheckoutHttpError(404, 'cart_not_found', 'No cart.');
    expect(toCheckoutHttpError(own)).toEqual({ error: own, expected: true });
    const { error, expected } = toCheckoutHttpError(new TypeError('x is undefined at /srv/app.js:1'));
    expect(expected).toBe(false);
    expect(error.toBody()).toEqual({ error: { code: 'internal_error', message: 'Something went wrong on the server.' } });
  });

  it('answers an unreachable store 503 store_unavailable with Retry-After, reported, its details hidden', () => {
    const cause = new StoreUnavailableError('Redis could not read an order: connect ECONNREFUSED 10.0.0.5:6379');
    const { error, expected } = toCheckoutHttpError(cause);
    expect(expected).toBe(false);
    expect(error.status).toBe(503);
    expect(error.headers).toEqual({ 'Retry-After': '1' });
    expect(error.toBody()).toEqual({
      error: { code: 'store_unavailable', message: 'The checkout cannot reach its order store. Please try again shortly.' },
    });
    expect(error.cause).toBe(cause);
  });

  it('refuses a non-error status for CheckoutHttpError', () => {
    expect(() => new CheckoutHttpError(200, 'ok', 'fine')).toThrow(RangeError);
  });
});
