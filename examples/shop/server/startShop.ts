import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { SandboxOptions } from '@aurpay-kit/sandbox';
import express from 'express';
import { shopCheckoutRouter } from './checkoutRouter.js';
import type { ConnectAurpayOptions } from './connectAurpay.js';
import { connectAurpay } from './connectAurpay.js';
import { jsonErrors } from './jsonErrors.js';
import { openShopStorage } from './openShopStorage.js';
import { sandboxRoutes } from './sandboxRoutes.js';
import { ShopConfigError } from './shopConfigError.js';
import { shopRoutes } from './shopRoutes.js';

export interface StartShopOptions {
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1; undefined listens on every interface. */
  host?: string | undefined;
  /** Aurpay's credentials and the shop's public URL. Without them the shop starts a sandbox. */
  gateway?: ConnectAurpayOptions['gateway'];
  /** Options for the in-process sandbox (sandbox mode only), e.g. a short `orderTtlSeconds`. */
  sandbox?: SandboxOptions;
  /** `static` serves the built front end (`vite build`); `vite` compiles it on the fly with hot reload. */
  frontend?: 'static' | 'vite';
  /** Where the built front end is. Default: `dist/` of this package. */
  clientDir?: string;
  /**
   * Redis shared by several instances of the shop (orders, status events, carts), e.g.
   * `redis://127.0.0.1:6379`. Default: this process's memory.
   */
  redisUrl?: string;
  /**
   * At least 32 characters: signs the status tokens handed to browsers. Required with `redisUrl`
   * (every instance must use the same); without it, a random one per start.
   */
  statusSecret?: string;
}

export interface Shop {
  /** The one URL to open. */
  url: string;
  /** The sandbox's URL in sandbox mode, else null. */
  sandboxUrl: string | null;
  /** Where orders and carts are kept: in memory, or which Redis. */
  storage: string;
  close(): Promise<void>;
}

const shopRoot = fileURLToPath(new URL('..', import.meta.url));

function listen(server: Server, port: number, host: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new ShopConfigError(`Port ${port} is in use: set PORT to another one.`) : error),
    );
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

function statusSecretFor({ redisUrl, statusSecret }: StartShopOptions): string {
  if (statusSecret !== undefined) {
    if (statusSecret.length < 32) throw new ShopConfigError('STATUS_SECRET (statusSecret) must be at least 32 characters.');
    return statusSecret;
  }
  if (redisUrl !== undefined) {
    throw new ShopConfigError('With REDIS_URL (redisUrl) set STATUS_SECRET (statusSecret): every instance must sign status tokens with the same secret.');
  }
  // Orders live in this process's memory, so a fresh secret per start loses nothing.
  return randomBytes(32).toString('hex');
}

/**
 * Starts the example shop on one port: the payment routes at `/api/pay`, the shop's own API, and
 * the React front end. Without `gateway` it also starts an Aurpay sandbox in this process and a
 * development route to drive it. With `redisUrl` several instances share orders, status events,
 * carts and exactly-once fulfilment through Redis.
 *
 * @example
 * const shop = await startShop({ port: 0, sandbox: { orderTtlSeconds: 5 } });
 * console.log(shop.url);
 * await shop.close();
 */
export async function startShop(options: StartShopOptions = {}): Promise<Shop> {
  const { gateway, frontend = 'static', clientDir = `${shopRoot}dist` } = options;
  if (frontend === 'static' && !existsSync(`${clientDir}/index.html`)) {
    throw new ShopConfigError('The front end is not built: run `pnpm --filter @aurpay-kit/example-shop build` first.');
  }
  const statusSecret = statusSecretFor(options);
  const app = express();
  // Behind a reverse proxy on this host, client addresses (for the router's per-client rate
  // limit) come from X-Forwarded-For; set it to what your proxy setup needs.
  app.set('trust proxy', 'loopback');
  const server = createServer(app);
  const host = 'host' in options ? options.host : '127.0.0.1';
  const port = await listen(server, options.port ?? 3000, host);
  const closers: (() => Promise<void> | void)[] = [
    () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  ];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };

  try {
    const storage = await openShopStorage(options.redisUrl);
    closers.push(() => storage.close());
    const { carts } = storage;
    const { sandbox, ...aurpay } = await connectAurpay({ gateway, sandbox: options.sandbox, shopPort: port });
    if (sandbox) closers.push(() => sandbox.close());

    const payments = shopCheckoutRouter({ ...aurpay, carts, shared: storage.checkout, statusSecret });
    closers.push(() => payments.checkout.close());
    app.use('/api/pay', payments);
    if (sandbox) app.use('/api/sandbox', sandboxRoutes(sandbox.url));
    app.use('/api', shopRoutes({ carts, sandbox: sandbox !== null }));
    app.use('/api', (_req, res) => {
      res.status(404).json({ error: { code: 'route_not_found', message: 'No such API route.' } });
    });

    if (frontend === 'vite') {
      const { createServer: createViteServer } = await import('vite');
      const vite = await createViteServer({ root: shopRoot, appType: 'spa', server: { middlewareMode: true, hmr: { server } } });
      closers.push(() => vite.close());
      app.use(vite.middlewares);
    } else {
      app.use(express.static(clientDir, { index: false }));
      // Every other page is the single-page app, which routes in the browser.
      app.get('/{*page}', (_req, res) => res.sendFile('index.html', { root: clientDir }));
    }
    app.use(jsonErrors);

    const shown = host === undefined || host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host;
    return { url: `http://${shown}:${port}`, sandboxUrl: sandbox?.url ?? null, storage: storage.description, close };
  } catch (error) {
    await close();
    throw error;
  }
}
