import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CheckoutObserver } from './checkoutObserver.js';
import type { CheckoutObserverOptions } from './checkoutOptions.js';
import { OrderSubscriptionCache } from './orderSubscriptionCache.js';
import type { FakeRouter } from './test-utils/fakeRouter.js';
import { fakeRouter } from './test-utils/fakeRouter.js';

let router: FakeRouter;
const observe = (options: Partial<CheckoutObserverOptions> = {}) =>
  new CheckoutObserver({ endpoint: '/api/pay', fetch: router.fetch, EventSource: null, ...options });
const transport = () => ({ endpoint: '/api/pay', fetch: router.fetch, EventSource: null });
const settle = (ms = 0) => vi.advanceTimersByTimeAsync(ms);
const posts = () => router.requests.filter((r) => r.method === 'POST');

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('window', {});
  router = fakeRouter();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('CheckoutObserver without a framework', () => {
  it('does nothing until someone listens, then creates the order and follows it to paid', async () => {
    const onSuccess = vi.fn();
    const onStatusChange = vi.fn();
    const checkout = observe({ chain: 'BTC', currency: 'BTC', orderFields: { cartId: 'c1' }, onSuccess, onStatusChange });
    await settle(10_000);
    expect(router.requests).toHaveLength(0);
    expect(checkout.getSnapshot()).toMatchObject({ phase: 'idle', order: null, choosing: false });
    const listener = vi.fn();
    const stop = checkout.subscribe(listener);
    expect(checkout.getSnapshot().phase).toBe('loading');
    await settle();
    expect(posts()[0]?.body).toEqual({ cartId: 'c1', kind: 'crypto', chain: 'BTC', currency: 'BTC' });
    expect(checkout.getSnapshot()).toMatchObject({ phase: 'awaiting_payment', order: { orderId: 'o1', address: 'address-1' } });
    router.set('o1', 'paid');
    await settle(2000);
    expect(checkout.getSnapshot()).toMatchObject({ phase: 'paid', order: { status: 'paid', address: 'address-1' } });
    expect(onStatusChange.mock.calls.map(([status]) => status)).toEqual(['awaiting_payment', 'paid']);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onSuccess).toHaveBeenCalledWith(expect.objectContaining({ orderId: 'o1', address: 'address-1' }));
    expect(listener).toHaveBeenCalled();
    stop();
  });

  it('frees every request and timer when the last listener leaves, and starts again for the next', async () => {
    const checkout = observe({ chain: 'BTC', currency: 'BTC' });
    const stopA = checkout.subscribe(() => {});
    const stopB = checkout.subscribe(() => {});
    await settle(2000);
    stopA();
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    stopB();
    expect(vi.getTimerCount()).toBe(0);
    const count = router.requests.length;
    await settle(60_000);
    expect(router.requests).toHaveLength(count);
    const stop = checkout.subscribe(() => {});
    await settle(2000);
    expect(router.count('GET', '/orders/o1')).toBeGreaterThan(1);
    expect(posts()).toHaveLength(1);
    stop();
  });

  it('aborts a creation in flight when the last listener leaves, and asks again with the same key', async () => {
    const checkout = observe({ chain: 'BTC', currency: 'BTC' });
    checkout.subscribe(() => {})();
    expect(posts()[0]?.signal?.aborted).toBe(true);
    checkout.subscribe(() => {});
    await settle();
    expect(posts()[1]?.headers['Idempotency-Key']).toBe(posts()[0]?.headers['Idempotency-Key']);
    expect(router.orders.size).toBe(1);
  });

  it('fires each event once, however many listen and however often they come and go', async () => {
    const onStatusChange = vi.fn();
    const order = await createdElsewhere();
    const checkout = observe({ order, onStatusChange });
    expect(checkout.getSnapshot().phase).toBe('awaiting_payment');
    expect(onStatusChange).not.toHaveBeenCalled();
    checkout.subscribe(() => {})();
    checkout.subscribe(() => {});
    checkout.subscribe(() => {});
    router.set(order.orderId, 'expired');
    await settle(2000);
    expect(onStatusChange.mock.calls.map(([status]) => status)).toEqual(['awaiting_payment', 'expired']);
  });

  it('is inert without a window: it shows a given order and asks nothing', async () => {
    const order = await createdElsewhere();
    vi.stubGlobal('window', undefined);
    const onStatusChange = vi.fn();
    const checkout = observe({ order, onStatusChange });
    checkout.subscribe(() => {});
    await settle(10_000);
    expect(checkout.getSnapshot()).toMatchObject({ phase: 'awaiting_payment', order: { orderId: order.orderId } });
    expect(router.count('GET')).toBe(0);
    expect(onStatusChange).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('shares its status connection through a cache', async () => {
    const subscriptions = new OrderSubscriptionCache();
    const order = await createdElsewhere();
    const one = observe({ order, subscriptions });
    const two = observe({ orderId: order.orderId, statusToken: order.statusToken, subscriptions });
    one.subscribe(() => {});
    two.subscribe(() => {});
    await settle(10_000);
    expect(router.count('GET', `/orders/${order.orderId}`)).toBe(5);
    expect(two.getSnapshot().phase).toBe('awaiting_payment');
  });

  it('reports a callback that throws as uncaught, and goes on with the checkout', async () => {
    const reported: unknown[] = [];
    const queue = globalThis.queueMicrotask;
    vi.spyOn(globalThis, 'queueMicrotask').mockImplementation((task) =>
      queue(() => {
        try {
          task();
        } catch (error) {
          reported.push(error);
        }
      }),
    );
    const onSuccess = vi.fn();
    const onStatusChange = vi.fn(() => {
      throw new Error('a bug in the shop');
    });
    const checkout = observe({ chain: 'BTC', currency: 'BTC', onStatusChange, onSuccess });
    checkout.subscribe(() => {});
    await settle();
    router.set('o1', 'paid');
    await settle(2000);
    expect(onStatusChange).toHaveBeenCalledTimes(2);
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(reported).toEqual([new Error('a bug in the shop'), new Error('a bug in the shop')]);
  });

  it('lets a callback start again from inside an event', async () => {
    const checkout = observe({ chain: 'BTC', currency: 'BTC' });
    checkout.setOptions({ ...transport(), chain: 'BTC', currency: 'BTC', onTimeout: () => checkout.reset() });
    checkout.subscribe(() => {});
    await settle();
    router.set('o1', 'expired');
    await settle(2000);
    expect(posts()).toHaveLength(2);
    expect(checkout.getSnapshot()).toMatchObject({ phase: 'awaiting_payment', order: { orderId: 'o2' } });
  });
});

describe('CheckoutObserver.setOptions', () => {
  it('calls the callbacks it was given last, once each', async () => {
    const first = vi.fn();
    const second = vi.fn();
    const checkout = observe({ chain: 'BTC', currency: 'BTC', onSuccess: first });
    checkout.subscribe(() => {});
    await settle();
    checkout.setOptions({ ...transport(), chain: 'BTC', currency: 'BTC', onSuccess: second });
    router.set('o1', 'paid');
    await settle(10_000);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('creates at once when the currency is fixed while the buyer chooses', async () => {
    const checkout = observe({ orderFields: { cartId: 'old' } });
    checkout.subscribe(() => {});
    await settle();
    expect(checkout.getSnapshot()).toMatchObject({ choosing: true, currencies: [{ chain: 'BTC', currency: 'BTC' }] });
    checkout.setOptions({ ...transport(), orderFields: { cartId: 'new' } });
    expect(posts()).toHaveLength(0);
    checkout.setOptions({ ...transport(), chain: 'ETH', currency: 'USDT-ERC20', orderFields: { cartId: 'new' } });
    await settle();
    expect(posts().map((r) => r.body)).toEqual([{ cartId: 'new', kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20' }]);
    expect(checkout.getSnapshot()).toMatchObject({ phase: 'awaiting_payment', choosing: false });
  });

  it('starts creating when create turns true, and nothing before', async () => {
    const checkout = observe({ kind: 'lightning', create: false });
    checkout.subscribe(() => {});
    await settle(10_000);
    expect(router.requests).toHaveLength(0);
    checkout.setOptions({ ...transport(), kind: 'lightning' });
    await settle();
    expect(posts().map((r) => r.body)).toEqual([{ kind: 'lightning' }]);
  });

  it('takes new creation inputs given before it listens', async () => {
    const checkout = observe({ chain: 'BTC', currency: 'BTC' });
    checkout.setOptions({ ...transport(), chain: 'LTC', currency: 'LTC' });
    checkout.subscribe(() => {});
    await settle();
    expect(posts().map((r) => r.body)).toEqual([{ kind: 'crypto', chain: 'LTC', currency: 'LTC' }]);
  });

  it('never replaces an order on its way or made: a change serves the next creation', async () => {
    const checkout = observe({ chain: 'BTC', currency: 'BTC' });
    checkout.subscribe(() => {});
    checkout.setOptions({ ...transport(), chain: 'LTC', currency: 'LTC' });
    await settle();
    checkout.setOptions({ ...transport(), chain: 'ETH', currency: 'ETH' });
    await settle(4000);
    expect(posts().map((r) => r.body?.currency)).toEqual(['BTC']);
    expect(checkout.getSnapshot().order?.currency).toBe('BTC');
    checkout.reset();
    await settle();
    expect(posts().map((r) => r.body?.currency)).toEqual(['BTC', 'ETH']);
    expect(checkout.getSnapshot().order).toMatchObject({ orderId: 'o2', currency: 'ETH' });
  });

  it('retries a failed creation with its key, or with a new key when the inputs changed', async () => {
    const onError = vi.fn();
    router.failNext('POST', '/orders', 502);
    router.failNext('POST', '/orders', 502);
    const checkout = observe({ chain: 'BTC', currency: 'BTC', onError });
    checkout.subscribe(() => {});
    await settle();
    expect(checkout.getSnapshot()).toMatchObject({ phase: 'error', error: { code: 'injected_502' } });
    checkout.setOptions({ ...transport(), chain: 'BTC', currency: 'BTC', onError });
    checkout.retry();
    await settle();
    checkout.setOptions({ ...transport(), chain: 'LTC', currency: 'LTC', onError });
    expect(posts()).toHaveLength(2);
    checkout.retry();
    await settle();
    const [first, second, third] = posts().map((r) => r.headers['Idempotency-Key']);
    expect(second).toBe(first);
    expect(third).not.toBe(first);
    expect(posts()[2]?.body).toMatchObject({ currency: 'LTC' });
    expect(checkout.getSnapshot().phase).toBe('awaiting_payment');
    expect(onError).toHaveBeenCalledTimes(2);
  });

  it('moves the work in hand to a new endpoint, and only then', async () => {
    const checkout = observe({ chain: 'BTC', currency: 'BTC' });
    checkout.subscribe(() => {});
    await settle();
    const moved = vi.fn(router.fetch);
    checkout.setOptions({ ...transport(), fetch: moved, chain: 'BTC', currency: 'BTC' });
    await settle(2000);
    expect(moved).toHaveBeenCalledTimes(0);
    const wrapped = ((url: string, init?: RequestInit) => moved(url.replace('/v2', ''), init)) as typeof fetch;
    checkout.setOptions({ ...transport(), endpoint: '/v2/api/pay', fetch: wrapped, chain: 'BTC', currency: 'BTC' });
    await settle(2000);
    expect(moved.mock.calls.map(([url]) => url)).toEqual(['/api/pay/orders/o1']);
    expect(posts()).toHaveLength(1);
  });

  it('shows another given order in place of the one shown, and keeps it when the order is taken away', async () => {
    const onStatusChange = vi.fn();
    const [a, b] = [await createdElsewhere(), await createdElsewhere()];
    const checkout = observe({ order: a, onStatusChange });
    checkout.subscribe(() => {});
    await settle();
    checkout.setOptions({ ...transport(), orderId: b.orderId, statusToken: b.statusToken, onStatusChange });
    expect(checkout.getSnapshot()).toMatchObject({ phase: 'loading', order: null });
    await settle();
    expect(checkout.getSnapshot()).toMatchObject({ phase: 'awaiting_payment', order: { orderId: b.orderId } });
    router.set(b.orderId, 'paid');
    checkout.setOptions({ ...transport(), onStatusChange });
    await settle(2000);
    expect(checkout.getSnapshot()).toMatchObject({ phase: 'paid', order: { orderId: b.orderId } });
    expect(onStatusChange.mock.calls.map(([status, order]) => `${status} ${order.orderId}`)).toEqual([
      `awaiting_payment ${a.orderId}`,
      `awaiting_payment ${b.orderId}`,
      `paid ${b.orderId}`,
    ]);
    expect(posts()).toHaveLength(2);
  });
});

/** An order made through the router before the observer under test exists. */
async function createdElsewhere() {
  const response = await router.fetch('/api/pay/orders', {
    method: 'POST',
    headers: { 'Idempotency-Key': `elsewhere-${router.orders.size}` },
    body: JSON.stringify({ kind: 'crypto', chain: 'BTC', currency: 'BTC' }),
  });
  return response.json();
}

describe('CheckoutObserver: the currency choice', () => {
  const offered = [
    { chain: 'BTC', currency: 'BTC' },
    { chain: 'ETH', currency: 'ETH' },
    { chain: 'ETH', currency: 'USDT-ERC20' },
    { chain: 'TRX', currency: 'USDT-TRC20' },
    { chain: 'LTC', currency: 'LTC' },
  ];
  beforeEach(() => {
    router.currencies.splice(0, router.currencies.length, ...offered);
  });

  it('offers only what currencyOptions include, in its order', async () => {
    const checkout = observe({ currencyOptions: { include: ['btc', 'ETH', 'USDT-TRC20'], order: ['USDT-TRC20', 'BTC'] } });
    const stop = checkout.subscribe(() => {});
    await settle();
    expect(checkout.getSnapshot().currencies).toEqual([
      { chain: 'TRX', currency: 'USDT-TRC20' },
      { chain: 'BTC', currency: 'BTC' },
      { chain: 'ETH', currency: 'ETH' },
      { chain: 'ETH', currency: 'USDT-ERC20' },
    ]);
    expect(checkout.getSnapshot().canChangeCurrency).toBe(false);
    stop();
  });

  it('creates the default at once; the buyer can change currency until money arrives, and back from an error', async () => {
    const checkout = observe({ currencyOptions: { default: 'usdt-erc20' } });
    const stop = checkout.subscribe(() => {});
    await settle();
    expect(posts()[0]?.body).toMatchObject({ chain: 'ETH', currency: 'USDT-ERC20' });
    expect(checkout.getSnapshot()).toMatchObject({ phase: 'awaiting_payment', canChangeCurrency: true });

    checkout.changeCurrency();
    expect(checkout.getSnapshot()).toMatchObject({ phase: 'idle', choosing: true, order: null, canChangeCurrency: false });
    expect(checkout.getSnapshot().currencies).toHaveLength(5);
    router.failNext('POST', '/orders', 502);
    checkout.choose({ chain: 'BTC', currency: 'BTC' });
    await settle();
    expect(checkout.getSnapshot()).toMatchObject({ phase: 'error', canChangeCurrency: true });
    checkout.changeCurrency();
    expect(checkout.getSnapshot()).toMatchObject({ choosing: true });
    checkout.choose({ chain: 'LTC', currency: 'LTC' });
    await settle();
    const { orderId } = checkout.getSnapshot().order!;
    router.set(orderId, 'partially_paid', { paidAmount: '0.5', remainingAmount: '1' });
    await settle(2000);
    expect(checkout.getSnapshot()).toMatchObject({ phase: 'partially_paid', canChangeCurrency: false });
    checkout.changeCurrency();
    expect(checkout.getSnapshot().order?.orderId).toBe(orderId);
    stop();
  });

  it('never offers a change of a currency the options fix', async () => {
    const checkout = observe({ chain: 'BTC', currency: 'BTC' });
    const stop = checkout.subscribe(() => {});
    await settle();
    expect(checkout.getSnapshot().canChangeCurrency).toBe(false);
    checkout.changeCurrency();
    expect(checkout.getSnapshot().phase).toBe('awaiting_payment');
    stop();
  });
});

describe('CheckoutObserver: a transaction the wallet sent', () => {
  it('shows detected at once, fires onPaymentDetected once, and leaves paid to the server', async () => {
    const onPaymentDetected = vi.fn();
    const onSuccess = vi.fn();
    const checkout = observe({ chain: 'BTC', currency: 'BTC', onPaymentDetected, onSuccess });
    const stop = checkout.subscribe(() => {});
    await settle();
    const hash = 'ab'.repeat(32);
    checkout.detect({ hash });
    expect(checkout.getSnapshot()).toMatchObject({
      phase: 'detected',
      order: { transactions: [{ hash, confirmations: null }], address: 'address-1' },
    });
    expect(onPaymentDetected).toHaveBeenCalledTimes(1);
    await settle(4000);
    expect(checkout.getSnapshot().phase).toBe('detected');
    expect(onSuccess).not.toHaveBeenCalled();
    router.set('o1', 'paid', { transactions: [{ hash, confirmations: 6 }] });
    await settle(2000);
    expect(checkout.getSnapshot().phase).toBe('paid');
    expect(onSuccess).toHaveBeenCalledTimes(1);
    expect(onPaymentDetected).toHaveBeenCalledTimes(1);
    stop();
  });
});
