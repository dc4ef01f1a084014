import { AurpayKitError } from '@aurpay-kit/core';
import { describe, expect, it } from 'vitest';
import { AurpayError } from './aurpayError.js';

describe('AurpayError', () => {
  it('is an AurpayKitError carrying the gateway details', () => {
    const cause = new Error('root');
    const error = new AurpayError('aurpay_signature_rejected', 'no', {
      aurpayCode: 40108,
      traceId: 't',
      httpStatus: 200,
      signatureOrigin: 'mine',
      gatewaySignatureOrigin: 'theirs',
      cause,
    });
    expect(error).toBeInstanceOf(AurpayKitError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'AurpayError',
      code: 'aurpay_signature_rejected',
      message: 'no',
      aurpayCode: 40108,
      traceId: 't',
      httpStatus: 200,
      signatureOrigin: 'mine',
      gatewaySignatureOrigin: 'theirs',
    });
    expect(error.cause).toBe(cause);
  });

  it('defaults every detail to null', () => {
    const error = new AurpayError('aurpay_timeout', 'slow');
    expect([error.aurpayCode, error.traceId, error.httpStatus, error.signatureOrigin, error.gatewaySignatureOrigin]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect('cause' in error).toBe(false);
  });
});
