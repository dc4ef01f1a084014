import { describe, expect, test } from 'vitest';
import { resolve } from 'node:path';
import { DEFAULT_DATABASE_FILE, readShopConfig } from '../server/shopConfig.js';
import { ShopConfigError } from '../server/shopConfigError.js';

const SECRET = 'a'.repeat(32);
const GATEWAY = {
  AURPAY_API_TOKEN: 'token',
  AURPAY_SECRET_KEY: 'key',
  AURPAY_CALLBACK_TOKEN: 'callback-token',
  AURPAY_CALLBACK_SECRET: 'callback-secret',
  PUBLIC_URL: 'https://shop.example/',
};

describe('readShopConfig: storage', () => {
  test('keeps a sandbox shop in memory, and a gateway shop in a SQLite file in its data folder', () => {
    expect(readShopConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      payments: { kind: 'sandbox', orderTtlSeconds: 1800 },
      storage: { kind: 'memory' },
      statusSecret: undefined,
      adminToken: undefined,
      trustProxy: 'loopback',
      connectionsPerAddress: undefined,
    });
    expect(readShopConfig(GATEWAY).storage).toEqual({ kind: 'sqlite', filename: DEFAULT_DATABASE_FILE });
    expect(DEFAULT_DATABASE_FILE).toMatch(/examples\/shop\/data\/shop\.db$/);
  });

  test('reads DATABASE_URL: a SQLite file, PostgreSQL, or memory on purpose', () => {
    expect(readShopConfig({ ...GATEWAY, DATABASE_URL: 'file:./var/orders.db' }).storage).toEqual({
      kind: 'sqlite',
      filename: resolve('var/orders.db'),
    });
    expect(readShopConfig({ DATABASE_URL: 'file:/srv/shop/shop.db' }).storage).toEqual({ kind: 'sqlite', filename: '/srv/shop/shop.db' });
    expect(readShopConfig({ ...GATEWAY, DATABASE_URL: 'postgres://shop:pw@db.internal:5432/shop' }).storage).toEqual({
      kind: 'postgres',
      url: 'postgres://shop:pw@db.internal:5432/shop',
    });
    expect(readShopConfig({ DATABASE_URL: 'postgresql://localhost/shop' }).storage).toMatchObject({ kind: 'postgres' });
    expect(readShopConfig({ ...GATEWAY, DATABASE_URL: 'memory:' }).storage).toEqual({ kind: 'memory' });
  });

  test('reads REDIS_URL for several instances, and optional secrets', () => {
    const config = readShopConfig({ ...GATEWAY, REDIS_URL: 'redis://:pw@10.0.0.5:6379/2', STATUS_SECRET: SECRET, ADMIN_TOKEN: SECRET });
    expect(config).toMatchObject({
      storage: { kind: 'redis', url: 'redis://:pw@10.0.0.5:6379/2' },
      statusSecret: SECRET,
      adminToken: SECRET,
    });
    expect(readShopConfig({ REDIS_URL: 'rediss://cache.example:6380' }).storage).toEqual({
      kind: 'redis',
      url: 'rediss://cache.example:6380',
    });
  });

  test('reads TRUST_PROXY: hops, true or false, or addresses for Express to check', () => {
    expect(readShopConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(readShopConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(readShopConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(readShopConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(() => readShopConfig({ TRUST_PROXY: '11' })).toThrow(/^TRUST_PROXY must be a whole number from 0 to 10/);
  });

  test('reads AURPAY_BASE_URL in gateway mode, as an origin', () => {
    expect(readShopConfig(GATEWAY).payments).toEqual({
      kind: 'gateway',
      apiToken: 'token',
      secretKey: 'key',
      callbackToken: 'callback-token',
      callbackSecret: 'callback-secret',
      publicUrl: 'https://shop.example',
    });
    expect(readShopConfig({ ...GATEWAY, AURPAY_BASE_URL: 'http://127.0.0.1:4010/' }).payments).toMatchObject({
      baseUrl: 'http://127.0.0.1:4010',
    });
    expect(readShopConfig({ ...GATEWAY, AURPAY_BASE_URL: 'https://aurpay.test' }).payments).toMatchObject({
      baseUrl: 'https://aurpay.test',
    });
  });

  test('reads CONNECTIONS_PER_ADDRESS, 0 turning the limit off', () => {
    expect(readShopConfig({ CONNECTIONS_PER_ADDRESS: '200' }).connectionsPerAddress).toBe(200);
    expect(readShopConfig({ CONNECTIONS_PER_ADDRESS: '0' }).connectionsPerAddress).toBe(0);
    expect(() => readShopConfig({ CONNECTIONS_PER_ADDRESS: 'many' })).toThrow(/^CONNECTIONS_PER_ADDRESS must be a whole number from 0/);
  });

  test('reads the BTCLN platform credentials for Lightning calls: its API-Key, or a signature pair', () => {
    expect(readShopConfig({ ...GATEWAY, AURPAY_LIGHTNING_API_KEY: 'ln-key' }).payments).toMatchObject({
      lightning: { type: 'api-key', apiKey: 'ln-key' },
    });
    const signed = { ...GATEWAY, AURPAY_LIGHTNING_API_TOKEN: 'ln-token', AURPAY_LIGHTNING_SECRET_KEY: 'ln-secret' };
    expect(readShopConfig(signed).payments).toMatchObject({
      lightning: { type: 'signature', apiToken: 'ln-token', secretKey: 'ln-secret' },
    });
    expect(readShopConfig(GATEWAY).payments).not.toHaveProperty('lightning');
  });

  test('takes the callback pair when Aurpay signs callbacks, and does without it', () => {
    const { AURPAY_CALLBACK_TOKEN: _token, AURPAY_CALLBACK_SECRET: _secret, ...unsigned } = GATEWAY;
    const payments = readShopConfig(unsigned).payments;
    expect(payments).toMatchObject({ kind: 'gateway', apiToken: 'token' });
    expect(payments).not.toHaveProperty('callbackToken');
  });

  test.each([
    [
      'both DATABASE_URL and REDIS_URL',
      { DATABASE_URL: 'file:x.db', REDIS_URL: 'redis://127.0.0.1:6379' },
      /^Set DATABASE_URL or REDIS_URL, not both/,
    ],
    [
      'a DATABASE_URL of another kind',
      { DATABASE_URL: 'mysql://localhost/shop' },
      /^DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL/,
    ],
    ['an empty file: path', { DATABASE_URL: 'file:' }, /^DATABASE_URL=file: needs a path/],
    ['a short ADMIN_TOKEN', { ADMIN_TOKEN: 'letmein' }, /^ADMIN_TOKEN must be at least 32 characters, got 7/],
    [
      'a short STATUS_SECRET',
      { REDIS_URL: 'redis://127.0.0.1:6379', STATUS_SECRET: 'short' },
      /^STATUS_SECRET must be at least 32 characters, got 5/,
    ],
    ['a short STATUS_SECRET alone', { STATUS_SECRET: 'a'.repeat(31) }, /^STATUS_SECRET must be at least 32 characters/],
    ['an http REDIS_URL', { REDIS_URL: 'http://127.0.0.1:6379' }, /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    ['a REDIS_URL that is no URL', { REDIS_URL: '127.0.0.1:6379x', STATUS_SECRET: SECRET }, /^REDIS_URL must be/],
    [
      'AURPAY_BASE_URL in sandbox mode',
      { AURPAY_BASE_URL: 'http://127.0.0.1:4010' },
      /^AURPAY_BASE_URL applies to gateway mode only: also set AURPAY_API_TOKEN/,
    ],
    ['a Lightning key in sandbox mode', { AURPAY_LIGHTNING_API_KEY: 'ln' }, /^AURPAY_LIGHTNING_API_KEY applies to gateway mode only/],
    ['a callback token in sandbox mode', { AURPAY_CALLBACK_TOKEN: 'cb' }, /^AURPAY_CALLBACK_TOKEN applies to gateway mode only/],
    [
      'a Lightning token without its key',
      { ...GATEWAY, AURPAY_LIGHTNING_API_TOKEN: 'ln' },
      /^AURPAY_LIGHTNING_SECRET_KEY is not set: signed Lightning calls need both/,
    ],
    ['a Lightning key without its token', { ...GATEWAY, AURPAY_LIGHTNING_SECRET_KEY: 'ln' }, /^AURPAY_LIGHTNING_API_TOKEN is not set/],
    [
      'both kinds of Lightning credentials',
      { ...GATEWAY, AURPAY_LIGHTNING_API_KEY: 'k', AURPAY_LIGHTNING_API_TOKEN: 't', AURPAY_LIGHTNING_SECRET_KEY: 's' },
      /^Set AURPAY_LIGHTNING_API_KEY or the/,
    ],
    [
      'a callback token without its secret',
      { ...GATEWAY, AURPAY_CALLBACK_SECRET: '' },
      /^AURPAY_CALLBACK_SECRET is not set: Aurpay's signed callbacks need both/,
    ],
    [
      'plain http to another host',
      { ...GATEWAY, AURPAY_BASE_URL: 'http://sandbox.internal:4010' },
      /^AURPAY_BASE_URL must use https \(http only on localhost/,
    ],
    ['a base URL with a path', { ...GATEWAY, AURPAY_BASE_URL: 'https://aurpay.test/api' }, /^AURPAY_BASE_URL must be an origin only/],
    [
      'a base URL that is no URL',
      { ...GATEWAY, AURPAY_BASE_URL: 'aurpay' },
      /^AURPAY_BASE_URL must be an absolute URL such as http:\/\/127\.0\.0\.1:4010/,
    ],
  ])('refuses %s with a ShopConfigError naming the variable', (_name, env, message) => {
    expect(() => readShopConfig(env)).toThrow(ShopConfigError);
    expect(() => readShopConfig(env)).toThrow(message);
  });
});
