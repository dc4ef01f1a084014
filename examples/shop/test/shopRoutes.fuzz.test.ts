import { format } from 'node:util';
import type { CheckoutOrder } from '@aurpay-kit/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { fuzzedRequest, ROUTE_GROUPS, type FuzzedRequest, type FuzzTargets, type RouteGroup } from './fuzzedRequest.js';
import { startPlaceholderShop, type PlaceholderShop } from './placeholderShop.js';
import { rawRequest, type RawAnswer } from './rawHttp.js';

// Reproducible: the same seed replays the same requests; FUZZ_SEED tries others, FUZZ_RUNS longer runs.
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
const RUNS_PER_GROUP = Number(process.env.FUZZ_RUNS ?? 420);
const MAX_LOG_BYTES = 20_000;
const ADMIN_TOKEN = 'fuzz-admin-token-'.padEnd(40, 'x');

let shop: PlaceholderShop;
let port: number;
let base: string;
let targets: FuzzTargets;
const logged: string[] = [];
/** Answers by group, as `status code`: what the figures in the README and reports come from. */
const answers = new Map<RouteGroup, Map<string, number>>();

beforeAll(async () => {
  // The sandbox shop, with the admin routes open and a low cart limit, so both sides of each are reached.
  shop = await startPlaceholderShop({
    adminToken: ADMIN_TOKEN,
    cartRateLimit: { points: 10, durationSeconds: 60 },
    sandbox: { callbackRetryDelayMs: 100 },
  });
  ({ port, base } = shop);
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const cart = (await (await post('/api/carts', { items: [{ productId: 'lightning-mug', quantity: 1 }] })).json()) as { id: string };
  const order = (await (
    await post('/api/pay/orders', { kind: 'crypto', chain: 'BTC', currency: 'BTC', cartId: cart.id })
  ).json()) as CheckoutOrder;
  targets = { cartId: cart.id, orderId: order.orderId, statusToken: order.statusToken, adminToken: ADMIN_TOKEN, origin: base };
  // Everything the shop logs from here on is counted.
  for (const level of ['error', 'warn'] as const)
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(format(...args)));
});

afterAll(async () => {
  vi.restoreAllMocks();
  const lines = [...answers].map(
    ([group, seen]) =>
      `${group}: ${[...seen]
        .sort()
        .map(([answer, n]) => `${answer}×${n}`)
        .join(', ')}`,
  );
  const bytes = logged.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
  for (const line of logged) console.log(`  logged: ${line}`);
  console.log(
    `Fuzzed the shop (seed ${SEED}), answers by route group:\n  ${lines.join('\n  ')}\n  log: ${logged.length} lines, ${bytes} bytes`,
  );
  await shop?.close();
});

/** The request's bytes as sent, its body's length told truly, chunked, too short or too long. */
function wire({ method, target, headers, body, framing }: FuzzedRequest): { bytes: Buffer; halfClose: boolean } {
  const head = [
    `${method} ${target} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Connection: close',
    ...headers.map(([name, value]) => `${name}: ${value}`),
  ];
  if (body === null) return { bytes: Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), halfClose: false };
  const told: Record<FuzzedRequest['framing'], string> = {
    length: `Content-Length: ${body.length}`,
    chunked: 'Transfer-Encoding: chunked',
    'short-length': `Content-Length: ${Math.floor(body.length / 2)}`,
    'long-length': `Content-Length: ${body.length + 10}`,
  };
  const payload =
    framing === 'chunked'
      ? Buffer.concat([
          Buffer.from(body.length > 0 ? `${body.length.toString(16)}\r\n` : ''),
          body,
          Buffer.from(body.length > 0 ? '\r\n0\r\n\r\n' : '0\r\n\r\n'),
        ])
      : body;
  return {
    bytes: Buffer.concat([Buffer.from(`${[...head, told[framing]].join('\r\n')}\r\n\r\n`, 'latin1'), payload]),
    halfClose: framing === 'long-length',
  };
}

function tally(group: RouteGroup, { status, headers, body }: RawAnswer): void {
  const code =
    status !== null && status >= 400 && headers['content-type']?.startsWith('application/json')
      ? ` ${/"code":"([a-z_]+)"/.exec(body)?.[1] ?? '?'}`
      : '';
  const key = `${status ?? 'no answer'}${code}`;
  const seen = answers.get(group) ?? new Map<string, number>();
  seen.set(key, (seen.get(key) ?? 0) + 1);
  answers.set(group, seen);
}

async function check(request: FuzzedRequest): Promise<void> {
  const { bytes, halfClose } = wire(request);
  const answer = await rawRequest(port, bytes, { halfClose });
  tally(request.group, answer);
  const what = fc.stringify(request);
  // A client that promised more body than it sent and hung up may get no answer at all; anyone else gets one.
  if (answer.status === null) return void expect(halfClose, `no answer to ${what}`).toBe(true);
  expect(answer.status, `${answer.status} to ${what}: ${answer.body.slice(0, 200)}`).toBeLessThan(500);
  expect(answer.body, what).not.toMatch(/\bat .+:\d+:\d+|node_modules|SyntaxError|URIError/);
  if (answer.status < 400 || request.method === 'HEAD') return;
  if (answer.headers['content-type'] === undefined) {
    // Node's own refusals (a request it cannot parse, headers too large) come before Express and carry no body.
    expect([400, 408, 413, 431], `${answer.status} without a body to ${what}`).toContain(answer.status);
    return;
  }
  expect(JSON.parse(answer.body), what).toEqual({ error: { code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) } });
}

describe(`fuzzing every shop route group over HTTP, ${RUNS_PER_GROUP * ROUTE_GROUPS.length} requests`, () => {
  test.each(ROUTE_GROUPS.map((group, i) => [group, i] as const))('%s: no 5xx, JSON errors, still serving', async (group, i) => {
    await fc.assert(fc.asyncProperty(fuzzedRequest(group, targets), check), {
      seed: SEED + i,
      numRuns: RUNS_PER_GROUP,
      endOnFailure: true,
    });
    const config = await fetch(`${base}/api/config`);
    expect(config.status).toBe(200);
  });

  test('the log stays small: one short line per fault, no bodies, no stacks', () => {
    const bytes = logged.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
    expect(bytes).toBeLessThan(MAX_LOG_BYTES);
    for (const line of logged) {
      expect(line.length).toBeLessThan(300);
      expect(line).not.toMatch(/\n\s+at |lightning-mug|"items"/);
    }
  });

  test('the shop still serves a buyer from another address after the run', async () => {
    const res = await fetch(`${base}/api/carts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.77' },
      body: JSON.stringify({ items: [{ productId: 'node-tee', quantity: 1 }] }),
    });
    expect(res.status).toBe(201);
    await expect(fetch(`${base}/`).then((r) => r.status)).resolves.toBe(200);
  });
});
