import { AurpayKitError } from '@aurpay-kit/core';
import { describe, expect, it } from 'vitest';
import type { AurpayClientOptions } from './clientConfig.js';
import { resolveClientConfig } from './clientConfig.js';

const apiKey = { type: 'api-key', apiKey: 'key' } as const;
const signature = { type: 'signature', apiToken: 'tok', secretKey: 'sec' } as const;

function configError(options: unknown): AurpayKitError {
  try {
    resolveClientConfig(options as AurpayClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(AurpayKitError);
    expect((error as AurpayKitError).code).toBe('client_config_invalid');
    return error as AurpayKitError;
  }
  throw new Error('expected client_config_invalid');
}

describe('resolveClientConfig', () => {
  it('fills in the defaults', () => {
    const config = resolveClientConfig({ auth: signature });
    expect(config.baseUrl).toBe('https://dashboard.aurpay.net');
    expect(config.timeoutMs).toBe(15_000);
    expect(config.retries).toBe(2);
    expect(config.fetch).toBe(globalThis.fetch);
    expect(config.auth).toEqual({ ...signature, algorithm: 'HMAC-SHA256' });
  });

  it('keeps what is given', () => {
    const fetchImpl = (async () => new Response('')) as typeof fetch;
    const config = resolveClientConfig({
      baseUrl: 'https://gateway.example.com/',
      auth: { ...signature, algorithm: 'HMAC-SHA3_256' },
      timeoutMs: 1,
      retries: 0,
      fetch: fetchImpl,
    });
    expect(config).toMatchObject({ baseUrl: 'https://gateway.example.com', timeoutMs: 1, retries: 0, fetch: fetchImpl });
    expect(config.auth).toMatchObject({ algorithm: 'HMAC-SHA3_256' });
    expect(resolveClientConfig({ auth: apiKey }).auth).toEqual(apiKey);
  });

  it.each(['http://127.0.0.1:4010', 'http://127.45.6.7', 'http://localhost:3000', 'http://[::1]:8080', 'https://10.0.0.1'])(
    'accepts %s',
    (baseUrl) => {
      expect(resolveClientConfig({ baseUrl, auth: apiKey }).baseUrl).toBe(new URL(baseUrl).origin);
    },
  );

  it.each([
    ['http://dashboard.aurpay.net', /must use https/],
    ['http://10.0.0.1', /loopback|localhost/],
    ['http://128.0.0.1', /https/],
    ['http://localhost.evil.com', /https/],
    ['http://127.0.0.1.nip.io', /https/],
    ['ftp://127.0.0.1', /https/],
    ['dashboard.aurpay.net', /not an absolute URL/],
    ['https://dashboard.aurpay.net/api', /origin only/],
    ['https://user:pw@dashboard.aurpay.net', /origin only/],
    ['https://dashboard.aurpay.net?x=1', /origin only/],
    [42, /must be a string/],
  ])('rejects baseUrl %s', (baseUrl, message) => {
    expect(configError({ baseUrl, auth: apiKey }).message).toMatch(message);
  });

  it('says what to set when auth is missing or incomplete', () => {
    expect(configError({}).message).toMatch(/set `auth`.*signature.*apiToken, secretKey.*api-key.*apiKey/);
    expect(configError(undefined).message).toMatch(/options object/);
    expect(configError({ auth: { type: 'signature', apiToken: 'tok' } }).message).toMatch(/set auth\.secretKey/);
    expect(configError({ auth: { type: 'signature', secretKey: 'sec' } }).message).toMatch(/set auth\.apiToken/);
    expect(configError({ auth: { type: 'signature', apiToken: 'tok', secretKey: ' ' } }).message).toMatch(/auth\.secretKey/);
    expect(configError({ auth: { type: 'api-key' } }).message).toMatch(/set auth\.apiKey/);
    expect(configError({ auth: { type: 'api-key', apiKey: 'a\nb' } }).message).toMatch(/line breaks/);
    expect(configError({ auth: { type: 'oauth' } }).message).toMatch(/'signature' or 'api-key'/);
  });

  it('takes separate Lightning credentials, checked like auth and named as lightningAuth', () => {
    expect(resolveClientConfig({ auth: signature }).lightningAuth).toBeNull();
    expect(resolveClientConfig({ auth: signature, lightningAuth: apiKey }).lightningAuth).toEqual(apiKey);
    expect(resolveClientConfig({ auth: apiKey, lightningAuth: signature }).lightningAuth).toEqual({
      ...signature,
      algorithm: 'HMAC-SHA256',
    });
    expect(configError({ auth: signature, lightningAuth: { type: 'api-key' } }).message).toMatch(/set lightningAuth\.apiKey .*BTCLN/);
    expect(configError({ auth: signature, lightningAuth: { type: 'api-key', apiKey: 'a\rb' } }).message).toMatch(
      /lightningAuth\.apiKey must not contain line breaks/,
    );
    expect(configError({ auth: signature, lightningAuth: { ...signature, algorithm: 'MD5' } }).message).toMatch(
      /lightningAuth\.algorithm "MD5"/,
    );
    expect(configError({ auth: signature, lightningAuth: { type: 'bearer' } }).message).toMatch(/lightningAuth\.type must be/);
    expect(configError({ auth: signature, lightningAuth: 'key' }).message).toMatch(/lightningAuth, when given, must be .*BTCLN/);
    expect(configError({ auth: signature, lightningAuth: null }).message).toMatch(/lightningAuth/);
  });

  it('rejects an unsupported algorithm, naming the supported ones', () => {
    expect(configError({ auth: { ...signature, algorithm: 'HMAC-SHA512' } }).message).toMatch(
      /"HMAC-SHA512" is not supported.*HMAC-SHA256, HMAC-SHA3_256/,
    );
  });

  it.each([
    [{ timeoutMs: 0 }, /timeoutMs must be an integer from 1 to 600000/],
    [{ timeoutMs: 600_001 }, /timeoutMs/],
    [{ timeoutMs: 1.5 }, /timeoutMs/],
    [{ timeoutMs: '100' }, /timeoutMs/],
    [{ retries: -1 }, /retries must be an integer from 0 to 10/],
    [{ retries: 11 }, /retries/],
    [{ retries: Number.NaN }, /retries/],
    [{ fetch: 'fetch' }, /pass `fetch`/],
  ])('rejects %o', (patch, message) => {
    expect(configError({ auth: apiKey, ...patch }).message).toMatch(message);
  });
});
