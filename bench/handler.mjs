// Cost of the checkout router on the request path: `GET /orders/:id` for a paid (terminal) order,
// answered from the store with no upstream call, against a bare Express "hello" route on the same
// app and server, in alternating rounds. The server runs in its own process; the load generator
// here. Run alone: node bench/handler.mjs [--quick]
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { runLoad } from './lib/loadGenerator.mjs';
import { log, print } from './lib/log.mjs';
import { STATUS_TOKEN_HEADER, startCheckoutServer } from './lib/serverProcess.mjs';
import { median, round, summarize } from './lib/stats.mjs';
import { waitFor } from './lib/waitFor.mjs';

export const TARGET_RATIO = 0.8;

function pooled(runs) {
  const all = summarize(runs.flatMap((run) => run.latencies));
  return {
    requestsPerSecond: round(median(runs.map((run) => run.requestsPerSecond))),
    requestsPerSecondByRound: runs.map((run) => round(run.requestsPerSecond)),
    latencyMs: { p50: round(all.p50), p90: round(all.p90), p99: round(all.p99), max: round(all.max) },
    requests: runs.reduce((total, run) => total + run.requests, 0),
    non2xx: runs.reduce((total, run) => total + run.requests - run.ok, 0),
    errors: runs.reduce((total, run) => total + run.errors, 0),
    capped: runs.some((run) => run.capped),
  };
}

/**
 * `GET /orders/:id` of a paid order against the bare route, on a running bench server. Each round
 * runs both routes back to back, alternating which goes first so neither always gets the warmer
 * machine.
 */
export async function compareWithBare(
  server,
  { rounds = 6, requests = 10_000, connections = 32, warmup = 3_000, timeCapMs = 20_000 } = {},
) {
  {
    const order = await server.createOrder();
    await server.pay(order.orderId);
    await waitFor(async () => ((await server.status(order)).body.status === 'paid' ? true : undefined), 'the order to be paid');
    await server.resetStats();
    const routes = {
      hello: { url: server.helloUrl, headers: {} },
      orderStatus: { url: `${server.publicUrl}/orders/${order.orderId}`, headers: { [STATUS_TOKEN_HEADER]: order.statusToken } },
    };
    for (const route of Object.values(routes)) await runLoad({ ...route, requests: warmup, connections, timeCapMs });
    const runs = { hello: [], orderStatus: [] };
    for (let r = 0; r < rounds; r += 1) {
      const order = r % 2 === 0 ? ['hello', 'orderStatus'] : ['orderStatus', 'hello'];
      for (const name of order) {
        const run = await runLoad({ ...routes[name], requests, connections, timeCapMs });
        log(`  round ${r + 1} ${name}: ${Math.round(run.requestsPerSecond)} req/s, p99 ${run.latencyMs.p99.toFixed(2)} ms`);
        runs[name].push(run);
      }
    }
    const hello = pooled(runs.hello);
    const orderStatus = pooled(runs.orderStatus);
    // Each round's pair ran back to back, so its ratio is the one least moved by whatever else
    // the machine was doing; the median pair ratio is the figure of record.
    const ratio = median(runs.orderStatus.map((run, i) => run.requestsPerSecond / runs.hello[i].requestsPerSecond));
    return {
      connections,
      requestsPerRound: requests,
      rounds,
      hello,
      orderStatus,
      ratio: round(ratio),
      ratioByRound: runs.orderStatus.map((run, i) => round(run.requestsPerSecond / runs.hello[i].requestsPerSecond)),
      targetRatio: TARGET_RATIO,
      withinTarget: ratio >= TARGET_RATIO,
      upstreamDetailCalls: await server.detailCalls(),
    };
  }
}

/** The router on the default (memory) store against bare Express. */
export async function benchHandler(options = {}) {
  const server = await startCheckoutServer();
  try {
    return await compareWithBare(server, options);
  } finally {
    await server.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const quick = process.argv.includes('--quick');
  const result = await benchHandler(quick ? { rounds: 2, requests: 3_000, warmup: 1_000 } : {});
  print(JSON.stringify(result, null, 2));
}
