import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckoutOptions } from './checkoutOptions.js';
import { MemoryEventBus } from './stores/memoryEventBus.js';
import { MemoryRefreshLock } from './stores/memoryRefreshLock.js';
import { MemoryOrderStore } from './stores/memoryOrderStore.js';
import { resolveCheckoutOptions } from './resolveCheckoutOptions.js';
import { FakeCheckoutClient } from './test-utils/fakeCheckoutClient.js';

const VALID: CheckoutOptions = {
  client: new FakeCheckoutClient(),
  publicUrl: 'https://shop.example/api/pay/',
  priceFor: () => ({ amount: '1', currency: 'USD' }),
  statusSecret: 's'.repeat(32),
  callback: { token: 't', secret: 's' },
};

describe('resolveCheckoutOptions', () => {
  it('fills in the documented defaults', () => {
    const resolved = resolveCheckoutOptions(VALID);
    expect(resolved).toMatchObject({
      publicUrl: 'https://shop.example/api/pay',
      orderTtlMs: 1_800_000,
      minRefreshMs: 2000,
      pollIntervalMs: 3000,
      heartbeatMs: 15_000,
      rateLimit: { max: 20, windowMs: 60_000 },
      idempotencyTtlMs: 86_400_000,
      currencyCacheMs: 300_000,
      qrFormat: 'auto',
      allowedCurrencies: null,
      fulfilment: { maxAttempts: 20, leaseMs: 30_000, firstRetryMs: 1000, maxRetryMs: 3_600_000 },
      reconcile: { intervalMs: 30_000, expiredWindowMs: 86_400_000 },
      unpaidOrderRetentionMs: 172_800_000,
    });
    expect(resolveCheckoutOptions({ ...VALID, reconcile: false, fulfilment: { maxAttempts: 3 } })).toMatchObject({
      reconcile: null,
      fulfilment: { maxAttempts: 3, leaseMs: 30_000 },
    });
    expect(resolveCheckoutOptions({ ...VALID, rateLimit: false, allowedCurrencies: ['BTC', 'BTC-LN'] })).toMatchObject({
      rateLimit: null,
      allowedCurrencies: new Set(['BTC', 'BTC-LN']),
    });
  });

  it('keeps unpaid orders at least as long as the reconciler watches expired ones', () => {
    const window = (expiredWindowMs: number, unpaidOrderRetentionMs?: number) =>
      resolveCheckoutOptions({
        ...VALID,
        reconcile: { expiredWindowMs },
        ...(unpaidOrderRetentionMs === undefined ? {} : { unpaidOrderRetentionMs }),
      }).unpaidOrderRetentionMs;
    expect(window(72 * 3_600_000)).toBe(72 * 3_600_000);
    expect(window(3_600_000, 3_600_000)).toBe(3_600_000);
    expect(resolveCheckoutOptions({ ...VALID, reconcile: false, unpaidOrderRetentionMs: 0 }).unpaidOrderRetentionMs).toBe(0);
  });

  it('defaults to an in-process event bus and no shared refresh lock, and takes given ones', () => {
    const resolved = resolveCheckoutOptions(VALID);
    expect(resolved.events).toBeInstanceOf(MemoryEventBus);
    expect(resolved.refreshLock).toBeNull();
    const events = new MemoryEventBus();
    const refreshLock = new MemoryRefreshLock();
    expect(resolveCheckoutOptions({ ...VALID, events, refreshLock })).toMatchObject({ events, refreshLock });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['publicUrl', { publicUrl: '/api/pay' }, /publicUrl must be the absolute http\(s\) URL/],
    ['publicUrl with a query', { publicUrl: 'https://shop.example/pay?x=1' }, /no query or fragment/],
    ['publicUrl with credentials', { publicUrl: 'https://user:pw@shop.example/pay' }, /publicUrl/],
    ['publicUrl ftp', { publicUrl: 'ftp://shop.example/pay' }, /publicUrl/],
    ['statusSecret', { statusSecret: 'short' }, /statusSecret must be a string of at least 32 characters/],
    ['callback', { callback: 'signed' }, /callback must be \{ token, secret \} from Aurpay, or left out/],
    ['callback.secret', { callback: { token: 't', secret: '' } }, /callback.secret/],
    ['client', { client: {} }, /client must be an AurpayClient \(missing createPayInfo\)/],
    ['priceFor', { priceFor: 'free' }, /priceFor\(req, body\) must be a function/],
    ['allowedCurrencies', { allowedCurrencies: ['BTC', 'DOGE'] }, /unknown currency "DOGE"/],
    ['allowedCurrencies empty', { allowedCurrencies: [] }, /non-empty array/],
    ['orderTtlMs', { orderTtlMs: -1 }, /orderTtlMs must be an integer ≥ 1000 ms, got -1/],
    ['minRefreshMs', { minRefreshMs: 1.5 }, /minRefreshMs/],
    ['rateLimit.max', { rateLimit: { max: 0 } }, /rateLimit.max must be an integer ≥ 1, got 0/],
    ['qrFormat', { qrFormat: 'svg' }, /qrFormat must be one of/],
    ['onPaid', { onPaid: 'yes' }, /onPaid must be a function/],
    ['store', { store: { get: () => null } }, /store must implement OrderStore \(missing findByCallbackRef\)/],
    ['events', { events: { publish: () => undefined } }, /events must implement OrderEventBus \(missing subscribe\)/],
    ['refreshLock', { refreshLock: {} }, /refreshLock must implement RefreshLock \(missing acquire\)/],
    [
      'store without fulfilments',
      { store: { get: () => null, findByCallbackRef: () => null, put: () => undefined, compareAndSetStatus: () => null } },
      /store must implement OrderStore \(missing findOpenOrder\)/,
    ],
    ['fulfilment', { fulfilment: 3 }, /fulfilment must be an object such as \{ maxAttempts: 20 \}\./],
    ['fulfilment.maxAttempts', { fulfilment: { maxAttempts: 0 } }, /fulfilment.maxAttempts must be an integer ≥ 1, got 0/],
    ['reconcile', { reconcile: true }, /reconcile must be an object such as \{ intervalMs: 30000 \}, or false/],
    ['reconcile.intervalMs', { reconcile: { intervalMs: 5 } }, /reconcile.intervalMs must be an integer ≥ 100 ms, got 5/],
    ['unpaidOrderRetentionMs', { unpaidOrderRetentionMs: -1 }, /unpaidOrderRetentionMs must be an integer ≥ 0 ms, got -1/],
    [
      'unpaidOrderRetentionMs below reconcile.expiredWindowMs',
      { unpaidOrderRetentionMs: 3_600_000 },
      /unpaidOrderRetentionMs \(3600000 ms\) must be at least reconcile.expiredWindowMs \(86400000 ms\)/,
    ],
    [
      'a client without listOrders',
      { client: { createPayInfo: () => null, createBlnOrder: () => null, getOrderDetail: () => null, listCryptoCurrencies: () => null } },
      /client must have listOrders for reconciliation .* or set reconcile: false/,
    ],
  ])('refuses a bad %s with a message naming it', (_name, change, message) => {
    expect(() => resolveCheckoutOptions({ ...VALID, ...(change as Partial<CheckoutOptions>) })).toThrow(message);
    try {
      resolveCheckoutOptions({ ...VALID, ...(change as Partial<CheckoutOptions>) });
    } catch (error) {
      expect(error).toMatchObject({ code: 'checkout_options_invalid' });
    }
  });

  describe('in production', () => {
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    it('refuses to keep orders in memory, saying what to set', () => {
      vi.stubEnv('NODE_ENV', 'production');
      expect(() => resolveCheckoutOptions(VALID)).toThrow(
        /NODE_ENV is production but orders would be kept in memory .* createSqliteStore\(\{ filename \}\)/,
      );
      expect(() => resolveCheckoutOptions({ ...VALID, store: new MemoryOrderStore() })).toThrow(/acceptDataLoss: true/);
    });

    it('takes a memory store that accepts the loss, or any other store', () => {
      vi.stubEnv('NODE_ENV', 'production');
      const accepted = new MemoryOrderStore({ acceptDataLoss: true });
      expect(resolveCheckoutOptions({ ...VALID, store: accepted }).store).toBe(accepted);
      const durable = Object.assign(
        Object.create(null) as object,
        Object.fromEntries(Object.getOwnPropertyNames(MemoryOrderStore.prototype).map((name) => [name, () => undefined])),
      );
      expect(resolveCheckoutOptions({ ...VALID, store: durable as unknown as MemoryOrderStore }).store).toBe(durable);
    });
  });
});
