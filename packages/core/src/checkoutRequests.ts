import type { CheckoutCurrency, CheckoutOrder } from './checkoutView.js';
import { RequestError, requestJson } from './requestJson.js';

// The wire side of `CheckoutObserver` (the currency list, an order creation), kept apart so the
// observer reads as its schedule.

type Transport = { endpoint: string; fetch?: typeof fetch | undefined };

/** A fresh `Idempotency-Key`: one per intent to create an order. */
export const newIdempotencyKey = (): string =>
  globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** `GET /currencies`, without Lightning, which is not chosen from a list. */
export async function fetchCurrencies(transport: Transport, signal: AbortSignal): Promise<CheckoutCurrency[]> {
  const list = await requestJson<CheckoutCurrency[]>(transport, '/currencies', { signal });
  if (!Array.isArray(list)) throw new RequestError('bad_response', 'The answer is not a list.');
  return list.filter((c) => c.chain !== 'BLN');
}

/** `POST /orders` with the body and the idempotency key that makes asking twice safe. */
export async function postOrder(transport: Transport, body: string, key: string, signal: AbortSignal): Promise<CheckoutOrder> {
  const headers = { 'Content-Type': 'application/json', 'Idempotency-Key': key };
  const order = await requestJson<CheckoutOrder>(transport, '/orders', { method: 'POST', headers, body, signal });
  if (typeof order.orderId !== 'string' || typeof order.statusToken !== 'string') {
    throw new RequestError('bad_response', 'The answer is not an order.');
  }
  return order;
}
