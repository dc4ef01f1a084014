// A shop's server for the bench, in its own process so the load generator and the clients do not
// share its event loop: a sandbox gateway, an AurpayClient signing with the sandbox's credentials,
// and one Express app on 127.0.0.1 with the checkout router at /api/pay and a bare "hello" route
// beside it. Started by serverProcess.mjs; talks over IPC. Run with --expose-gc for memory figures.
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import process from 'node:process';
import { setImmediate } from 'node:timers';
import { dist, importFrom } from './paths.mjs';

const STATUS_SECRET = 'bench-status-secret-0123456789abcdef0123';

/**
 * The order store the setup names: memory (the default), a SQLite file, or PostgreSQL; with
 * what closes it.
 */
async function openStore(store) {
  if (store === undefined || store.kind === 'memory') return { options: {}, close: async () => undefined };
  if (store.kind === 'sqlite') {
    const { createSqliteStore } = await dist('server', 'sqlite/index.js');
    const sqlite = createSqliteStore({ filename: store.filename });
    return { options: sqlite, close: () => sqlite.close() };
  }
  const { createPostgresStore } = await dist('server', 'postgres/index.js');
  const postgres = createPostgresStore({ connectionString: store.url });
  await postgres.ready();
  return { options: postgres, close: () => postgres.close() };
}

/**
 * `setup`: `store` ({ kind: 'memory' | 'sqlite' | 'postgres', filename, url }); `sandboxUrl`, a
 * sandbox in another process (so this one's memory is the checkout's alone); and
 * `refuseSandboxCallbacks`, to let the bench send the callbacks itself.
 */
async function start(checkoutOptions, setup = {}) {
  const { startSandbox, SANDBOX_DEFAULTS } = await dist('sandbox');
  const { AurpayClient } = await dist('server');
  const { createCheckoutRouter } = await dist('server', 'express/index.js');
  const { default: express } = await importFrom('server', 'express');

  const sandbox = setup.sandboxUrl
    ? { url: setup.sandboxUrl, close: async () => undefined }
    : await startSandbox({ port: 0, host: '127.0.0.1', quiet: true });
  const store = await openStore(setup.store);
  // When each upstream order-detail call leaves the server (epoch ms), for the gaps between them;
  // the sandbox's own counter stays the count of record.
  let detailStarts = [];
  const recordingFetch = (input, init) => {
    if (String(input instanceof globalThis.Request ? input.url : input).includes('/api/v2/order/detail/')) {
      detailStarts.push(performance.timeOrigin + performance.now());
    }
    return globalThis.fetch(input, init);
  };
  const client = new AurpayClient({
    fetch: recordingFetch,
    baseUrl: sandbox.url,
    auth: { type: 'signature', apiToken: SANDBOX_DEFAULTS.apiToken, secretKey: SANDBOX_DEFAULTS.secretKey },
    timeoutMs: 10_000,
    retries: 0,
  });
  const app = express();
  app.disable('x-powered-by');
  app.get('/hello', (_req, res) => {
    res.send('hello');
  });
  if (setup.refuseSandboxCallbacks)
    app.use((req, res, next) => (req.get('user-agent') === 'aurpay-sandbox' ? void res.status(503).end() : next()));
  const server = createServer(app);
  // SSE streams stay open for the whole fan-in run; the default 5 s keep-alive is for pollers.
  server.maxConnections = 40_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const origin = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
  const publicUrl = `${origin}/api/pay`;
  const counts = { paid: 0, errors: 0 };
  const router = createCheckoutRouter({
    client,
    publicUrl,
    statusSecret: STATUS_SECRET,
    callback: { token: SANDBOX_DEFAULTS.callbackToken, secret: SANDBOX_DEFAULTS.callbackSecret },
    priceFor: () => ({ amount: '18.5', currency: 'USD' }),
    onPaid: () => {
      counts.paid += 1;
    },
    onError: (error, context) => {
      counts.errors += 1;
      process.stderr.write(`checkout server: ${context.where}: ${error?.message ?? error}\n`);
    },
    // One loopback client stands in for hundreds of buyers: no per-client limits unless asked.
    rateLimit: false,
    streams: { maxPerClient: 50_000, maxTotal: 50_000 },
    ...store.options,
    ...checkoutOptions,
  });
  app.use('/api/pay', router);

  const connections = () => new Promise((resolve) => server.getConnections((_error, count) => resolve(count ?? 0)));
  const handlers = {
    async memory() {
      // Two collections: the first may only queue finalizers.
      for (let i = 0; i < 2; i += 1) globalThis.gc?.();
      await new Promise((resolve) => setImmediate(resolve));
      globalThis.gc?.();
      const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
      return { rss, heapUsed, heapTotal, external, arrayBuffers, gcExposed: typeof globalThis.gc === 'function' };
    },
    async detailStarts() {
      const starts = detailStarts;
      detailStarts = [];
      return starts;
    },
    async state() {
      return {
        watchers: router.checkout.activeWatchers(),
        streams: router.checkout.openStreams(),
        connections: await connections(),
        ...counts,
      };
    },
    reconcile: () => router.checkout.reconcile(),
    idle: async () => {
      await router.checkout.idle();
      return {};
    },
    async close() {
      router.checkout.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
      await sandbox.close();
      setImmediate(() => process.exit(0));
      return {};
    },
  };
  process.on('message', async ({ id, call }) => {
    try {
      process.send({ id, result: await handlers[call]() });
    } catch (error) {
      process.send({ id, error: String(error?.stack ?? error) });
    }
  });
  process.send({ ready: { origin, publicUrl, helloUrl: `${origin}/hello`, sandboxUrl: sandbox.url } });
}

process.once('message', ({ options, setup }) => {
  start(options, setup).catch((error) => {
    process.stderr.write(`checkout server failed to start: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
});
// The parent going away takes the server with it.
process.on('disconnect', () => process.exit(0));
