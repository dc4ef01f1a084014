import { describe, expect, it } from 'vitest';

import { errorReply, okReply } from './envelope.js';
import { GatewayError } from './gatewayError.js';

describe('envelopes', () => {
  it('wraps success as Aurpay does', () => {
    expect(okReply([1])).toEqual({ status: 200, body: { code: 0, message: 'ok', data: [1], result: true } });
  });

  it("copies Aurpay's missing-key answer exactly", () => {
    expect(errorReply(new GatewayError('apiKeyMissing', 'The API-Key is missing in the request header')).body).toEqual({
      code: 401,
      message: 'The API-Key is missing in the request header',
      data: {},
      result: false,
    });
  });

  it('gives other errors a trace id, data only when there is some, and their HTTP status', () => {
    const plain = errorReply(new GatewayError('insufficientBalance', 'Insufficient account balance'));
    expect(plain.status).toBe(200);
    expect(plain.body).toEqual({
      result: false,
      code: 40005,
      message: 'Insufficient account balance',
      trace_id: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const withData = errorReply(new GatewayError('pathNotFound', 'no', { data: { a: 1 }, httpStatus: 404 }));
    expect(withData.status).toBe(404);
    expect(withData.body).toMatchObject({ code: 40400, data: { a: 1 } });
  });

  it('names every error in snake_case', () => {
    expect(new GatewayError('bodyMd5Mismatch', 'x').code).toBe('body_md5_mismatch');
    expect(new GatewayError('apiKeyMissing', 'x').code).toBe('api_key_missing');
  });
});
