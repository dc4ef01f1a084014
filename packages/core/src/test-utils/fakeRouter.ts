import type { CheckoutCurrency, CheckoutOrder } from '../checkoutView.js';
import type { CheckoutStatus } from '../orderStatus.js';

export interface RoutedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown> | undefined;
  signal: AbortSignal | undefined;
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });

/**
 * The checkout router's routes in memory, as a `fetch` under `/api/pay`: `POST /orders` (one
 * order per `Idempotency-Key`), `GET /orders/:id` (checking the status token), `GET /currencies`.
 * `set` moves an order on; `failNext` makes the next request to a route fail.
 */
export function fakeRouter() {
  const orders = new Map<string, CheckoutOrder>();
  const byKey = new Map<string, CheckoutOrder>();
  const requests: RoutedRequest[] = [];
  const failures: { method: string; path: string; status: number }[] = [];
  const currencies: CheckoutCurrency[] = [
    { chain: 'BTC', currency: 'BTC' },
    { chain: 'BLN', currency: 'BTC-LN' },
  ];
  let count = 0;
  let clock = Date.UTC(2030, 0, 1);
  const stamp = () => new Date((clock += 1000)).toISOString();

  function order(body: Record<string, unknown>): CheckoutOrder {
    count += 1;
    const chain = typeof body.chain === 'string' ? body.chain : 'BLN';
    return {
      orderId: `o${count}`,
      statusToken: `token-${count}`,
      kind: body.kind === 'lightning' ? 'lightning' : 'crypto',
      status: 'awaiting_payment',
      aurpayStatus: 'PENDING',
      amount: '1.5',
      paidAmount: '0',
      remainingAmount: '1.5',
      currency: typeof body.currency === 'string' ? body.currency : 'BTC-LN',
      chain,
      address: chain === 'BLN' ? null : `address-${count}`,
      contractAddress: null,
      paymentUri: null,
      qrValue: `qr-${count}`,
      paymentRequest: null,
      fiatAmount: '10.00',
      fiatCurrency: 'USD',
      createdAt: stamp(),
      expiresAt: '2030-01-01T00:30:00.000Z',
      updatedAt: stamp(),
      payUrl: null,
    };
  }

  const fetch = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const path = url.replace(/^\/api\/pay/, '');
    const method = init.method ?? 'GET';
    const headers = { ...(init.headers as Record<string, string> | undefined) };
    const body = typeof init.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
    requests.push({ method, path, headers, body, signal: init.signal ?? undefined });
    const failure = failures.find((f) => f.method === method && f.path === path);
    if (failure) {
      failures.splice(failures.indexOf(failure), 1);
      return json(failure.status, { error: { code: `injected_${failure.status}`, message: 'Injected.' } });
    }
    if (method === 'GET' && path === '/currencies') {
      return json(200, currencies);
    }
    if (method === 'POST' && path === '/orders') {
      const key = headers['Idempotency-Key'] ?? '';
      const made = byKey.get(key) ?? order(body ?? {});
      byKey.set(key, made);
      orders.set(made.orderId, made);
      return json(201, made);
    }
    const found = orders.get(decodeURIComponent(path.replace(/^\/orders\//, '')));
    if (!found) return json(404, { error: { code: 'order_not_found', message: 'No such order.' } });
    if (headers['X-Status-Token'] !== found.statusToken) {
      return json(401, { error: { code: 'status_token_invalid', message: 'Wrong token.' } });
    }
    const { orderId, status, aurpayStatus, amount, paidAmount, remainingAmount, currency, expiresAt, updatedAt, transactions } = found;
    return json(200, { orderId, status, aurpayStatus, amount, paidAmount, remainingAmount, currency, expiresAt, updatedAt, transactions });
  };

  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    requests,
    orders,
    /** What `GET /currencies` answers; change it before the first request. */
    currencies,
    /** Requests to a method and path. */
    count: (method: string, path?: string) => requests.filter((r) => r.method === method && (path === undefined || r.path === path)).length,
    set(orderId: string, status: CheckoutStatus, extra: Partial<CheckoutOrder> = {}) {
      const found = orders.get(orderId)!;
      orders.set(orderId, { ...found, status, ...extra, updatedAt: stamp() });
    },
    failNext(method: string, path: string, status: number) {
      failures.push({ method, path, status });
    },
  };
}

export type FakeRouter = ReturnType<typeof fakeRouter>;
