// Time from the gateway marking an order paid to the buyer's page knowing it: for each of N
// orders, from the moment the sandbox's `POST /_sandbox/orders/:id/pay` answers to the moment
// core's `OrderSubscription` (the client the React components use), running here in Node with a
// small EventSource and Node's fetch, reports `paid`. Once with server-sent events (the sandbox's
// callback reaches the server, which confirms and pushes), once polling only at the default
// interval. Payments are spread evenly so each one is timed on its own.
// Run alone: node bench/paymentToScreen.mjs [--quick]
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { dist } from './lib/paths.mjs';
import { log, print } from './lib/log.mjs';
import { NodeEventSource } from './lib/nodeEventSource.mjs';
import { startCheckoutServer } from './lib/serverProcess.mjs';
import { round, summarize } from './lib/stats.mjs';
import { sleep, waitFor } from './lib/waitFor.mjs';

export const TARGET_P99_MS = 100;

/** Counts streams that failed before the order was paid (the subscription then falls back to polling). */
class CountingEventSource extends NodeEventSource {
  static failures = 0;

  constructor(url) {
    super(url);
    this.addEventListener('error', () => {
      CountingEventSource.failures += 1;
    });
  }
}

async function runMode(server, core, { mode, orders, gapMs, seenTimeoutMs }) {
  const created = [];
  for (let i = 0; i < orders; i += 1) created.push(await server.createOrder());
  CountingEventSource.failures = 0;
  const watches = created.map((order) => {
    const subscription = new core.OrderSubscription({
      endpoint: server.publicUrl,
      orderId: order.orderId,
      statusToken: order.statusToken,
      fetch: globalThis.fetch,
      EventSource: mode === 'sse' ? CountingEventSource : null,
    });
    const watch = { subscription, order, ready: false, seenAt: null, sentAt: null, returnedAt: null };
    watch.unsubscribe = subscription.subscribe(() => {
      const { order: view } = subscription.getSnapshot();
      if (view) watch.ready = true;
      if (view?.status === 'paid' && watch.seenAt === null) watch.seenAt = performance.now();
    });
    return watch;
  });
  try {
    await waitFor(() => (watches.every((w) => w.ready) ? true : undefined), `${mode}: every subscription's first status`, 30_000);
    // Let the first polls' phases settle where they fall, as a buyer's would.
    await sleep(100);
    const start = performance.now();
    await Promise.all(
      watches.map(async (watch, i) => {
        await sleep(Math.max(0, start + i * gapMs - performance.now()));
        watch.sentAt = performance.now();
        await server.pay(watch.order.orderId);
        watch.returnedAt = performance.now();
      }),
    );
    await waitFor(
      () => (watches.every((w) => w.seenAt !== null) ? true : undefined),
      `${mode}: every order seen paid`,
      seenTimeoutMs,
    ).catch(() => undefined);
  } finally {
    for (const watch of watches) watch.unsubscribe();
  }
  const seen = watches.filter((w) => w.seenAt !== null);
  const fromReturn = summarize(seen.map((w) => Math.max(0, w.seenAt - w.returnedAt)));
  const fromSent = summarize(seen.map((w) => w.seenAt - w.sentAt));
  const pick = ({ p50, p90, p99, max }) => ({ p50: round(p50), p90: round(p90), p99: round(p99), max: round(max) });
  return {
    mode,
    orders,
    seen: seen.length,
    missed: orders - seen.length,
    seenBeforePayAnswer: seen.filter((w) => w.seenAt < w.returnedAt).length,
    streamFailures: mode === 'sse' ? CountingEventSource.failures : null,
    msFromPayAnswer: pick(fromReturn),
    msFromPayRequest: pick(fromSent),
  };
}

export async function benchPaymentToScreen({ orders = 200, gapMs = 25 } = {}) {
  const core = await dist('core');
  // The subscription is inert where there is no `window` (it is built for the browser and keeps
  // server renders free of network activity); here Node stands in for the browser.
  /** @type {{ window?: unknown }} */ (globalThis).window ??= globalThis;
  const server = await startCheckoutServer();
  try {
    const sse = await runMode(server, core, { mode: 'sse', orders, gapMs, seenTimeoutMs: 30_000 });
    log(`  sse: p50 ${sse.msFromPayAnswer.p50} ms, p99 ${sse.msFromPayAnswer.p99} ms (${sse.seen}/${orders} seen)`);
    const polling = await runMode(server, core, { mode: 'polling', orders, gapMs, seenTimeoutMs: 30_000 });
    log(`  polling: p50 ${polling.msFromPayAnswer.p50} ms, p99 ${polling.msFromPayAnswer.p99} ms (${polling.seen}/${orders} seen)`);
    const { errors } = await server.state();
    return {
      pollIntervalMs: 2_000,
      gapBetweenPaymentsMs: gapMs,
      sse,
      polling,
      targetP99Ms: TARGET_P99_MS,
      withinTarget: sse.missed === 0 && sse.msFromPayAnswer.p99 < TARGET_P99_MS,
      serverErrors: errors,
    };
  } finally {
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  print(JSON.stringify(await benchPaymentToScreen(quick ? { orders: 40 } : {}), null, 2));
}
