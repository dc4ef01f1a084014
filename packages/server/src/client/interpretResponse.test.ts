import { describe, expect, it } from 'vitest';
import { AurpayError } from './aurpayError.js';
import type { RawResponse } from './interpretResponse.js';
import { interpretResponse, snippet } from './interpretResponse.js';
import type { Normalizer } from './normalize.js';
import { record, text } from './normalizeFields.js';

const normalizePayUrl: Normalizer<{ pay_url: string }> = (data, path = 'data') => ({ pay_url: text(record(data, path), 'pay_url', path) });

const ctx = { label: 'getPayUrl', signatureOrigin: 'HMAC-SHA256 | 2024-06-17T00:00:00.000Z | POST /api/order/pay-url | abc' };
const json = 'application/json';

function fail(raw: Partial<RawResponse>): AurpayError {
  try {
    interpretResponse({ status: 200, contentType: json, body: '', ...raw }, ctx, normalizePayUrl);
  } catch (error) {
    expect(error).toBeInstanceOf(AurpayError);
    return error as AurpayError;
  }
  throw new Error('expected an AurpayError');
}

describe('interpretResponse', () => {
  it('returns the normalized data of a success envelope', () => {
    const body = '{"code":0,"message":"ok","data":{"pay_url":"https://x/#/c"},"result":true}';
    expect(interpretResponse({ status: 200, contentType: json, body }, ctx, normalizePayUrl)).toEqual({ pay_url: 'https://x/#/c' });
  });

  it('turns an error envelope into aurpay_rejected with code, message and trace_id', () => {
    const error = fail({
      body: '{"result":false,"code":40004,"message":"The account needs to pass the KYB verification","trace_id":"8dbbb4de"}',
    });
    expect(error).toMatchObject({ code: 'aurpay_rejected', aurpayCode: 40004, traceId: '8dbbb4de', httpStatus: 200 });
    expect(error.message).toMatch(
      /getPayUrl: Aurpay rejected the request: The account needs to pass the KYB verification \(code 40004, trace_id 8dbbb4de\)/,
    );
    expect(error.gatewaySignatureOrigin).toBeNull();
  });

  it('treats code 0 with result false as a rejection for calls that only read', () => {
    expect(fail({ body: '{"code":0,"message":"odd","result":false}' })).toMatchObject({ code: 'aurpay_rejected', aurpayCode: 0 });
  });

  it('keeps both origins when the signature is rejected', () => {
    const body = JSON.stringify({
      code: 40108,
      message: 'Signature mismatch',
      data: { signature_origin: 'HMAC-SHA256 | 2024-06-17T00:00:00.000Z | POST /api/order/pay-url | def' },
      result: false,
    });
    const error = fail({ status: 401, body });
    expect(error).toMatchObject({
      code: 'aurpay_signature_rejected',
      aurpayCode: 40108,
      httpStatus: 401,
      signatureOrigin: ctx.signatureOrigin,
      gatewaySignatureOrigin: 'HMAC-SHA256 | 2024-06-17T00:00:00.000Z | POST /api/order/pay-url | def',
    });
    expect(error.message).toContain(
      'Signed "HMAC-SHA256 | 2024-06-17T00:00:00.000Z | POST /api/order/pay-url | abc" but the gateway computed',
    );
    expect(error.message).toContain('| def');
  });

  it('points at the secret key when both origins agree', () => {
    const body = JSON.stringify({ code: 40108, message: 'mismatch', data: { signature_origin: ctx.signatureOrigin }, result: false });
    expect(fail({ body }).message).toMatch(/Both sides signed ".*", so the secret key differs: check secretKey\./);
  });

  it('reports the attempts a 5xx took', () => {
    try {
      interpretResponse({ status: 502, contentType: null, body: '' }, { ...ctx, attempts: 3 }, normalizePayUrl);
    } catch (error) {
      expect((error as Error).message).toMatch(/HTTP 502 with an empty body \(no content-type\) \(after 3 attempts\)\.$/);
      return;
    }
    throw new Error('expected an error');
  });

  it('also finds a top-level signature_origin', () => {
    const body = '{"code":401,"message":"bad","signature_origin":"X | Y","result":false}';
    expect(fail({ body })).toMatchObject({ code: 'aurpay_signature_rejected', gatewaySignatureOrigin: 'X | Y' });
  });

  it('names content-type and a snippet for HTML, empty and truncated bodies', () => {
    const html = fail({ contentType: 'text/html; charset=utf-8', body: '<html><body><h1>502 Bad Gateway</h1></body></html>' });
    expect(html.code).toBe('aurpay_bad_response');
    expect(html.message).toMatch(
      /a body that is not Aurpay JSON \(content-type text\/html; charset=utf-8\): "<html><body><h1>502 Bad Gateway/,
    );
    expect(fail({ contentType: null, body: '' }).message).toMatch(/an empty body \(no content-type\)/);
    const truncated = fail({ body: '{"code":0,"message":"ok","data":{"pay_u' });
    expect(truncated).toMatchObject({ code: 'aurpay_bad_response', httpStatus: 200 });
    expect(truncated.message).toContain('{"code":0,"message":"ok","data":{"pay_u');
  });

  it('rejects JSON that is not an envelope', () => {
    expect(fail({ body: '[1,2]' }).code).toBe('aurpay_bad_response');
    expect(fail({ body: '{"code":"0","result":true}' }).code).toBe('aurpay_bad_response');
    expect(fail({ body: 'null' }).code).toBe('aurpay_bad_response');
  });

  it('rejects a success envelope whose data has the wrong shape', () => {
    const error = fail({ body: '{"code":0,"message":"ok","data":{"pay_url":5},"result":true,"trace_id":"t1"}' });
    expect(error).toMatchObject({ code: 'aurpay_bad_response', traceId: 't1' });
    expect(error.message).toMatch(/unexpected shape: data\.pay_url: expected a string, got 5/);
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it('reports 5xx as aurpay_http_error, with the envelope when there is one', () => {
    expect(fail({ status: 500, contentType: 'text/plain', body: 'Internal Server Error' })).toMatchObject({
      code: 'aurpay_http_error',
      httpStatus: 500,
      aurpayCode: null,
    });
    expect(fail({ status: 503, body: '{"code":50001,"message":"fault","result":false,"trace_id":"t"}' })).toMatchObject({
      code: 'aurpay_http_error',
      aurpayCode: 50001,
      traceId: 't',
    });
  });

  it('reports other non-2xx without an envelope as aurpay_http_error', () => {
    expect(fail({ status: 404, contentType: 'text/html', body: '<h1>Not Found</h1>' }).message).toMatch(
      /HTTP 404 with a body that is not Aurpay JSON \(content-type text\/html\)/,
    );
    expect(fail({ status: 302, body: '' }).message).toMatch(/redirects are not followed: check baseUrl/);
    expect(fail({ status: 404, body: '{"code":0,"result":true,"data":{}}' }).code).toBe('aurpay_http_error');
  });

  it('lets a 4xx error envelope speak for itself', () => {
    expect(fail({ status: 400, body: '{"code":40002,"message":"price is required","result":false}' })).toMatchObject({
      code: 'aurpay_rejected',
      aurpayCode: 40002,
      httpStatus: 400,
    });
  });
});

describe('snippet', () => {
  it('flattens whitespace and cuts long bodies', () => {
    expect(snippet('a\n\n  b\tc')).toBe('a b c');
    expect(snippet('x'.repeat(200))).toBe(`${'x'.repeat(120)}…`);
  });
});
