import { afterEach } from 'vitest';
import type { CheckoutOrder, CheckoutStatus } from '@aurpay-kit/core';
import { signCallback } from '../../callbacks/signCallback.js';
import { createCheckoutHandlers, type CheckoutHandlers } from '../checkoutHandlers.js';
import type { CheckoutOptions } from '../checkoutOptions.js';
import type { CheckoutRequest, CheckoutResponse } from '../http/checkoutRequest.js';
import { MemoryOrderStore } from '../stores/memoryOrderStore.js';
import type { StoredOrder } from '../stores/orderStore.js';
import { FakeCheckoutClient } from './fakeCheckoutClient.js';

export const PUBLIC_URL = 'https://shop.example/api/pay';
export const CALLBACK = { token: 'callback-token', secret: 'callback-secret' };

export interface FakeCheckout {
  handlers: CheckoutHandlers;
  client: FakeCheckoutClient;
  store: MemoryOrderStore;
  paid: StoredOrder[];
  expired: StoredOrder[];
  changes: { order: StoredOrder; previous: CheckoutStatus }[];
  errors: unknown[];
  call(request: Partial<CheckoutRequest> & { method: string; url: string }): Promise<CheckoutResponse>;
  create(body?: Record<string, unknown>): Promise<CheckoutOrder>;
  /** A callback for `order` as Aurpay would send it, correctly signed. */
  callback(order: StoredOrder, event?: 'paid' | 'expired'): Promise<CheckoutResponse>;
}

/** Checkout handlers over a `FakeCheckoutClient` and a memory store, recording every hook. */
export function fakeCheckout(overrides: Partial<CheckoutOptions> = {}): FakeCheckout {
  const client = new FakeCheckoutClient();
  const store = new MemoryOrderStore();
  const fake: Omit<FakeCheckout, 'handlers' | 'call' | 'create' | 'callback'> = {
    client,
    store,
    paid: [],
    expired: [],
    changes: [],
    errors: [],
  };
  const handlers = createCheckoutHandlers({
    client,
    store,
    publicUrl: PUBLIC_URL,
    statusSecret: 'unit-test-status-secret-0123456789',
    callback: CALLBACK,
    priceFor: () => ({ amount: '18', currency: 'USD' }),
    onPaid: (order) => void fake.paid.push(order),
    onExpired: (order) => void fake.expired.push(order),
    onStatusChange: (order, previous) => void fake.changes.push({ order, previous }),
    onError: (error) => void fake.errors.push(error),
    rateLimit: false,
    reconcile: false,
    ...overrides,
  });
  const call: FakeCheckout['call'] = async (request) => {
    const answer = await handlers.handle({ headers: {}, clientId: '127.0.0.1', ...request });
    if (answer === null) throw new Error('fake: a stream opened where an answer was expected');
    return answer;
  };
  return {
    ...fake,
    handlers,
    call,
    async create(body = { kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20' }) {
      const answer = await call({ method: 'POST', url: '/orders', body });
      if (answer.status !== 201) throw new Error(`fake: POST /orders answered ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body as CheckoutOrder;
    },
    callback(order, event = 'paid') {
      const url = `/callback?ref=${order.callbackRef}&event=${event}`;
      return call({ method: 'GET', url, headers: signCallback({ callbackUrl: PUBLIC_URL + url, ...CALLBACK }) });
    },
  };
}

/**
 * Registers an `afterEach` that closes every checkout the returned function is given, so no
 * timer outlives its test.
 *
 * @example const track = closedAfterEach(); const fake = track(fakeCheckout());
 */
export function closedAfterEach(): (fake: FakeCheckout) => FakeCheckout {
  const open: FakeCheckout[] = [];
  afterEach(() => {
    for (const fake of open.splice(0)) fake.handlers.close();
  });
  return (fake) => {
    open.push(fake);
    return fake;
  };
}
