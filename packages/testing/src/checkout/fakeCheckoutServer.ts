import type { CheckoutCurrency, CheckoutOrder, CheckoutStatus, EventSourceLike } from '@aurpay-kit/core';
import { STATUS_EVENT } from '@aurpay-kit/core';
import { aurpayStatusOf, cryptoOrder, lightningOrder, statusView } from './checkoutOrders.js';

export interface RecordedRequest {
  method: string;
  /** Path under the endpoint, with the query. */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal | undefined;
}

/** What `POST /orders` is given. */
export interface CreateOrderBody {
  kind?: unknown;
  chain?: unknown;
  currency?: unknown;
}

export interface FakeCheckoutOptions {
  /** Where the routes are mounted. Default `/api/pay`. */
  endpoint?: string;
  /**
   * `POST /orders`: answer with a new order (default), never answer (until the request is
   * aborted), or fail as in a gateway outage (502).
   */
  create?: 'order' | 'pending' | 'error';
  /**
   * The order `POST /orders` creates, `serial` counting from 1 across the file; null refuses the
   * currency (400 `currency_unsupported`). Default: `cryptoOrder` or `lightningOrder`.
   */
  createOrder?: (body: CreateOrderBody, serial: number) => CheckoutOrder | null;
  /** The status a new order reaches at once. Default: it stays awaiting payment. */
  status?: CheckoutStatus;
  /**
   * What changes when an order reaches a status, before the amounts `set` is given. Default: a
   * paid order has received its whole amount.
   */
  moveTo?: (order: CheckoutOrder, status: CheckoutStatus) => Partial<CheckoutOrder>;
  /** `GET /currencies`. Default: BTC, USDT on Ethereum and on Tron, Lightning. */
  currencies?: CheckoutCurrency[];
  /** The clock behind `updatedAt`, which only moves forward. Default `Date.now`. */
  now?: () => number;
}

// Order ids stay unique across the servers of one test file, like real ones.
let created = 0;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const aborted = () => new DOMException('The operation was aborted.', 'AbortError');

function defaultOrder(body: CreateOrderBody, serial: number): CheckoutOrder {
  const orderId = `2024042812513600${String(serial).padStart(4, '0')}`;
  const statusToken = `token-${serial}`;
  if (body.kind === 'lightning') return lightningOrder({ orderId, statusToken });
  const chain = typeof body.chain === 'string' ? body.chain : undefined;
  const currency = typeof body.currency === 'string' ? body.currency : undefined;
  return cryptoOrder({ orderId, statusToken, ...(chain && { chain }), ...(currency && { currency }) });
}

function paidInFull(order: CheckoutOrder, status: CheckoutStatus): Partial<CheckoutOrder> {
  return status === 'paid' ? { paidAmount: order.amount, remainingAmount: '0' } : {};
}

/**
 * The checkout router's HTTP contract in memory, for tests and stories: a `fetch` serving
 * `POST /orders` (one order per `Idempotency-Key`), `GET /orders/:id` (checking
 * `X-Status-Token`) and `GET /currencies`, and an `EventSource` for `/orders/:id/events`. Tests
 * move orders with `set`, inject failures with `fail` and hold answers with `hold`.
 *
 * @example
 * const server = fakeCheckoutServer({ status: 'partially_paid' });
 * <AurpayProvider endpoint="/api/pay" fetch={server.fetch} eventSource={server.EventSource}>…
 */
export function fakeCheckoutServer(options: FakeCheckoutOptions = {}) {
  const endpoint = options.endpoint ?? '/api/pay';
  const now = options.now ?? Date.now;
  const makeOrder = options.createOrder ?? defaultOrder;
  const moveTo = options.moveTo ?? paidInFull;
  const orders = new Map<string, CheckoutOrder>();
  const byKey = new Map<string, CheckoutOrder>();
  const streams = new Map<string, Set<(order: CheckoutOrder) => void>>();
  const requests: RecordedRequest[] = [];
  const failures: { method: string; path: RegExp; status: number; code: string; times: number }[] = [];
  let gate: Promise<void> | null = null;
  let lastUpdate = 0;
  let currencies: CheckoutCurrency[] = options.currencies ?? [
    { chain: 'BTC', currency: 'BTC' },
    { chain: 'ETH', currency: 'USDT-ERC20' },
    { chain: 'TRX', currency: 'USDT-TRC20' },
    { chain: 'BLN', currency: 'BTC-LN' },
  ];

  const stamp = () => new Date((lastUpdate = Math.max(now(), lastUpdate + 1))).toISOString();

  function set(
    orderId: string,
    status: CheckoutStatus,
    amounts: Pick<Partial<CheckoutOrder>, 'paidAmount' | 'remainingAmount' | 'transactions'> = {},
  ) {
    const order = orders.get(orderId);
    if (!order) throw new Error(`no order ${orderId}`);
    const moved = { ...order, status, aurpayStatus: aurpayStatusOf(status), ...moveTo(order, status), ...amounts, updatedAt: stamp() };
    orders.set(orderId, moved);
    streams.get(orderId)?.forEach((send) => send(moved));
  }

  function createOrder(key: string | undefined, body: CreateOrderBody): Response {
    const again = key ? byKey.get(key) : undefined;
    if (again) return json(201, again);
    created += 1;
    const made = makeOrder(body, created);
    if (!made) return json(400, { error: { code: 'currency_unsupported', message: 'This currency is not offered.' } });
    orders.set(made.orderId, made);
    lastUpdate = Math.max(lastUpdate, Date.parse(made.updatedAt));
    if (options.status && options.status !== 'awaiting_payment') set(made.orderId, options.status);
    const order = orders.get(made.orderId)!;
    if (key) byKey.set(key, order);
    return json(201, order);
  }

  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const request = input instanceof Request ? input : null;
    const url = new URL(request ? request.url : String(input), 'http://shop.test');
    const path = url.pathname.startsWith(endpoint) ? url.pathname.slice(endpoint.length) : url.pathname;
    const method = (init.method ?? request?.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(new Headers(init.headers ?? request?.headers).entries());
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const signal = init.signal ?? undefined;
    requests.push({ method, path: path + url.search, headers, body, signal });
    if (gate) await gate;
    if (signal?.aborted) throw aborted();
    const failure = failures.find((f) => f.times > 0 && f.method === method && f.path.test(path));
    if (failure) {
      failure.times -= 1;
      return json(failure.status, { error: { code: failure.code, message: `Injected ${failure.code}.` } });
    }
    if (method === 'GET' && path === '/currencies') return json(200, currencies);
    if (method === 'POST' && path === '/orders') {
      if (options.create === 'pending') {
        return new Promise<Response>((_resolve, reject) => signal?.addEventListener('abort', () => reject(aborted())));
      }
      if (options.create === 'error') {
        return json(502, { error: { code: 'aurpay_http_error', message: 'The payment gateway is not answering. Please try again.' } });
      }
      return createOrder(headers['idempotency-key'], (body ?? {}) as CreateOrderBody);
    }
    const match = /^\/orders\/([^/]+)$/.exec(path);
    if (method === 'GET' && match) {
      const order = orders.get(decodeURIComponent(match[1]!));
      if (!order) return json(404, { error: { code: 'order_not_found', message: 'No such order.' } });
      if (headers['x-status-token'] !== order.statusToken) {
        return json(401, { error: { code: 'status_token_invalid', message: 'Bad token.' } });
      }
      return json(200, statusView(order));
    }
    return json(404, { error: { code: 'route_not_found', message: `${method} ${path}` } });
  };

  /** The order's event stream: its status first, then every change `set` makes, as `status` events. */
  class FakeEventSource implements EventSourceLike {
    readonly #listeners = new Map<string, Set<(event: MessageEvent<string>) => void>>();
    readonly #orderId: string;
    readonly #send = (order: CheckoutOrder) => {
      const event = new MessageEvent<string>(STATUS_EVENT, { data: JSON.stringify(statusView(order)) });
      this.#listeners.get(STATUS_EVENT)?.forEach((listener) => listener(event));
    };

    constructor(url: string) {
      const parsed = new URL(url, 'http://shop.test');
      const path = parsed.pathname.startsWith(endpoint) ? parsed.pathname.slice(endpoint.length) : parsed.pathname;
      this.#orderId = decodeURIComponent(/^\/orders\/([^/]+)\/events$/.exec(path)?.[1] ?? '');
      requests.push({ method: 'GET', path: path + parsed.search, headers: {}, body: undefined, signal: undefined });
      const subscribers = streams.get(this.#orderId) ?? new Set();
      streams.set(this.#orderId, subscribers.add(this.#send));
      // Like a real stream: the current status first, once the listeners are attached.
      setTimeout(() => {
        if (!subscribers.has(this.#send)) return;
        const order = orders.get(this.#orderId);
        if (order) this.#send(order);
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

  return {
    fetch: fetch as typeof globalThis.fetch,
    EventSource: FakeEventSource,
    requests,
    orders,
    /** Requests matching a method and a path prefix. */
    count: (method: string, prefix = '') => requests.filter((r) => r.method === method && r.path.startsWith(prefix)).length,
    /** Adds an order as if created elsewhere. */
    add(order: CheckoutOrder) {
      orders.set(order.orderId, order);
      return order;
    },
    /** Moves an order to a status (and amounts, transactions), as a payment or the clock would, and tells its open streams. */
    set,
    /** Marks the Lightning order of this invoice paid, as a wallet paying it would. */
    payInvoice(paymentRequest: string) {
      for (const order of orders.values()) if (order.paymentRequest === paymentRequest) set(order.orderId, 'paid');
    },
    /** The next `times` matching requests answer with this error. */
    fail(method: string, path: RegExp, status: number, code: string, times = 1) {
      failures.push({ method, path, status, code, times });
    },
    /** Holds every answer until the returned release is called. */
    hold(): () => void {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      return () => {
        gate = null;
        release();
      };
    },
    setCurrencies(list: CheckoutCurrency[]) {
      currencies = list;
    },
    /** The order created last. */
    last(): CheckoutOrder {
      const all = [...orders.values()];
      return all[all.length - 1]!;
    },
  };
}

export type FakeCheckoutServer = ReturnType<typeof fakeCheckoutServer>;
