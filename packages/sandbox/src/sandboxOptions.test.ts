import { AurpayKitError } from '@aurpay-kit/core';
import { describe, expect, it } from 'vitest';

import { resolveSandboxOptions, SANDBOX_DEFAULTS, type SandboxOptions } from './sandboxOptions.js';

describe('resolveSandboxOptions', () => {
  it('fills in the documented defaults', () => {
    const resolved = resolveSandboxOptions();
    expect(resolved).toMatchObject({
      ...SANDBOX_DEFAULTS,
      port: 0,
      host: '127.0.0.1',
      orderTtlSeconds: 1800,
      callbackRetries: 5,
      callbackRetryDelayMs: 1000,
      network: 'testnet',
      kybVerified: true,
      quiet: true,
    });
    expect(SANDBOX_DEFAULTS).toMatchObject({
      apiKey: 'sandbox-api-key',
      apiToken: 'sandbox-api-token',
      secretKey: 'sandbox-secret-key',
      callbackToken: 'sandbox-callback-token',
      callbackSecret: 'sandbox-callback-secret',
    });
  });

  it('keeps given values', () => {
    expect(resolveSandboxOptions({ apiKey: 'k', orderTtlSeconds: 1, network: 'regtest' })).toMatchObject({ apiKey: 'k', orderTtlSeconds: 1, network: 'regtest' });
  });

  it.each<[SandboxOptions, RegExp]>([
    [{ port: -1 }, /port/],
    [{ port: 70_000 }, /port/],
    [{ orderTtlSeconds: 0 }, /orderTtlSeconds/],
    [{ orderTtlSeconds: 1.5 }, /orderTtlSeconds/],
    [{ callbackRetries: -1 }, /callbackRetries/],
    [{ apiKey: '' }, /apiKey/],
    [{ network: 'signet' as 'mainnet' }, /network/],
  ])('rejects %j with a clear error', (options, message) => {
    expect(() => resolveSandboxOptions(options)).toThrow(message);
    expect(() => resolveSandboxOptions(options)).toThrow(AurpayKitError);
  });
});
