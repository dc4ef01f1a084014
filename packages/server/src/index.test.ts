import { describe, expect, it } from 'vitest';
import * as server from './index.js';

describe('@aurpay-kit/server exports', () => {
  it('exposes the client, its errors, the signer and the callback verifier', () => {
    expect(Object.keys(server)).toEqual(
      expect.arrayContaining([
        'AurpayClient',
        'AurpayError',
        'CallbackVerificationError',
        'DEFAULT_CALLBACK_TOLERANCE_SECONDS',
        'SIGNATURE_ALGORITHMS',
        'bodyMd5',
        'isSignatureAlgorithm',
        'signCallback',
        'signRequest',
        'signatureOrigin',
        'verifyCallback',
      ]),
    );
  });

  it('keeps transport internals private', () => {
    for (const name of ['resolveClientConfig', 'sendGatewayRequest', 'parseGatewayJson', 'interpretResponse', 'pathWithQuery']) {
      expect(Object.keys(server)).not.toContain(name);
    }
  });
});
