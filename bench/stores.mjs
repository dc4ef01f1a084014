// What a durable store costs a shop, on SQLite and PostgreSQL beside the in-memory store:
// `GET /orders/:id` against bare Express, callbacks settled per second (detail call, status write
// with its owed fulfilment made durable, hook run), the reconciler's upstream calls with 1,000
// open orders (nothing changed, then one changed), and the checkout process's memory per open
// order. The sandbox runs in this process, the checkout in its own. Run alone:
// node bench/stores.mjs [--quick]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { compareWithBare } from './handler.mjs';
import { log, print } from './lib/log.mjs';
import { dist } from './lib/paths.mjs';
import { startCheckoutServer } from './lib/serverProcess.mjs';
import { round } from './lib/stats.mjs';
import { waitFor } from './lib/waitFor.mjs';

export const RECONCILE_TARGET_CALLS = 5;

/** Runs `task` over `items`, `width` at a time. */
async function inParallel(items, width, task) {
  let next = 0;
  const results = [];
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index], index);
      }
    }),
  );
  return results;
}

async function sandboxJson(sandbox, method, path, body) {
  const res = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const envelope = await res.json();
  if (envelope.code !== 0) throw new Error(`sandbox ${method} ${path}: ${envelope.message}`);
  return envelope.data;
}

async function upstreamCalls(sandbox) {
  const { requests } = await sandboxJson(sandbox, 'GET', '/stats');
  return { list: requests['GET /api/v2/order/'] ?? 0, detail: requests['GET /api/v2/order/detail/:order_id'] ?? 0 };
}

/** One store: every figure above, against a sandbox of its own. */
async function measure(kind, storeSetup, options) {
  const { startSandbox, SANDBOX_DEFAULTS } = await dist('sandbox');
  const { signCallback } = await dist('server');
  const sandbox = await startSandbox({ port: 0, quiet: true, callbackRetries: 0 });
  const server = await startCheckoutServer(
    { reconcile: { intervalMs: 3_600_000 }, minRefreshMs: 2000 },
    { setup: { store: storeSetup, sandboxUrl: sandbox.url, refuseSandboxCallbacks: true }, startTimeoutMs: 60_000 },
  );
  try {
    // Memory: a few orders first so the code paths are warm, then the open orders.
    await inParallel(Array.from({ length: 20 }), 4, () => server.createOrder());
    const before = await server.memory();
    const open = await inParallel(Array.from({ length: options.openOrders }), 8, () =>
      server.createOrder({ kind: 'crypto', chain: 'BTC', currency: 'BTC' }),
    );
    const after = await server.memory();
    const memory = {
      openOrders: open.length,
      heapBytesPerOrder: round((after.heapUsed - before.heapUsed) / open.length),
      rssBytesPerOrder: round((after.rss - before.rss) / open.length),
    };
    log(`  ${kind}: ${open.length} open orders, ${memory.heapBytesPerOrder} B heap each`);

    // Reconciliation: nothing changed, then one order paid while no callback arrives.
    await sandboxJson(sandbox, 'POST', '/stats/reset', {});
    const quiet = await server.reconcile();
    const quietCalls = await upstreamCalls(sandbox);
    await sandboxJson(sandbox, 'POST', `/orders/${open[0].orderId}/pay`, {});
    await sandboxJson(sandbox, 'POST', '/stats/reset', {});
    const changed = await server.reconcile();
    const changedCalls = await upstreamCalls(sandbox);
    const reconcile = {
      watched: quiet.watched,
      nothingChanged: { upstreamCalls: quietCalls.list + quietCalls.detail, listCalls: quietCalls.list, detailCalls: quietCalls.detail },
      oneChanged: {
        upstreamCalls: changedCalls.list + changedCalls.detail,
        listCalls: changedCalls.list,
        detailCalls: changedCalls.detail,
        changed: changed.changed,
      },
      targetCalls: RECONCILE_TARGET_CALLS,
      withinTarget:
        quietCalls.list + quietCalls.detail <= RECONCILE_TARGET_CALLS &&
        changedCalls.list + changedCalls.detail <= RECONCILE_TARGET_CALLS + 1,
    };
    log(`  ${kind}: reconciliation ${reconcile.nothingChanged.upstreamCalls} calls, ${reconcile.oneChanged.upstreamCalls} with one paid`);

    // Callbacks: orders paid at the gateway, whose callbacks the bench sends, signed, 16 at a time.
    const batch = await inParallel(Array.from({ length: options.callbacks }), 8, () =>
      server.createOrder({ kind: 'crypto', chain: 'BTC', currency: 'BTC' }),
    );
    const urls = await inParallel(
      batch,
      8,
      async (order) => (await sandboxJson(sandbox, 'POST', `/orders/${order.orderId}/pay`, {})).urls.callback_url,
    );
    const paidBefore = (await server.state()).paid;
    const credentials = { token: SANDBOX_DEFAULTS.callbackToken, secret: SANDBOX_DEFAULTS.callbackSecret };
    const started = performance.now();
    const statuses = await inParallel(
      urls,
      16,
      async (url) => (await fetch(url, { headers: signCallback({ callbackUrl: url, ...credentials }) })).status,
    );
    const seconds = (performance.now() - started) / 1000;
    await server.idle();
    await waitFor(
      async () => ((await server.state()).paid - paidBefore >= batch.length ? true : undefined),
      'every callback’s onPaid',
      60_000,
    );
    const callbacks = {
      count: batch.length,
      answered200: statuses.filter((status) => status === 200).length,
      settledPerSecond: round(batch.length / seconds),
      fulfilled: (await server.state()).paid - paidBefore,
    };
    log(`  ${kind}: ${callbacks.settledPerSecond} callbacks settled/s`);

    const handler = await compareWithBare(server, options.handler);
    log(`  ${kind}: GET /orders/:id ${Math.round(handler.ratio * 100)}% of bare`);
    return { memory, reconcile, callbacks, handler };
  } finally {
    await server.close();
    await sandbox.close();
  }
}

export async function benchStores({ openOrders = 1000, callbacks = 300, handler = { rounds: 4, requests: 6_000, warmup: 2_000 } } = {}) {
  const { startPostgresServer } = await dist('testing');
  const dir = mkdtempSync(join(tmpdir(), 'aurpay-bench-'));
  const postgres = await startPostgresServer();
  const options = { openOrders, callbacks, handler };
  try {
    return {
      memory: await measure('memory', { kind: 'memory' }, options),
      sqlite: await measure('sqlite', { kind: 'sqlite', filename: join(dir, 'bench.db') }, options),
      postgres: await measure('postgres', { kind: 'postgres', url: postgres.url }, options),
    };
  } finally {
    await postgres.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  const result = await benchStores(quick ? { openOrders: 200, callbacks: 50, handler: { rounds: 2, requests: 2_000, warmup: 500 } } : {});
  print(JSON.stringify(result, null, 2));
}
