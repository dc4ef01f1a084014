import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from '../src/checkout/test-utils/fuzzArbitraries.js';
import { CHECKOUT_ADAPTERS, startHarness, type Harness } from './checkoutHarness.js';

// The same scenarios against the Express router and the fetch handler.
describe.each(CHECKOUT_ADAPTERS)('the %s adapter', (adapter) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ adapter });
  });
  afterAll(async () => {
    await h.close();
  });

  const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 60 });
  const headerName = fc.constantFrom(
    'Idempotency-Key',
    'X-Status-Token',
    'Last-Event-ID',
    'Callback-Token',
    'Date',
    'Signature',
    'Content-Type',
    'X-Forwarded-For',
  );
  const rawBody = fc.oneof(
    fc.json(),
    fc.string({ maxLength: 200 }),
    fc.constantFrom(
      '{',
      '{"kind":',
      '[]',
      'null',
      '{"kind":"lightning"}',
      '{"kind":"crypto","chain":"ETH","currency":"ETH","price":"0.01"}',
      '\u0000',
    ),
    fc.jsonValue().map((v) => JSON.stringify({ kind: 'crypto', chain: 'BTC', currency: 'BTC', extra: v })),
  );
  // Dot segments are left out: URL normalisation would carry the request outside the mount point.
  const pathPart = fc
    .oneof(
      fc.constantFrom('orders', 'events', 'callback', 'currencies', '12345678901234567890', '%2F', '%00'),
      fc.string({ maxLength: 12 }).map(encode),
    )
    .filter((part) => !/^(?:\.|%2e){1,2}$/i.test(part));

  describe('fuzzing the checkout over HTTP (no 500, no crash, no hang)', () => {
    it('answers every request with JSON and a 2xx or a clear 4xx/5xx gateway code', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
          fc.array(pathPart, { minLength: 0, maxLength: 3 }),
          fc.array(fc.tuple(fc.constantFrom('token', 'ref', 'event'), printable.map(encode)), { maxLength: 3 }),
          fc.dictionary(headerName, printable, { maxKeys: 4 }),
          fc.option(rawBody, { nil: undefined }),
          fc.constantFrom('application/json', 'text/plain', 'application/merge-patch+json', 'application/json; charset=latin1'),
          async (method, parts, query, headers, body, contentType) => {
            const path = `/${parts.join('/')}${query.length === 0 ? '' : `?${query.map(([k, v]) => `${k}=${v}`).join('&')}`}`;
            const controller = new AbortController();
            const timer = setTimeout(() => controller.abort(), 3000);
            try {
              const res = await fetch(h.publicUrl + path, {
                method,
                headers: { ...headers, 'content-type': contentType },
                ...(body === undefined || method === 'GET' ? {} : { body }),
                signal: controller.signal,
              });
              expect([200, 201, 400, 401, 403, 404, 405, 409, 413, 415, 429, 502, 504]).toContain(res.status);
              expect(res.headers.get('content-type')).toMatch(/^application\/json/);
              const json = (await res.json()) as unknown;
              if (res.status >= 400)
                expect(json).toEqual({ error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) } });
            } finally {
              clearTimeout(timer);
            }
          },
        ),
        { numRuns: 150 },
      );
      expect(h.router.checkout.activeWatchers()).toBe(0);
      expect(h.hooks.paid).toEqual([]);
    });
  });
});
