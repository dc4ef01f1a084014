import { describe, expect, it } from 'vitest';
import type { AurpayError } from './aurpayError.js';
import { interpretResponse } from './interpretResponse.js';
import type { Normalizer } from './normalize.js';
import { record, text } from './normalizeFields.js';
import { readPayUrl, readRefund } from './readAccepted.js';

const ctx = { label: 'getPayUrl', signatureOrigin: 'HMAC-SHA256 | 2024-06-17T00:00:00.000Z | POST /api/order/pay-url | abc' };
const json = 'application/json';
const normalizePayUrl: Normalizer<{ pay_url: string }> = (data, path = 'data') => ({ pay_url: text(record(data, path), 'pay_url', path) });

describe('interpretResponse for calls that move money', () => {
  const accepted = (body: string, status = 200) => interpretResponse({ status, contentType: json, body }, ctx, readPayUrl);

  it('never throws once the envelope says code 0: unreadable fields are null and listed', () => {
    expect(accepted('{"code":0,"message":"ok","data":{"pay_url":"https://x/#/c"},"result":true}')).toEqual({
      pay_url: 'https://x/#/c',
      complete: true,
      unreadable: [],
      raw: { pay_url: 'https://x/#/c' },
    });
    expect(accepted('{"code":0,"message":"ok","data":{"pay_url":5},"result":true}')).toEqual({
      pay_url: null,
      complete: false,
      unreadable: ['data.pay_url'],
      raw: { pay_url: 5 },
    });
    expect(accepted('{"code":0,"message":"ok","result":true}')).toMatchObject({ complete: false, unreadable: ['data'], raw: undefined });
  });

  it('reads code 0 whatever result and HTTP status say, and lists a result that is not true', () => {
    expect(accepted('{"code":0,"message":"odd","data":{"pay_url":"u"},"result":false}')).toMatchObject({
      pay_url: 'u',
      complete: false,
      unreadable: ['result'],
    });
    expect(accepted('{"code":0,"data":{"pay_url":"u"}}', 500)).toMatchObject({ pay_url: 'u', complete: false, unreadable: ['result'] });
  });

  it('still throws when the gateway refused, or when no envelope can be read', () => {
    expect(() => accepted('{"code":40005,"message":"Insufficient account balance","result":false}')).toThrow(
      expect.objectContaining({ code: 'aurpay_rejected', aurpayCode: 40005 }),
    );
    expect(() => accepted('{"code":0,"data":{"pay_u')).toThrow(expect.objectContaining({ code: 'aurpay_bad_response' }));
    expect(() => accepted('', 502)).toThrow(expect.objectContaining({ code: 'aurpay_http_error' }));
  });

  it('reads either refund shape', () => {
    const refund = (data: unknown) =>
      interpretResponse({ status: 200, contentType: json, body: JSON.stringify({ code: 0, data, result: true }) }, ctx, readRefund);
    expect(refund({ order_id: '1', refund_status: 'REFUNDED', refund_amount: 7.3348, refund_date: '2024-06-14T06:30:00' })).toMatchObject({
      shape: 'refund-status',
      refund_amount: '7.3348',
      complete: true,
    });
  });
});

describe('interpretResponse hints and signature origins', () => {
  const hinted = { ...ctx, authHint: 'Set lightningAuth.' };
  const refusal = (body: unknown) => {
    try {
      interpretResponse({ status: 200, contentType: json, body: JSON.stringify(body) }, hinted, normalizePayUrl);
    } catch (error) {
      return error as AurpayError;
    }
    throw new Error('expected an AurpayError');
  };

  it('adds the hint to refused credentials only', () => {
    expect(refusal({ code: 401, message: 'The API-Key is missing in the request header', data: {}, result: false }).message).toMatch(
      /header \(code 401\)\. Set lightningAuth\.$/,
    );
    expect(refusal({ code: 40110, message: 'Only the key of the lightning network', result: false }).message).toMatch(
      /Set lightningAuth\.$/,
    );
    expect(refusal({ code: 40005, message: 'Insufficient account balance', result: false }).message).not.toMatch(/lightningAuth/);
  });

  it('finds the origin under another key of data, or inside the message', () => {
    const origin = 'HMAC-SHA256 | 2024-06-17T00:00:00.000Z | GET /api/bln/balance';
    expect(refusal({ code: 40108, message: 'x', data: { origin }, result: false }).gatewaySignatureOrigin).toBe(origin);
    const inMessage = refusal({
      code: 40108,
      message: `Signature mismatch, server signed: ${origin} | 0cc175b9c0f1b6a831c399e269772661.`,
      result: false,
    });
    expect(inMessage).toMatchObject({
      code: 'aurpay_signature_rejected',
      gatewaySignatureOrigin: `${origin} | 0cc175b9c0f1b6a831c399e269772661`,
    });
    expect(refusal({ code: 40108, message: 'Signature mismatch', data: { note: 'HMAC' }, result: false }).code).toBe('aurpay_rejected');
  });
});
