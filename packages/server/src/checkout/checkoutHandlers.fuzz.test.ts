import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { signCallback } from '../callbacks/signCallback.js';
import type { CheckoutRequest, CheckoutResponse, EventSink } from './http/checkoutRequest.js';
import { CALLBACK, fakeCheckout, PUBLIC_URL } from './test-utils/fakeCheckout.js';
import * as arb from './test-utils/fuzzArbitraries.js';

// No refresh window: the fuzz is about what the routes accept, and forced refreshes would queue.
// The clock of the fake gateway's Lightning example, so its invoices are payable and no deadline is corrected.
const fake = fakeCheckout({
  rateLimit: { max: 200, windowMs: 60_000 },
  pollIntervalMs: 60_000,
  minRefreshMs: 0,
  now: () => Date.UTC(2024, 3, 28, 12, 52),
});
afterAll(() => fake.handlers.close());

// A hang detector, not a speed limit: an answer within it on any machine, a hang never.
const HANG_MS = 10_000;

async function answer(request: CheckoutRequest, sink?: EventSink): Promise<CheckoutResponse | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${HANG_MS} ms: ${request.method} ${request.url}`)), HANG_MS)),
  );
  try {
    return await Promise.race([fake.handlers.handle(request, sink), hang]);
  } finally {
    clearTimeout(timer);
  }
}

function expectWellFormed(result: CheckoutResponse | null, allowed: number[]): void {
  if (result === null) return;
  expect(allowed).toContain(result.status);
  for (const value of Object.values(result.headers)) expect(typeof value).toBe('string');
  const text = JSON.stringify(result.body);
  if (result.status >= 400) {
    expect(result.body).toEqual({ error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) } });
    expect(text).not.toMatch(/\bat .*:\d+|unit-test-status-secret|callback-secret|stack/);
  }
}

function closingSink(): EventSink & { closeAll: () => void } {
  const closers: (() => void)[] = [];
  return {
    open: () => undefined,
    write: () => undefined,
    end: () => undefined,
    onClose: (l) => void closers.push(l),
    closeAll: () => closers.forEach((c) => c()),
  };
}

describe('fuzzing the plain handlers (no 500, no crash, no hang)', () => {
  it('POST /orders: bodies and headers', async () => {
    const seen = new Map<number, number>();
    const valid = fc.record({
      kind: fc.constant('crypto'),
      chain: fc.constant('BTC'),
      currency: fc.constant('BTC'),
      note: arb.nastyString,
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(arb.orderBody, valid), arb.headers, async (body, headers) => {
        const result = await answer({ method: 'POST', url: '/orders', headers, body, clientId: 'fuzz' });
        expectWellFormed(result, [201, 400, 409, 413, 429]);
        seen.set(result?.status ?? 0, (seen.get(result?.status ?? 0) ?? 0) + 1);
      }),
      { numRuns: 400 },
    );
    // The runs reached both the refusals and the creations.
    expect(seen.get(400)).toBeGreaterThan(50);
    expect(seen.get(201)).toBeGreaterThan(5);
  });

  it('GET /orders/:id and its events: ids, tokens in headers and queries', async () => {
    const real = await fake.create();
    const id = fc.oneof(arb.nastyString, fc.constant(real.orderId));
    const token = fc.oneof(arb.nastyString, fc.constant(real.statusToken), fc.constant(fake.handlers.statusToken('1')));
    await fc.assert(
      fc.asyncProperty(
        id,
        token,
        arb.headers,
        arb.queryString,
        fc.boolean(),
        fc.boolean(),
        async (orderId, t, headers, query, inHeader, events) => {
          const url = `/orders/${arb.encode(orderId)}${events ? '/events' : ''}?${query}${inHeader ? '' : `&token=${arb.encode(t)}`}`;
          const sink = closingSink();
          const result = await answer({ method: 'GET', url, headers: inHeader ? { ...headers, 'x-status-token': t } : headers }, sink);
          // An empty id leaves `/orders/`: the creation route, which GET does not serve (405).
          expectWellFormed(result, [200, 400, 401, 403, 404, 405]);
          sink.closeAll();
        },
      ),
      { numRuns: 450 },
    );
    expect(fake.handlers.activeWatchers()).toBe(0);
  });

  it('GET and POST /callback: queries, headers and bodies, forged or signed', async () => {
    const real = await fake.create();
    const stored = await fake.store.get(real.orderId);
    const ref = fc.oneof(arb.nastyString, fc.constant(stored?.callbackRef ?? ''));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST'),
        ref,
        arb.queryString,
        arb.headers,
        fc.boolean(),
        fc.jsonValue(),
        async (m, r, query, headers, sign, body) => {
          const url = `/callback?ref=${arb.encode(r)}&${query}`;
          const signed = sign ? { ...headers, ...signCallback({ callbackUrl: PUBLIC_URL + url, ...CALLBACK }) } : headers;
          expectWellFormed(await answer({ method: m, url, headers: signed, body }), [200, 400, 401, 404]);
        },
      ),
      { numRuns: 300 },
    );
    await fake.handlers.idle();
    expect(fake.paid).toEqual([]);
  });

  it('any method and path: a JSON answer', async () => {
    await fc.assert(
      fc.asyncProperty(arb.method, arb.path, arb.queryString, arb.headers, fc.jsonValue(), async (m, p, query, headers, body) => {
        const sink = closingSink();
        const result = await answer({ method: m, url: `${p}?${query}`, headers, body }, sink);
        expectWellFormed(result, [200, 201, 400, 401, 403, 404, 405, 409, 413, 429]);
        sink.closeAll();
      }),
      { numRuns: 200 },
    );
    expect(fake.handlers.activeWatchers()).toBe(0);
  });

  it('reported no internal error and marked nothing paid', async () => {
    await fake.handlers.idle();
    expect(fake.errors).toEqual([]);
    expect(fake.paid).toEqual([]);
  });
});
