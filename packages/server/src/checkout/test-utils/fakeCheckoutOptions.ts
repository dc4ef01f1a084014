import type { CheckoutOptions } from '../checkoutOptions.js';
import { FakeCheckoutClient } from './fakeCheckoutClient.js';

/**
 * The least a checkout needs, over a `FakeCheckoutClient` and with no background reconciliation:
 * for tests of what sits around the handlers (adapters, servers, proxies).
 *
 * @example createCheckoutRouter(fakeCheckoutOptions({ rateLimit: { max: 3, windowMs: 60_000 } }))
 */
export function fakeCheckoutOptions(overrides: Partial<CheckoutOptions> = {}): CheckoutOptions {
  return {
    client: new FakeCheckoutClient(),
    publicUrl: 'http://127.0.0.1/api/pay',
    statusSecret: 'unit-test-status-secret-0123456789',
    callback: { token: 't', secret: 's' },
    priceFor: () => ({ amount: '1', currency: 'USD' }),
    reconcile: false,
    ...overrides,
  };
}
