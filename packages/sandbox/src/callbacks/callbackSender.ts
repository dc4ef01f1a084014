import { createHmac } from 'node:crypto';
import type { ClientRequest } from 'node:http';

import type { AurpayOrderStatus } from '@aurpay-kit/core';

import { deliver } from './httpDelivery.js';
import type { CallbackAttempt, SandboxOrder } from '../orders/sandboxOrder.js';
import type { TimerSet } from '../timerSet.js';

export interface CallbackSenderOptions {
  token: string;
  secret: string;
  /** False sends no `Callback-Token`, `Date` or `Signature`: callback authentication not set up. */
  signed: boolean;
  /** Further attempts after the first fails. */
  retries: number;
  /** Delay before the first retry; it doubles after each. */
  retryDelayMs: number;
  /** How long one attempt may wait for an answer. */
  timeoutMs: number;
  timers: TimerSet;
  now: () => number;
  log: (line: string) => void;
}

/** One callback to deliver, through all its attempts. */
interface Delivery {
  order: SandboxOrder;
  event: 'success' | 'timeout';
  /** The order status the callback announces. */
  status: AurpayOrderStatus;
  url: string;
  body: () => string;
}

/**
 * Signs Aurpay's callback headers: `Signature = base64(HMAC-SHA256(secret, "{date} | {url}"))`.
 *
 * @example callbackHeaders('https://shop.test/cb?id=1', 'token', 'secret', '2024-06-17T00:00:00.000Z')
 */
export function callbackHeaders(url: string, token: string, secret: string, date: string): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`${date} | ${url}`, 'utf8').digest('base64');
  return { 'Callback-Token': token, Date: date, Signature: signature };
}

/**
 * Delivers order callbacks as Aurpay does: `callback_url` on success, `timeout_callback` on
 * timeout; GET without a body, or POST with the order JSON when the order asked for it; signed,
 * or not when the merchant set no callback authentication up; retried with doubling delays while
 * the receiver answers anything but 200. Every attempt is recorded on the order with the status it
 * announces; `close()` aborts what is in flight.
 *
 * @example sender.send(order, 'success', 'SUCCESS', () => JSON.stringify(callbackBody(order, quirks)))
 */
export class CallbackSender {
  readonly #options: CallbackSenderOptions;
  readonly #inFlight = new Set<ClientRequest>();
  #closed = false;

  constructor(options: CallbackSenderOptions) {
    this.#options = options;
  }

  send(order: SandboxOrder, event: 'success' | 'timeout', status: AurpayOrderStatus, body: () => string): void {
    const url = event === 'success' ? order.urls.callback_url : order.urls.timeout_callback;
    if (url === undefined || this.#closed) return;
    this.#start({ order, event, status, url, body }, 1);
  }

  #start(delivery: Delivery, attempt: number): void {
    this.#attempt(delivery, attempt).catch((error: unknown) => {
      this.#options.log(`callback ${delivery.event} ${delivery.order.orderId} could not be sent: ${String(error)}`);
    });
  }

  async #attempt(delivery: Delivery, attempt: number): Promise<void> {
    const { order, event, url, body } = delivery;
    const { token, secret, signed, timeoutMs, now } = this.#options;
    const method: 'GET' | 'POST' = order.postCallback ? 'POST' : 'GET';
    const started = now();
    const headers: Record<string, string> = {
      ...(signed ? callbackHeaders(url, token, secret, new Date(started).toISOString()) : {}),
      'User-Agent': 'aurpay-sandbox',
      ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
    };
    const track = (req: ClientRequest, done: boolean) => (done ? this.#inFlight.delete(req) : this.#inFlight.add(req));
    const request = { method, headers, body: method === 'POST' ? body() : null, timeoutMs };
    const outcome = await deliver(new URL(url), request, track);
    if (this.#closed) return;
    const record: CallbackAttempt = {
      event,
      order_status: delivery.status,
      url,
      method,
      attempt,
      at: new Date(started).toISOString(),
      status: outcome.status,
      error: outcome.error ?? (outcome.status === 200 ? null : `receiver answered HTTP ${outcome.status}`),
      durationMs: now() - started,
    };
    order.callbacks.push(record);
    if (outcome.status === 200) return;
    const retriesLeft = this.#options.retries - (attempt - 1);
    const next = retriesLeft > 0 ? 'retrying' : 'giving up';
    this.#options.log(`callback ${event} ${order.orderId} attempt ${attempt} failed: ${record.error}; ${next}`);
    if (retriesLeft <= 0) return;
    const delay = this.#options.retryDelayMs * 2 ** (attempt - 1);
    this.#options.timers.set(() => this.#start(delivery, attempt + 1), delay);
  }

  /** Aborts deliveries in flight; the shared timers (and so pending retries) are cleared by their owner. */
  close(): void {
    this.#closed = true;
    for (const req of this.#inFlight) req.destroy();
    this.#inFlight.clear();
  }
}
