import { describe, expect, it } from 'vitest';
import { readShopSettings, ShopSettingsError } from './shopSettings';

const GATEWAY = {
  AURPAY_API_TOKEN: 'token',
  AURPAY_SECRET_KEY: 'secret',
  AURPAY_CALLBACK_TOKEN: 'callback-token',
  AURPAY_CALLBACK_SECRET: 'callback-secret',
  PUBLIC_URL: 'https://shop.example/',
};

describe('readShopSettings', () => {
  it('runs the sandbox, in memory, with none of the gateway variables', () => {
    expect(readShopSettings({ PORT: '3100', SANDBOX_PORT: '4100' })).toEqual({
      payments: { mode: 'sandbox', orderTtlSeconds: 1800, sandboxPort: 4100, shopPort: 3100 },
      storage: { kind: 'memory' },
      statusSecret: null,
      trustedProxies: 0,
    });
  });

  it('talks to Aurpay with all three, keeping orders in SQLite unless DATABASE_URL or REDIS_URL says otherwise', () => {
    const settings = readShopSettings({
      ...GATEWAY,
      AURPAY_LIGHTNING_API_TOKEN: 'ln',
      AURPAY_LIGHTNING_SECRET_KEY: 'ln-secret',
      TRUST_PROXY: '1',
    });
    expect(settings.payments).toMatchObject({
      mode: 'gateway',
      publicUrl: 'https://shop.example',
      lightning: { type: 'signature', apiToken: 'ln', secretKey: 'ln-secret' },
      callback: { token: 'callback-token', secret: 'callback-secret' },
      baseUrl: null,
    });
    expect(readShopSettings({ ...GATEWAY, AURPAY_LIGHTNING_API_KEY: 'ln-key' }).payments).toMatchObject({
      lightning: { type: 'api-key', apiKey: 'ln-key' },
    });
    const { AURPAY_CALLBACK_TOKEN: _token, AURPAY_CALLBACK_SECRET: _secret, ...unsigned } = GATEWAY;
    expect(readShopSettings(unsigned).payments).toMatchObject({ mode: 'gateway', callback: null, lightning: null });
    expect(settings.storage).toMatchObject({ kind: 'sqlite', filename: expect.stringMatching(/data\/orders\.db$/) });
    expect(settings.trustedProxies).toBe(1);
    expect(readShopSettings({ ...GATEWAY, DATABASE_URL: 'postgres://shop@127.0.0.1/shop' }).storage).toEqual({
      kind: 'postgres',
      url: 'postgres://shop@127.0.0.1/shop',
    });
    expect(readShopSettings({ ...GATEWAY, REDIS_URL: 'redis://127.0.0.1:6379' }).storage).toEqual({
      kind: 'redis',
      url: 'redis://127.0.0.1:6379',
    });
    expect(readShopSettings({ ...GATEWAY, AURPAY_BASE_URL: 'http://127.0.0.1:4010' }).payments).toMatchObject({
      baseUrl: 'http://127.0.0.1:4010',
    });
  });

  it('names what is missing or wrong', () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ AURPAY_API_TOKEN: 'token', PUBLIC_URL: 'https://shop.example' }, /AURPAY_SECRET_KEY is not set/],
      [{ AURPAY_CALLBACK_TOKEN: 'cb' }, /AURPAY_CALLBACK_TOKEN applies to gateway mode only/],
      [{ ...GATEWAY, AURPAY_CALLBACK_SECRET: '' }, /both AURPAY_CALLBACK_TOKEN and AURPAY_CALLBACK_SECRET/],
      [{ ...GATEWAY, AURPAY_LIGHTNING_API_KEY: 'k', AURPAY_LIGHTNING_API_TOKEN: 't', AURPAY_LIGHTNING_SECRET_KEY: 's' }, /not both/],
      [{ AURPAY_BASE_URL: 'http://127.0.0.1:4010' }, /AURPAY_BASE_URL applies to gateway mode only/],
      [{ ...GATEWAY, AURPAY_LIGHTNING_API_TOKEN: 'ln' }, /both AURPAY_LIGHTNING_API_TOKEN and AURPAY_LIGHTNING_SECRET_KEY/],
      [{ ...GATEWAY, AURPAY_BASE_URL: 'http://aurpay.example' }, /must use https/],
      [{ ...GATEWAY, PUBLIC_URL: 'shop.example' }, /PUBLIC_URL must be a https:\/\/ or http:\/\/ URL/],
      [{ ...GATEWAY, DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a postgres:/],
      [{ DATABASE_URL: 'file:./x.db', REDIS_URL: 'redis://x' }, /not both/],
      [{ STATUS_SECRET: 'short' }, /at least 32 characters/],
      [{ TRUST_PROXY: 'yes' }, /TRUST_PROXY must be a whole number/],
    ];
    for (const [env, message] of cases) expect(() => readShopSettings(env)).toThrow(message);
    expect(() => readShopSettings({ PORT: 'x' })).toThrow(ShopSettingsError);
  });
});
