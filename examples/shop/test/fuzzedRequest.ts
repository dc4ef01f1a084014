import fc from 'fast-check';

/** What the fuzz knows of the running shop: real ids and tokens, so some requests reach deep. */
export interface FuzzTargets {
  cartId: string;
  orderId: string;
  statusToken: string;
  adminToken: string;
  /** The shop's own origin, as its page sends it. */
  origin: string;
}

export const ROUTE_GROUPS = ['pay', 'sandbox', 'admin', 'shop', 'pages'] as const;
export type RouteGroup = (typeof ROUTE_GROUPS)[number];

/** One request as the fuzz sends it; `framing` says how the body's length is told. */
export interface FuzzedRequest {
  group: RouteGroup;
  method: string;
  target: string;
  headers: [string, string][];
  body: Buffer | null;
  framing: 'length' | 'chunked' | 'short-length' | 'long-length';
}

/** Path segments that break decoders: bad percent-encoding, dot segments, odd bytes, length. */
const BAD_SEGMENTS = [
  '%',
  '%E0%A4%A',
  '%zz',
  '%C0%AF',
  '%00',
  '%ff%fe',
  '%2e%2e',
  '..',
  '.',
  '..%2f..',
  '%2F',
  '%5C',
  '~',
  '%F0%9F%92%A9',
  '__proto__',
  'constructor',
];

/** A string as a path segment: percent-encoded, or now and then left raw (`%` and all). */
const textSegment = fc.string({ unit: 'binary', maxLength: 24 }).map((text) => encodeURIComponent(text.replace(/[\uD800-\uDFFF]/g, '?')));

function segment(targets: FuzzTargets): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...BAD_SEGMENTS) },
    { weight: 3, arbitrary: textSegment },
    {
      weight: 2,
      arbitrary: fc.constantFrom(targets.cartId, targets.orderId, '20240613093614690315', '00000000-0000-4000-8000-000000000000'),
    },
    { weight: 1, arbitrary: fc.integer({ min: 200, max: 20_000 }).map((n) => 'a'.repeat(n)) },
  );
}

function pathFor(group: RouteGroup, seg: fc.Arbitrary<string>): fc.Arbitrary<string> {
  const pick = (...parts: (string | fc.Arbitrary<string>)[]) =>
    fc.tuple(...parts.map((part) => (typeof part === 'string' ? fc.constant(part) : part))).map((bits) => bits.join(''));
  const paths: Record<RouteGroup, fc.Arbitrary<string>[]> = {
    pay: [
      fc.constantFrom('/api/pay/orders', '/api/pay/currencies', '/api/pay/callback', '/api/pay/', '/api/pay'),
      pick('/api/pay/orders/', seg),
      pick('/api/pay/orders/', seg, '/events'),
      pick('/api/pay/', seg),
    ],
    sandbox: [pick('/api/sandbox/orders/', seg, '/', fc.oneof(fc.constantFrom('pay', 'expire'), seg)), pick('/api/sandbox/', seg)],
    admin: [
      fc.constant('/api/admin/fulfilments'),
      pick('/api/admin/fulfilments/', seg, '/', fc.oneof(fc.constantFrom('paid', 'expired'), seg), '/retry'),
      pick('/api/admin/', seg),
    ],
    shop: [
      fc.constantFrom('/api/config', '/api/products', '/api/carts', '/api/carts/', '/api', '/api/'),
      pick('/api/carts/', seg),
      pick('/api/', seg, '/', seg),
    ],
    pages: [
      fc.constantFrom('/', '/index.html', '/cart', '/assets/', '//', '/./', '/../../etc/passwd'),
      pick('/products/', seg),
      pick('/receipt/', seg),
      pick('/', seg),
      pick('/assets/', seg, '.js'),
    ],
  };
  return fc.oneof(...paths[group]);
}

const query = fc.oneof(
  fc.constant(''),
  fc.constantFrom('?state=failed', '?state=%E0%A4%A', '?token=', '?a=1&a=2', '?%', '?__proto__[x]=1'),
  textSegment.map((text) => `?token=${text}`),
);

const METHODS = ['GET', 'GET', 'POST', 'POST', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND'];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'Application/JSON; charset=UTF-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'text/plain',
  'text/plain;charset=UTF-8',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/merge-patch+json',
  '*/*',
  ';;;',
  '',
];

function headers(targets: FuzzTargets): fc.Arbitrary<[string, string][]> {
  const pair = fc.oneof(
    fc.constantFrom(...CONTENT_TYPES).map((v): [string, string] => ['Content-Type', v]),
    fc.constantFrom('gzip', 'br', 'deflate', 'identity', 'x-unknown').map((v): [string, string] => ['Content-Encoding', v]),
    fc
      .constantFrom('http://127.0.0.1', 'https://evil.example', 'null', 'http://localhost:6006', '%%%')
      .map((v): [string, string] => ['Origin', v]),
    fc.constantFrom('same-origin', 'cross-site', 'same-site', 'none', 'x').map((v): [string, string] => ['Sec-Fetch-Site', v]),
    fc.constantFrom(`Bearer ${targets.adminToken}`, 'Bearer x', 'Basic eA==', '').map((v): [string, string] => ['Authorization', v]),
    fc.constantFrom(targets.statusToken, 'x', '').map((v): [string, string] => ['X-Status-Token', v]),
    fc
      .constantFrom('203.0.113.9', '2001:db8::1, 10.0.0.1', 'garbage', ', ,', '::ffff:198.51.100.1')
      .map((v): [string, string] => ['X-Forwarded-For', v]),
    fc.constantFrom('abc', 'x'.repeat(300), '').map((v): [string, string] => ['Idempotency-Key', v]),
    fc.constantFrom('5', '-1', 'abc').map((v): [string, string] => ['Last-Event-ID', v]),
    fc.constantFrom('text/html', 'application/json', '*/*').map((v): [string, string] => ['Accept', v]),
  );
  return fc.array(pair, { maxLength: 5 });
}

const validCart = JSON.stringify({ items: [{ productId: 'lightning-mug', quantity: 1 }] });

function bodies(targets: FuzzTargets): fc.Arbitrary<Buffer | null> {
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(
          validCart,
          '{}',
          '',
          'null',
          '[]',
          '{"amount":"0.0001"}',
          '{"amount":"-1"}',
          '{"amount":"1e400"}',
          `{"cartId":"${targets.cartId}","kind":"crypto","chain":"BTC","currency":"BTC"}`,
          `{"cartId":"${targets.cartId}","kind":"lightning"}`,
        )
        .map((text) => Buffer.from(text)),
    },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map(json) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.jsonValue({ maxDepth: 3 }), fc.nat()).map(([value, cut]) => {
        const text = JSON.stringify(value) ?? '';
        return Buffer.from(text.slice(0, cut % (text.length + 1)));
      }),
    },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 5000 }).map((depth) => Buffer.from(`${'['.repeat(depth)}${']'.repeat(depth)}`)) },
    { weight: 1, arbitrary: fc.integer({ min: 17_000, max: 120_000 }).map((size) => Buffer.from(`{"items":"${'x'.repeat(size)}"}`)) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '{"__proto__":{"polluted":1},"items":[]}',
          '{"items":[{"productId":"lightning-mug","quantity":1e999}]}',
          '\uFEFF{}',
          '{"a":"\\ud800"}',
        )
        .map((s) => Buffer.from(s)),
    },
  );
}

type Meant = 'cart' | 'order' | 'amount' | 'none';

/** Bodies shaped like the ones the routes read: carts, orders, sandbox amounts, with odd values. */
function meant(t: FuzzTargets): Record<Meant, fc.Arbitrary<Buffer | null>> {
  const odd = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.double(), fc.constant(null), fc.jsonValue({ maxDepth: 2 }));
  const item = fc.record(
    {
      productId: fc.oneof(fc.constantFrom('lightning-mug', 'node-tee', 'sticker-pack', 'unicorn'), odd),
      quantity: fc.oneof(fc.integer({ min: -1, max: 12 }), odd),
    },
    { requiredKeys: [] },
  );
  const good = fc.record({
    productId: fc.constantFrom('lightning-mug', 'node-tee', 'sticker-pack'),
    quantity: fc.integer({ min: 1, max: 10 }),
  });
  const cart = fc.record(
    { items: fc.oneof(fc.array(good, { minLength: 1, maxLength: 3 }), fc.array(item, { maxLength: 25 }), odd) },
    { requiredKeys: [] },
  );
  const order = fc.record(
    {
      kind: fc.constantFrom('crypto', 'lightning', 'x'),
      chain: fc.constantFrom('BTC', 'ETH', 'TRX', 'x'),
      currency: fc.constantFrom('BTC', 'USDT-ERC20', 'BTC-LN', 'x'),
      cartId: fc.oneof(fc.constant(t.cartId), odd),
    },
    { requiredKeys: [] },
  );
  const amount = fc.record({ amount: fc.oneof(fc.stringMatching(/^-?\d{1,12}(\.\d{1,20})?$/), odd) }, { requiredKeys: [] });
  const json = (value: unknown) => Buffer.from(JSON.stringify(value));
  return { cart: cart.map(json), order: order.map(json), amount: amount.map(json), none: fc.constant(null) };
}

type Route = [method: string, path: string, headers: [string, string][], body: Meant];

/** The requests each group's own client sends: a method, a path, the headers it needs and what body. */
function wellFormed(group: RouteGroup, t: FuzzTargets, seg: fc.Arbitrary<string>): fc.Arbitrary<Route> {
  const json: [string, string] = ['Content-Type', 'application/json'];
  const page: [string, string][] = [json, ['Origin', t.origin], ['Sec-Fetch-Site', 'same-origin']];
  const admin: [string, string] = ['Authorization', `Bearer ${t.adminToken}`];
  const token: [string, string] = ['X-Status-Token', t.statusToken];
  const order = fc.oneof(fc.constant(t.orderId), seg);
  const routes: Record<RouteGroup, fc.Arbitrary<Route>> = {
    pay: fc.oneof(
      fc.constant<Route>(['POST', '/api/pay/orders', [json], 'order']),
      order.map<Route>((id) => ['GET', `/api/pay/orders/${id}`, [token], 'none']),
      order.map<Route>((id) => ['GET', `/api/pay/orders/${id}/events`, [token], 'none']),
      fc.constant<Route>(['GET', '/api/pay/currencies', [], 'none']),
      fc.constant<Route>(['POST', '/api/pay/callback', [json], 'none']),
    ),
    sandbox: fc
      .tuple(order, fc.constantFrom('pay', 'expire'))
      .map<Route>(([id, action]) => ['POST', `/api/sandbox/orders/${id}/${action}`, page, 'amount']),
    admin: fc.oneof(
      fc
        .constantFrom('failed', 'owed', 'done', 'x')
        .map<Route>((state) => ['GET', `/api/admin/fulfilments?state=${state}`, [admin], 'none']),
      fc
        .tuple(order, fc.constantFrom('paid', 'expired'))
        .map<Route>(([id, outcome]) => ['POST', `/api/admin/fulfilments/${id}/${outcome}/retry`, [admin], 'none']),
    ),
    shop: fc.oneof(
      fc.constantFrom('/api/config', '/api/products').map<Route>((path) => ['GET', path, [], 'none']),
      fc.constant<Route>(['POST', '/api/carts', page, 'cart']),
      fc.oneof(fc.constant(t.cartId), seg).map<Route>((id) => ['GET', `/api/carts/${id}`, [], 'none']),
    ),
    pages: fc
      .oneof(
        fc.constantFrom('/', '/cart', '/products/lightning-mug'),
        fc.oneof(fc.constant(t.cartId), seg).map((id) => `/receipt/${id}`),
      )
      .map<Route>((path) => ['GET', path, [['Accept', 'text/html']], 'none']),
  };
  return routes[group];
}

/**
 * Requests for one route group of the shop. Half are wild: any method, path (bad
 * percent-encoding, dot segments, very long ones), headers (content types, charsets, encodings,
 * origins, tokens) and body (garbage, truncated or deeply nested JSON, huge), told with a right,
 * chunked, short or long length. Half are what the group's own client sends, with real ids, a few
 * headers more and any body, so they reach the handlers rather than stop at routing.
 *
 * @example fc.sample(fuzzedRequest('shop', targets), 1)
 */
export function fuzzedRequest(group: RouteGroup, targets: FuzzTargets): fc.Arbitrary<FuzzedRequest> {
  const seg = segment(targets);
  const framing = fc.constantFrom<FuzzedRequest['framing']>('length', 'length', 'length', 'chunked', 'short-length', 'long-length');
  const wild = fc.record({
    group: fc.constant(group),
    method: fc.constantFrom(...METHODS),
    target: fc.tuple(pathFor(group, seg), query).map(([path, q]) => path + q),
    headers: headers(targets),
    body: bodies(targets),
    framing,
  });
  const shaped = meant(targets);
  const near = wellFormed(group, targets, seg).chain(([method, target, needed, kind]) =>
    fc
      .tuple(
        headers(targets),
        fc.oneof({ weight: 3, arbitrary: shaped[kind] }, { weight: 1, arbitrary: bodies(targets) }),
        fc.constantFrom<FuzzedRequest['framing']>('length', 'length', 'length', 'chunked', 'short-length'),
      )
      .map(([extra, body, told]): FuzzedRequest => ({
        group,
        method,
        target,
        headers: [...needed, ...extra.slice(0, 2)],
        body,
        framing: told,
      })),
  );
  return fc.oneof(wild, near).map((request) => Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) }));
}

/** A failing request in a line or two (`fc.stringify` shows it so): a 100 kB body or a 20,000-character path cut short. */
function describeRequest({ method, target, headers: sent, body, framing }: FuzzedRequest): string {
  const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…(${text.length})` : text);
  const shown = body === null ? 'no body' : `${body.length} bytes (${framing}) ${JSON.stringify(cut(body.toString('latin1'), 80))}`;
  return `${method} ${cut(target, 160)} ${JSON.stringify(sent.map(([name, value]) => `${name}: ${cut(value, 60)}`))} ${shown}`;
}
