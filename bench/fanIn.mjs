// Many buyers watching one order: 1,000 server-sent-event subscribers held open while pollers hit
// `GET /orders/:id` back to back. Measures what reaches the gateway (order-detail calls counted by
// the sandbox, their start times taken in the server for the gaps between them), the memory per open
// subscriber (heap and RSS after GC, in the server's own process), and, once the order is paid,
// how long until every subscriber has heard. Run alone: node bench/fanIn.mjs [--quick]
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { runLoad } from './lib/loadGenerator.mjs';
import { log, print } from './lib/log.mjs';
import { NodeEventSource } from './lib/nodeEventSource.mjs';
import { STATUS_TOKEN_HEADER, startCheckoutServer } from './lib/serverProcess.mjs';
import { round, summarize } from './lib/stats.mjs';
import { waitFor } from './lib/waitFor.mjs';

export const MIN_REFRESH_MS = 2_000;
export const TARGET_BYTES_PER_SUBSCRIBER = 50 * 1024;

/** Opens `count` streams in batches (the listen backlog is finite) and resolves once each has its first status. */
async function openSubscribers(url, count, { batch = 100, timeoutMs = 60_000 } = {}) {
  const subscribers = [];
  for (let i = 0; i < count; i += batch) {
    for (let j = i; j < Math.min(count, i + batch); j += 1) {
      const subscriber = { source: new NodeEventSource(url), statuses: [], paidAt: null, failed: false };
      subscriber.source.addEventListener('status', (event) => {
        const view = JSON.parse(event.data);
        subscriber.statuses.push(view.status);
        if (view.status === 'paid' && subscriber.paidAt === null) subscriber.paidAt = performance.now();
      });
      subscriber.source.addEventListener('error', () => {
        subscriber.failed = subscriber.paidAt === null;
      });
      subscribers.push(subscriber);
    }
    await waitFor(() => (subscribers.every((s) => s.statuses.length > 0 || s.failed) ? true : undefined), 'streams to open', timeoutMs);
  }
  const failed = subscribers.filter((s) => s.failed).length;
  if (failed > 0) throw new Error(`${failed} of ${count} event streams failed to open`);
  return subscribers;
}

export async function benchFanIn({ subscribers: count = 1_000, pollers = 200, windowMs = 12_000 } = {}) {
  const server = await startCheckoutServer({ minRefreshMs: MIN_REFRESH_MS });
  const streams = [];
  try {
    const order = await server.createOrder();
    const streamUrl = `${server.publicUrl}/orders/${order.orderId}/events?token=${encodeURIComponent(order.statusToken)}`;
    // Warm the code paths, so the baseline already holds what the first stream loads once.
    const warm = await openSubscribers(streamUrl, 20);
    for (const s of warm) s.source.close();
    await waitFor(async () => ((await server.state()).watchers === 0 ? true : undefined), 'warm-up streams to close');
    const before = await server.memory();

    streams.push(...(await openSubscribers(streamUrl, count)));
    const held = await server.state();
    const after = await server.memory();
    const perSubscriber = (key) => round((after[key] - before[key]) / count);
    log(
      `  ${count} streams open: ${held.connections} connections, ${held.watchers} watcher(s), heap +${Math.round((after.heapUsed - before.heapUsed) / 1024)} kB`,
    );

    await server.resetStats();
    await server.detailStarts();
    const windowStart = performance.now();
    const polling = await runLoad({
      url: `${server.publicUrl}/orders/${order.orderId}`,
      headers: { [STATUS_TOKEN_HEADER]: order.statusToken },
      requests: 1_000_000,
      connections: pollers,
      timeCapMs: windowMs,
    });
    const calls = await server.detailCalls();
    const windowActualMs = performance.now() - windowStart;
    const starts = await server.detailStarts();
    const gaps = starts.slice(1).map((at, i) => at - starts[i]);
    // Whole periods in the window, plus one that a period straddling its start may add.
    const allowedCalls = Math.floor(windowActualMs / MIN_REFRESH_MS) + 1;
    log(`  ${polling.requests} polls in ${Math.round(windowActualMs)} ms: ${calls} upstream detail calls`);

    const paidAt = performance.now();
    await server.pay(order.orderId);
    const payReturned = performance.now();
    await waitFor(() => (streams.every((s) => s.paidAt !== null) ? true : undefined), 'every subscriber to see paid', 30_000);
    const reach = summarize(streams.map((s) => s.paidAt - payReturned));
    const watchersAfter = await waitFor(
      async () => {
        const { watchers } = await server.state();
        return watchers === 0 ? 0 : undefined;
      },
      'the watcher to go',
      10_000,
    ).catch(async () => (await server.state()).watchers);
    const bytesPerSubscriber = perSubscriber('heapUsed');

    return {
      subscribers: count,
      pollerConnections: pollers,
      minRefreshMs: MIN_REFRESH_MS,
      watchersWhileOpen: held.watchers,
      serverConnectionsWhileOpen: held.connections,
      polls: polling.requests,
      pollsPerSecond: round(polling.requestsPerSecond),
      pollLatencyMs: { p50: round(polling.latencyMs.p50), p99: round(polling.latencyMs.p99) },
      pollNon2xx: polling.requests - polling.ok,
      windowMs: round(windowActualMs),
      upstreamDetailCalls: calls,
      upstreamCallsPerSecond: round((calls / windowActualMs) * 1000),
      upstreamCallsPerMinRefresh: round((calls / windowActualMs) * MIN_REFRESH_MS),
      allowedCalls,
      upstreamCallsSeenByServer: starts.length,
      shortestGapBetweenCallsMs: gaps.length ? round(Math.min(...gaps)) : null,
      // The refresher keeps time with Date.now, whole milliseconds: allow it two.
      withinCallTarget: calls <= allowedCalls && (gaps.length === 0 || Math.min(...gaps) >= MIN_REFRESH_MS - 2),
      memory: {
        heapUsedBytesPerSubscriber: bytesPerSubscriber,
        rssBytesPerSubscriber: perSubscriber('rss'),
        externalBytesPerSubscriber: perSubscriber('external'),
        before: { heapUsed: before.heapUsed, rss: before.rss },
        after: { heapUsed: after.heapUsed, rss: after.rss },
        gcExposed: after.gcExposed,
      },
      targetBytesPerSubscriber: TARGET_BYTES_PER_SUBSCRIBER,
      withinMemoryTarget: bytesPerSubscriber < TARGET_BYTES_PER_SUBSCRIBER && perSubscriber('rss') < TARGET_BYTES_PER_SUBSCRIBER,
      paidReachedAllMs: { p50: round(reach.p50), p99: round(reach.p99), last: round(reach.max), payCallMs: round(payReturned - paidAt) },
      watchersAfterPaid: watchersAfter,
    };
  } finally {
    for (const s of streams) s.source.close();
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  print(JSON.stringify(await benchFanIn(quick ? { subscribers: 200, pollers: 50, windowMs: 5_000 } : {}), null, 2));
}
