import { createHmac } from 'node:crypto';
import type { ClientRequest } from 'node:http';

import { deliver } from './httpDelivery.js';
import type { CallbackAttempt, SandboxOrder } from './sandboxOrder.js';
import type { TimerSet } from './timerSet.js';

export interface CallbackSenderOptions {
  token: string;
  secret: string;
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
 * timeout; GET without a body, or POST with the order JSON when the order asked for it; retried
 * with doubling delays while the receiver answers anything but 200. Every attempt is recorded on
 * the order; `close()` aborts what is in flight.
 *
 * @example sender.send(order, 'success', () => JSON.stringify(callbackBody(order)))
 */
export class CallbackSender {
  readonly #options: CallbackSenderOptions;
  readonly #inFlight = new Set<ClientRequest>();
  #closed = false;

  constructor(options: CallbackSenderOptions) {
    this.#options = options;
  }

  send(order: SandboxOrder, event: 'success' | 'timeout', body: () => string): void {
    const url = event === 'success' ? order.urls.callback_url : order.urls.timeout_callback;
    if (url === undefined || this.#closed) return;
    this.#start(order, event, url, 1, body);
  }

  #start(order: SandboxOrder, event: 'success' | 'timeout', url: string, attempt: number, body: () => string): void {
    this.#attempt(order, event, url, attempt, body).catch((error: unknown) => {
      this.#options.log(`callback ${event} ${order.orderId} could not be sent: ${String(error)}`);
    });
  }

  async #attempt(
    order: SandboxOrder,
    event: 'success' | 'timeout',
    url: string,
    attempt: number,
    body: () => string,
  ): Promise<void> {
    const { token, secret, timeoutMs, now } = this.#options;
    const method: 'GET' | 'POST' = order.postCallback ? 'POST' : 'GET';
    const started = now();
    const headers: Record<string, string> = {
      ...callbackHeaders(url, token, secret, new Date(started).toISOString()),
      'User-Agent': 'aurpay-sandbox',
      ...(method === 'POST' ? { 'Content-Type': 'application/json' } : {}),
    };
    const track = (req: ClientRequest, done: boolean) => (done ? this.#inFlight.delete(req) : this.#inFlight.add(req));
    const request = { method, headers, body: method === 'POST' ? body() : null, timeoutMs };
    const outcome = await deliver(new URL(url), request, track);
    if (this.#closed) return;
    const record: CallbackAttempt = {
      event,
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
    this.#options.timers.set(() => this.#start(order, event, url, attempt + 1, body), delay);
  }

  /** Aborts deliveries in flight; the shared timers (and so pending retries) are cleared by their owner. */
  close(): void {
    this.#closed = true;
    for (const req of this.#inFlight) req.destroy();
    this.#inFlight.clear();
  }
}
