import type { CheckoutCurrency, CheckoutOrder, CheckoutStatus } from '@aurpay-kit/core';
import { cryptoOrder, lightningOrder, statusView } from './checkoutOrders.js';

export interface RecordedRequest {
  method: string;
  /** Path under the endpoint, with the query. */
  path: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  body: unknown;
  signal: AbortSignal | undefined;
}

const AURPAY: Record<CheckoutStatus, string> = {
  awaiting_payment: 'PENDING',
  partially_paid: 'PARTIAL',
  paid: 'SUCCESS',
  expired: 'OVERDUE',
  failed: 'FAILED',
  refunded: 'REFUNDED',
  unknown: 'SETTLING',
};

// Order ids stay unique across the servers of one test file, like real ones.
let created = 0;

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/**
 * The checkout router's HTTP contract in memory, as a `fetch`: `POST /orders` (honouring
 * `Idempotency-Key`), `GET /orders/:id` (checking `X-Status-Token`), `GET /currencies`. Tests
 * change orders with `set`, inject failures with `fail`, and hold answers with `hold`.
 */
export function fakeCheckoutServer() {
  const orders = new Map<string, CheckoutOrder>();
  const byKey = new Map<string, CheckoutOrder>();
  const requests: RecordedRequest[] = [];
  const failures: { method: string; path: RegExp; status: number; code: string; times: number }[] = [];
  let gate: Promise<void> | null = null;
  let lastUpdate = 0;
  let currencies: CheckoutCurrency[] = [
    { chain: 'BTC', currency: 'BTC' },
    { chain: 'ETH', currency: 'USDT-ERC20' },
    { chain: 'TRX', currency: 'USDT-TRC20' },
    { chain: 'BLN', currency: 'BTC-LN' },
  ];

  const stamp = () => new Date((lastUpdate = Math.max(Date.now(), lastUpdate + 1))).toISOString();

  const fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input), 'http://shop.test');
    const path = url.pathname.replace(/^\/api\/pay/, '');
    const method = init.method ?? 'GET';
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body: unknown = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    requests.push({ method, path: path + url.search, headers, body, signal: init.signal ?? undefined });
    if (gate) await gate;
    if (init.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    const failure = failures.find((f) => f.times > 0 && f.method === method && f.path.test(path));
    if (failure) {
      failure.times -= 1;
      return json(failure.status, { error: { code: failure.code, message: `Injected ${failure.code}.` } });
    }
    if (method === 'GET' && path === '/currencies') return json(200, currencies);
    if (method === 'POST' && path === '/orders') {
      const key = headers['idempotency-key'];
      const again = key ? byKey.get(key) : undefined;
      if (again) return json(201, again);
      const fields = body as { kind: string; chain?: string; currency?: string };
      created += 1;
      const orderId = `2024042812513600${String(created).padStart(4, '0')}`;
      const order =
        fields.kind === 'lightning'
          ? lightningOrder({ orderId, statusToken: `token-${created}`, updatedAt: stamp() })
          : cryptoOrder({ orderId, chain: fields.chain, currency: fields.currency, statusToken: `token-${created}`, updatedAt: stamp() });
      orders.set(orderId, order);
      if (key) byKey.set(key, order);
      return json(201, order);
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

  return {
    fetch: fetch as typeof globalThis.fetch,
    requests,
    orders,
    /** Requests matching a method and a path prefix. */
    count: (method: string, prefix = '') =>
      requests.filter((r) => r.method === method && r.path.startsWith(prefix)).length,
    /** Adds an order as if created elsewhere. */
    add(order: CheckoutOrder) {
      orders.set(order.orderId, order);
      return order;
    },
    /** Changes an order's status (and amounts), as the gateway would. */
    set(orderId: string, status: CheckoutStatus, amounts: { paidAmount?: string; remainingAmount?: string } = {}) {
      const order = orders.get(orderId);
      if (!order) throw new Error(`no order ${orderId}`);
      const paid = status === 'paid' ? { paidAmount: order.amount, remainingAmount: '0' } : {};
      orders.set(orderId, { ...order, status, aurpayStatus: AURPAY[status], ...paid, ...amounts, updatedAt: stamp() });
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
    /** The only order created so far. */
    last(): CheckoutOrder {
      const all = [...orders.values()];
      return all[all.length - 1]!;
    },
  };
}

export type FakeCheckoutServer = ReturnType<typeof fakeCheckoutServer>;
