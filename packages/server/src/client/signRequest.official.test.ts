import { createHash, createHmac } from 'node:crypto';
import CryptoJS from 'crypto-js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pathWithQuery } from './pathWithQuery.js';
import { signRequest } from './signRequest.js';
import type { PostmanItem } from './test-utils/postmanScript.js';
import { findItem, itemPathWithQuery, loadCollection, prerequestScript, runPmScripts } from './test-utils/postmanScript.js';

/**
 * Agreement with Aurpay's own signing code: the pre-request script of the "Signature
 * Authentication Method" folder in Aurpay's published Postman collection runs here under a
 * minimal `pm` shim with the real crypto-js and a fixed clock, and the project's signer must
 * produce the very same headers.
 */

const collection = loadCollection();
const folder = findItem(collection.item, 'Signature Authentication Method');
const officialScript = prerequestScript(folder);
const globalMinifyScript = prerequestScript(collection);
const items = folder.item ?? [];
const environment = { API_TOKEN: 'L35ZD3K4AORZH7NVQBR9O', SECRET_KEY: 'sk_test_9f8e7d6c5b4a' };
const fixedIso = '2024-06-17T08:30:45.123Z';

function rawBody(item: PostmanItem): string {
  const raw = item.request?.body?.raw;
  if (raw === undefined) throw new Error(`${item.name} has no raw body`);
  return raw;
}

function ours(method: string, path: string, body?: string | Uint8Array, algorithm?: 'HMAC-SHA256' | 'HMAC-SHA3_256') {
  return signRequest({
    method,
    pathWithQuery: path,
    ...(body === undefined ? {} : { body }),
    apiToken: environment.API_TOKEN,
    secretKey: environment.SECRET_KEY,
    ...(algorithm === undefined ? {} : { algorithm }),
    date: fixedIso,
  });
}

/** Same five headers, and really produced by the script: its clock, its token, a real signature. */
function expectAgreement(mine: { headers: object }, official: { headers: Record<string, string> }): void {
  expect(Object.keys(official.headers)).toEqual(['API-Token', 'Algorithm', 'Date', 'Body-MD5', 'Signature']);
  expect(official.headers['Date']).toBe(fixedIso);
  expect(official.headers['API-Token']).toBe(environment.API_TOKEN);
  expect(official.headers['Signature']).toMatch(/^[A-Za-z0-9+/]{43}=$/);
  expect(mine.headers).toEqual(official.headers);
}

function loggedOrigin(logs: string[]): string {
  const line = logs.find((l) => l.startsWith('Signature Origin: '));
  if (line === undefined) throw new Error('the official script logged no signature origin');
  return line.slice('Signature Origin: '.length);
}

describe('signRequest agrees with the official Postman script', () => {
  it('finds the official script and it is the HMAC-SHA256 signer', () => {
    expect(officialScript).toContain("require('crypto-js')");
    expect(officialScript).toContain("const algorithm = 'HMAC-SHA256'");
    expect(officialScript).toContain('pm.request.url.getPathWithQuery()');
  });

  it('GET with the collection’s own query string (Get Orders)', () => {
    const path = itemPathWithQuery(findItem(items, 'Get Orders'));
    expect(path).toBe('/api/v2/order/?page=1&size=10');
    const official = runPmScripts([officialScript], { method: 'GET', pathWithQuery: path, environment, fixedIso });
    const mine = ours('GET', path);
    expectAgreement(mine, official);
    expect(mine.signatureOrigin).toBe(loggedOrigin(official.logs));
    expect(official.headers['Body-MD5']).toBe('');
  });

  it('GET with a query built by the client (encoded values, insertion order)', () => {
    const path = pathWithQuery('/api/v2/tx', {
      page: 2,
      size: 20,
      currency: 'USDT-ERC20',
      st: '2024-06-13 09:00:00',
      sort: "desc(event_time)'",
    });
    const official = runPmScripts([officialScript], { method: 'GET', pathWithQuery: path, environment, fixedIso });
    expectAgreement(ours('GET', path), official);
  });

  it('POST with the collection’s JSON body, minified by the global script (Get Payment Info)', () => {
    const item = findItem(items, 'Get Payment Info');
    const path = itemPathWithQuery(item);
    const official = runPmScripts([globalMinifyScript, officialScript], {
      method: 'POST',
      pathWithQuery: path,
      body: rawBody(item),
      environment,
      fixedIso,
    });
    const sent = official.body ?? '';
    expect(sent).not.toBe(rawBody(item));
    expect(sent).toMatch(/^\{"chain":"ETH",/);
    // The client serializes once with JSON.stringify: the same bytes Postman sends after minifying.
    expect(JSON.stringify(JSON.parse(sent))).toBe(sent);
    const mine = ours('POST', path, sent);
    expectAgreement(mine, official);
    expect(mine.signatureOrigin).toBe(loggedOrigin(official.logs));
    expect(mine.headers['Body-MD5']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('POST with a non-ASCII JSON body hashes its UTF-8 bytes like crypto-js', () => {
    const body = JSON.stringify({ price: 10, currency: 'EUR', remark: 'Café ☕ 注文' });
    const official = runPmScripts([officialScript], {
      method: 'post',
      pathWithQuery: '/api/order/pay-url',
      body,
      environment,
      fixedIso,
    });
    expectAgreement(ours('post', '/api/order/pay-url', body), official);
    expectAgreement(ours('POST', '/api/order/pay-url', new TextEncoder().encode(body)), official);
  });

  it('POST without a body hashes the empty string, as the script does (Orders Refund)', () => {
    const path = itemPathWithQuery(findItem(items, 'Orders Refund')).replace(':order_id', '20240614061316661529');
    expect(path).toBe('/api/v2/order/refund/20240614061316661529');
    const official = runPmScripts([officialScript], { method: 'POST', pathWithQuery: path, environment, fixedIso });
    const mine = ours('POST', path);
    expectAgreement(mine, official);
    expect(mine.headers['Body-MD5']).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });

  it('agrees on arbitrary methods, queries, bodies, dates and keys', () => {
    const segment = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        fc.array(segment, { minLength: 1, maxLength: 4 }),
        fc.dictionary(segment, fc.oneof(fc.string({ unit: 'grapheme' }), fc.integer()), { maxKeys: 4 }),
        fc.option(
          fc.jsonValue({ stringUnit: 'grapheme' }).map((v) => JSON.stringify(v)),
          { nil: undefined },
        ),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.string({ unit: 'grapheme', minLength: 1 }).filter((k) => k.trim() !== ''),
        (method, segments, query, body, date, secret) => {
          const path = pathWithQuery(`/${segments.join('/')}`, query);
          const env = { API_TOKEN: 'token', SECRET_KEY: secret };
          const official = runPmScripts([officialScript], {
            method,
            pathWithQuery: path,
            ...(body === undefined ? {} : { body }),
            environment: env,
            fixedIso: date.toISOString(),
          });
          const mine = signRequest({
            method,
            pathWithQuery: path,
            ...(body === undefined ? {} : { body }),
            apiToken: 'token',
            secretKey: secret,
            date: date.toISOString(),
          });
          expect(mine.headers).toEqual(official.headers);
        },
      ),
      { numRuns: 200 },
    );
  });

  describe('HMAC-SHA3_256', () => {
    // The official script hard-codes HMAC-SHA256, and crypto-js cannot stand in for the other
    // algorithm: its "SHA3" is the original Keccak, whose padding differs from NIST SHA3-256
    // (FIPS 202), the function docs/aurpay-api.md names. The two differ even on the empty string:
    it('crypto-js SHA3 is Keccak, node sha3-256 is NIST SHA3-256', () => {
      const keccak = CryptoJS.SHA3('', { outputLength: 256 }).toString();
      const nist = createHash('sha3-256').update('').digest('hex');
      expect(keccak).toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
      expect(nist).toBe('a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a');
    });

    // So the script runs with its algorithm name swapped and its HmacSHA256 call answered by an
    // independently computed NIST HMAC-SHA3-256: the origin, Body-MD5, Date and base64 handling
    // still come from Aurpay's code.
    const sha3Script = officialScript.replace("const algorithm = 'HMAC-SHA256'", "const algorithm = 'HMAC-SHA3_256'");
    const nistCryptoJs = {
      ...CryptoJS,
      enc: CryptoJS.enc,
      MD5: CryptoJS.MD5,
      HmacSHA256: (message: string, key: string) =>
        CryptoJS.enc.Hex.parse(createHmac('sha3-256', key).update(message, 'utf8').digest('hex')),
    };

    it('swaps the algorithm in the script', () => {
      expect(sha3Script).not.toBe(officialScript);
    });

    for (const [method, path, body] of [
      ['GET', '/api/v2/order/?page=1&size=10', undefined],
      ['POST', '/api/order/pay-info', JSON.stringify({ chain: 'ETH', currency: 'USDT-ERC20', vs_currency: 'USD', vs_price: 18 })],
    ] as const) {
      it(`${method} ${path}`, () => {
        const official = runPmScripts([sha3Script], {
          method,
          pathWithQuery: path,
          ...(body === undefined ? {} : { body }),
          environment,
          fixedIso,
          cryptoJs: nistCryptoJs,
        });
        const mine = ours(method, path, body, 'HMAC-SHA3_256');
        expectAgreement(mine, official);
        expect(mine.headers.Algorithm).toBe('HMAC-SHA3_256');
        const origin = loggedOrigin(official.logs);
        expect(mine.signatureOrigin).toBe(origin);
        expect(mine.headers.Signature).toBe(createHmac('sha3-256', environment.SECRET_KEY).update(origin).digest('base64'));
        expect(mine.headers.Signature).not.toBe(ours(method, path, body, 'HMAC-SHA256').headers.Signature);
      });
    }
  });
});
