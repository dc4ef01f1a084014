import type { CheckoutCurrency, CheckoutStatus, EventSourceConstructor, EventSourceLike, OrderStatusView } from '@aurpay-kit/core';
import { STATUS_EVENT } from '@aurpay-kit/core';
import type { StoryCurrency } from './storyOrders.js';
import { STORY_CURRENCIES, createdOrder, orderInStatus } from './storyOrders.js';

/** What the fake checkout routes do for one story. Plain data, so it fits in `parameters`. */
export interface FakeScenario {
  /** `POST /orders`: answer with a new order (default), never answer, or fail as in a gateway outage. */
  create?: 'order' | 'pending' | 'error';
  /** The status a new order reaches at once. Default: it stays awaiting payment. */
  status?: CheckoutStatus;
}

/** The checkout routes of `createCheckoutRouter`, in memory: a `fetch` and an `EventSource` for `<AurpayProvider>`. */
export interface FakeCheckoutServer {
  fetch: typeof fetch;
  EventSource: EventSourceConstructor;
  /** Every request so far, as `METHOD /path` under the endpoint. */
  requests: string[];
  /** Moves an order to a status, as a payment or the clock would, and tells its open streams. */
  setStatus(orderId: string, status: CheckoutStatus): void;
  /** Marks the Lightning order of this invoice paid, as a wallet paying it would. */
  payInvoice(paymentRequest: string): void;
}

const CURRENCIES: CheckoutCurrency[] = Object.values(STORY_CURRENCIES).map(({ chain, currency }) => ({ chain, currency }));

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const aborted = () => new DOMException('The request was aborted.', 'AbortError');

function currencyFor(body: { kind?: unknown; chain?: unknown; currency?: unknown }): StoryCurrency | undefined {
  if (body.kind === 'lightning') return STORY_CURRENCIES.LIGHTNING;
  return Object.values(STORY_CURRENCIES).find((c) => c.chain === body.chain && c.currency === body.currency);
}

/**
 * A deterministic stand-in for the server routes: `GET /currencies`, `POST /orders`,
 * `GET /orders/:id` and the `/events` stream, answering from story fixtures.
 *
 * @example
 * const server = fakeCheckoutServer({ status: 'partially_paid' });
 * <AurpayProvider endpoint="/api/pay" fetch={server.fetch} eventSource={server.EventSource}>…
 */
export function fakeCheckoutServer(scenario: FakeScenario = {}): FakeCheckoutServer {
  const orders = new Map<string, { view: OrderStatusView; partial: string; invoice: string | null }>();
  const streams = new Map<string, Set<(view: OrderStatusView) => void>>();
  const requests: string[] = [];

  function setStatus(orderId: string, status: CheckoutStatus) {
    const entry = orders.get(orderId);
    if (!entry) return;
    entry.view = orderInStatus(entry.view, status, entry.partial);
    streams.get(orderId)?.forEach((send) => send(entry.view));
  }

  function createOrder(body: Record<string, unknown>): Response {
    const currency = currencyFor(body);
    if (!currency) return json(400, { error: { code: 'currency_unsupported', message: 'This currency is not offered.' } });
    const order = createdOrder(currency, `story-token-${requests.length}`);
    orders.set(order.orderId, { view: order, partial: currency.partial, invoice: order.paymentRequest });
    if (scenario.status && scenario.status !== 'awaiting_payment') setStatus(order.orderId, scenario.status);
    return json(201, order);
  }

  const fakeFetch: typeof fetch = async (input, init = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input), 'http://story.invalid');
    const path = url.pathname.replace(/^.*?\/(currencies|orders)/, '/$1');
    const method = (init.method ?? 'GET').toUpperCase();
    requests.push(`${method} ${path}`);
    const signal = init.signal;
    if (signal?.aborted) throw aborted();
    if (method === 'GET' && path === '/currencies') return json(200, CURRENCIES);
    if (method === 'POST' && path === '/orders') {
      if (scenario.create === 'pending') {
        return new Promise<Response>((_resolve, reject) => signal?.addEventListener('abort', () => reject(aborted())));
      }
      if (scenario.create === 'error') {
        return json(502, { error: { code: 'aurpay_http_error', message: 'The payment gateway is not answering. Please try again.' } });
      }
      return createOrder(JSON.parse(String(init.body ?? '{}')) as Record<string, unknown>);
    }
    const status = /^\/orders\/([^/]+)$/.exec(path);
    const entry = status && orders.get(decodeURIComponent(status[1] ?? ''));
    if (method === 'GET' && entry) return json(200, entry.view);
    return json(404, { error: { code: 'order_not_found', message: 'No such order.' } });
  };

  class FakeEventSource implements EventSourceLike {
    #listeners = new Map<string, Set<(event: MessageEvent<string>) => void>>();
    #send = (view: OrderStatusView) => {
      const event = new MessageEvent<string>(STATUS_EVENT, { data: JSON.stringify(view) });
      this.#listeners.get(STATUS_EVENT)?.forEach((listener) => listener(event));
    };
    #orderId: string;

    constructor(url: string) {
      this.#orderId = decodeURIComponent(/\/orders\/([^/?]+)\/events/.exec(url)?.[1] ?? '');
      requests.push(`GET /orders/${this.#orderId}/events`);
      const subscribers = streams.get(this.#orderId) ?? new Set();
      streams.set(this.#orderId, subscribers.add(this.#send));
      // Like a real stream: the current status first, once the listeners are attached.
      setTimeout(() => {
        const entry = orders.get(this.#orderId);
        if (!subscribers.has(this.#send)) return;
        if (entry) this.#send(entry.view);
        else this.#listeners.get('error')?.forEach((listener) => listener(new MessageEvent('error')));
      }, 0);
    }

    addEventListener(type: string, listener: (event: MessageEvent<string>) => void) {
      const set = this.#listeners.get(type) ?? new Set();
      this.#listeners.set(type, set.add(listener));
    }

    close() {
      streams.get(this.#orderId)?.delete(this.#send);
    }
  }

  function payInvoice(paymentRequest: string) {
    for (const [orderId, entry] of orders) if (entry.invoice === paymentRequest) setStatus(orderId, 'paid');
  }

  return { fetch: fakeFetch, EventSource: FakeEventSource, requests, setStatus, payInvoice };
}
