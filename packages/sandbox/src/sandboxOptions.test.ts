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
      requireLightningKey: false,
      profile: { name: 'examples' },
      quiet: true,
    });
    expect(Object.values(resolved.profile.quirks).some(Boolean)).toBe(false);
    expect(SANDBOX_DEFAULTS).toMatchObject({
      apiKey: 'sandbox-api-key',
      apiToken: 'sandbox-api-token',
      secretKey: 'sandbox-secret-key',
      callbackToken: 'sandbox-callback-token',
      callbackSecret: 'sandbox-callback-secret',
      lightningApiKey: 'sandbox-lightning-api-key',
      lightningApiToken: 'sandbox-lightning-api-token',
      lightningSecretKey: 'sandbox-lightning-secret-key',
      verifyCode: '000000',
    });
  });

  it('resolves the profile with its quirks, and the Lightning switch', () => {
    const resolved = resolveSandboxOptions({ profile: 'worst-case', quirks: { unsignedCallbacks: false }, requireLightningKey: true });
    expect(resolved.profile.name).toBe('worst-case');
    expect(resolved.profile.quirks).toMatchObject({ unsignedCallbacks: false, netObtained: true });
    expect(resolved.requireLightningKey).toBe(true);
  });

  it('keeps given values', () => {
    expect(resolveSandboxOptions({ apiKey: 'k', orderTtlSeconds: 1, network: 'regtest' })).toMatchObject({
      apiKey: 'k',
      orderTtlSeconds: 1,
      network: 'regtest',
    });
  });

  it.each<[SandboxOptions, RegExp]>([
    [{ port: -1 }, /port/],
    [{ port: 70_000 }, /port/],
    [{ orderTtlSeconds: 0 }, /orderTtlSeconds/],
    [{ orderTtlSeconds: 1.5 }, /orderTtlSeconds/],
    [{ callbackRetries: -1 }, /callbackRetries/],
    [{ apiKey: '' }, /apiKey/],
    [{ network: 'signet' as 'mainnet' }, /network/],
    [{ lightningApiKey: 'sandbox-api-key' }, /lightningApiKey must differ from apiKey/],
    [{ apiToken: 'same', lightningApiToken: 'same' }, /lightningApiToken must differ from apiToken/],
    [{ requireLightningKey: 'yes' as unknown as boolean }, /requireLightningKey must be true or false/],
    [{ profile: 'real' as 'examples' }, /profile must be one of/],
    [{ quirks: { lag: true } as never }, /unknown quirk "lag"/],
    [{ verifyCode: '' }, /verifyCode/],
  ])('rejects %j with a clear error', (options, message) => {
    expect(() => resolveSandboxOptions(options)).toThrow(message);
    expect(() => resolveSandboxOptions(options)).toThrow(AurpayKitError);
  });
});
