// Event streams under load: how many one instance accepts at its default caps when 150 clients
// each try 12; then, with 10,000 streams open over 1,000 orders, the checkout's memory per stream,
// the upstream status calls per second its watchers make (the shared polling budget), and how long
// a payment takes to reach its order's streams. The sandbox runs in this process, the checkout in
// its own. Run alone: node bench/streams.mjs [--quick]
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { log, print } from './lib/log.mjs';
import { NodeEventSource } from './lib/nodeEventSource.mjs';
import { dist } from './lib/paths.mjs';
import { startCheckoutServer } from './lib/serverProcess.mjs';
import { round, summarize } from './lib/stats.mjs';
import { waitFor } from './lib/waitFor.mjs';

export const TARGET_BYTES_PER_STREAM = 16 * 1024;
export const TARGET_PAID_P99_MS = 1000;
const DEFAULT_CAPS = { maxPerClient: 10, maxTotal: 1000 };

/** Client n's loopback address: 127.0.1.x, 127.0.2.x… */
const clientAddress = (n) => `127.0.${1 + Math.floor(n / 250)}.${1 + (n % 250)}`;

function open(url, localAddress) {
  const stream = { source: new NodeEventSource(url, { localAddress }), opened: false, status: null, paidAt: null };
  stream.source.addEventListener('status', (event) => {
    stream.opened = true;
    if (JSON.parse(event.data).status === 'paid' && stream.paidAt === null) stream.paidAt = performance.now();
  });
  stream.source.addEventListener('error', () => {
    stream.status ??= stream.source.status ?? 'error';
  });
  return stream;
}

async function openAll(specs, what) {
  const streams = [];
  for (let i = 0; i < specs.length; i += 200) {
    const batch = specs.slice(i, i + 200).map(({ url, localAddress }) => open(url, localAddress));
    streams.push(...batch);
    await waitFor(() => (batch.every((s) => s.opened || s.status !== null) ? true : undefined), what, 60_000);
  }
  return streams;
}

async function atTheCaps({ clients, attempts }) {
  const server = await startCheckoutServer({ streams: DEFAULT_CAPS });
  try {
    const order = await server.createOrder();
    const url = `${server.publicUrl}/orders/${order.orderId}/events?token=${encodeURIComponent(order.statusToken)}`;
    const specs = Array.from({ length: clients * attempts }, (_, i) => ({ url, localAddress: clientAddress(i % clients) }));
    const streams = await openAll(specs, 'streams at the caps');
    const held = await server.state();
    const result = {
      clients,
      attemptsPerClient: attempts,
      caps: DEFAULT_CAPS,
      accepted: streams.filter((s) => s.opened).length,
      refusedPerClient: streams.filter((s) => s.status === 429).length,
      refusedFull: streams.filter((s) => s.status === 503).length,
      otherwise: streams.filter((s) => !s.opened && s.status !== 429 && s.status !== 503).length,
      openOnServer: held.streams.streams,
    };
    for (const s of streams) s.source.close();
    return result;
  } finally {
    await server.close();
  }
}

async function tenThousand({ orders, perOrder, payments, windowMs }) {
  const { startSandbox } = await dist('sandbox');
  const sandbox = await startSandbox({ port: 0, quiet: true });
  const server = await startCheckoutServer({}, { setup: { sandboxUrl: sandbox.url }, startTimeoutMs: 60_000 });
  const streams = [];
  try {
    const created = [];
    for (let i = 0; i < orders; i += 1) created.push(await server.createOrder({ kind: 'crypto', chain: 'BTC', currency: 'BTC' }));
    const urlOf = (order) => `${server.publicUrl}/orders/${order.orderId}/events?token=${encodeURIComponent(order.statusToken)}`;
    const warm = await openAll(
      created.slice(0, 20).map((order) => ({ url: urlOf(order) })),
      'warm-up streams',
    );
    for (const s of warm) s.source.close();
    await waitFor(async () => ((await server.state()).streams.streams === 0 ? true : undefined), 'warm-up streams to close');
    const before = await server.memory();
    const specs = created.flatMap((order, o) =>
      Array.from({ length: perOrder }, (_, i) => ({ url: urlOf(order), localAddress: clientAddress((o * perOrder + i) % 5000), order: o })),
    );
    streams.push(...(await openAll(specs, '10,000 streams')));
    const after = await server.memory();
    const opened = streams.filter((s) => s.opened).length;
    log(`  ${opened} streams open over ${orders} orders`);

    const callsBefore = await sandboxStats(sandbox);
    const windowStart = performance.now();
    await sleep(windowMs);
    const calls = (await sandboxStats(sandbox)) - callsBefore;
    const callsPerSecond = (calls / (performance.now() - windowStart)) * 1000;
    log(`  ${round(callsPerSecond)} upstream status calls/s with ${orders} orders watched`);

    const reach = [];
    const byOrder = (o) => streams.filter((_, i) => specs[i].order === o);
    for (let p = 0; p < payments; p += 1) {
      const o = Math.floor((p * orders) / payments);
      const payAnswered = await payAt(sandbox, created[o].orderId);
      const watching = byOrder(o);
      await waitFor(() => (watching.every((s) => s.paidAt !== null) ? true : undefined), 'a payment to reach its streams', 30_000);
      reach.push(Math.max(...watching.map((s) => s.paidAt)) - payAnswered);
      await sleep(20);
    }
    const paid = summarize(reach);
    return {
      orders,
      streams: opened,
      memory: {
        heapBytesPerStream: round((after.heapUsed - before.heapUsed) / opened),
        rssBytesPerStream: round((after.rss - before.rss) / opened),
      },
      targetBytesPerStream: TARGET_BYTES_PER_STREAM,
      upstreamCallsPerSecond: round(callsPerSecond),
      pollBudgetPerSecond: 10,
      paidReachedOrderStreamsMs: { payments, p50: round(paid.p50), p99: round(paid.p99), max: round(paid.max) },
      targetPaidP99Ms: TARGET_PAID_P99_MS,
    };
  } finally {
    for (const s of streams) s.source.close();
    await server.close();
    await sandbox.close();
  }
}

async function sandboxStats(sandbox) {
  const res = await fetch(`${sandbox.url}/_sandbox/stats`);
  const { data } = await res.json();
  return data.requests['GET /api/v2/order/detail/:order_id'] ?? 0;
}

/** Pays an order at the sandbox; resolves with when the pay answer came back. */
async function payAt(sandbox, orderId) {
  const res = await fetch(`${sandbox.url}/_sandbox/orders/${orderId}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  await res.json();
  return performance.now();
}

export async function benchStreams({ clients = 150, attempts = 12, orders = 1000, perOrder = 10, payments = 100, windowMs = 10_000 } = {}) {
  const caps = await atTheCaps({ clients, attempts });
  log(`  at the caps: ${caps.accepted} accepted, ${caps.refusedPerClient} refused per client, ${caps.refusedFull} refused full`);
  const load = await tenThousand({ orders, perOrder, payments, windowMs });
  const heap = load.memory.heapBytesPerStream;
  return {
    caps,
    load,
    withinMemoryTarget: heap <= TARGET_BYTES_PER_STREAM,
    withinPaidTarget: load.paidReachedOrderStreamsMs.p99 < TARGET_PAID_P99_MS,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  print(
    JSON.stringify(
      await benchStreams(quick ? { clients: 30, attempts: 12, orders: 100, perOrder: 10, payments: 20, windowMs: 3_000 } : {}),
      null,
      2,
    ),
  );
}
