import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { SandboxOptions } from '@aurpay-kit/sandbox';
import type { CheckoutHandlers } from '@aurpay-kit/server';
import express from 'express';
import { adminRoutes } from './adminRoutes.js';
import { shopCheckoutRouter } from './checkoutRouter.js';
import type { ConnectAurpayOptions } from './connectAurpay.js';
import { connectAurpay } from './connectAurpay.js';
import { connectionLimits, limitConnections, openFileLimit, type ConnectionLimits } from './connectionLimits.js';
import { jsonErrors } from './jsonErrors.js';
import { methodNotAllowed } from './methodNotAllowed.js';
import { openShopStorage } from './openShopStorage.js';
import { rateLimiterFor } from './rateLimiterFor.js';
import { sandboxRoutes } from './sandboxRoutes.js';
import { securityHeaders } from './securityHeaders.js';
import { serverTimeouts, type ServerTimeouts } from './serverTimeouts.js';
import { DEFAULT_DATABASE_FILE, type StorageChoice } from './shopConfig.js';
import { ShopConfigError } from './shopConfigError.js';
import { shopRoutes } from './shopRoutes.js';
import { sweepExpiredCarts } from './sweepExpiredCarts.js';

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
   * Where carts, orders and owed fulfilments are kept: memory, a SQLite file, PostgreSQL or Redis.
   * Default: memory in sandbox mode, `data/shop.db` (SQLite) with a gateway.
   */
  storage?: StorageChoice;
  /**
   * At least 32 characters: signs the status tokens handed to browsers. Default: one made once
   * and kept with the data (in memory, one per start).
   */
  statusSecret?: string | undefined;
  /** Opens `/api/admin/*` (owed and failed fulfilments) to `Authorization: Bearer <adminToken>`. */
  adminToken?: string | undefined;
  /**
   * Express's `trust proxy`: which hops' `X-Forwarded-For` to believe when working out a client's
   * address (for the rate limits). Default `loopback`: a proxy on this host. See the README.
   */
  trustProxy?: boolean | number | string;
  /** New carts per client address (an IPv6 /64 counts as one) and window; default 30 a minute. */
  cartRateLimit?: { points: number; durationSeconds: number };
  /** The HTTP server's timeouts (`serverTimeouts`), e.g. shorter ones in tests. */
  timeouts?: Partial<ServerTimeouts>;
  /**
   * Connections and event streams the shop holds. Default: fitted to the process's open-file
   * limit (`connectionLimits`), at most 64 connections from one address.
   */
  connections?: Partial<ConnectionLimits>;
}

/** Storybook's dev server, whose live story drives the sandbox panel's routes (sandbox mode only). */
const STORYBOOK_DEV_ORIGINS = ['http://localhost:6006', 'http://127.0.0.1:6006'];

export interface Shop {
  /** The one URL to open. */
  url: string;
  /** The sandbox's URL in sandbox mode, else null. */
  sandboxUrl: string | null;
  /** Where orders and carts are kept, for the start-up message. */
  storage: string;
  /** The checkout router's handlers: reconcile, list and retry fulfilments. */
  checkout: CheckoutHandlers;
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

/**
 * Starts the example shop on one port: the payment routes at `/api/pay`, the shop's own API, and
 * the React front end. Without `gateway` it also starts an Aurpay sandbox in this process and a
 * development route to drive it. `storage` says where carts, orders and owed
 * fulfilments are kept; with PostgreSQL or Redis several instances share them.
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
  if (options.statusSecret !== undefined && options.statusSecret.length < 32) {
    throw new ShopConfigError('STATUS_SECRET (statusSecret) must be at least 32 characters.');
  }
  const app = express();
  app.disable('x-powered-by');
  try {
    // Behind a reverse proxy, client addresses (for the rate limits) come from X-Forwarded-For.
    app.set('trust proxy', options.trustProxy ?? 'loopback');
  } catch {
    throw new ShopConfigError(
      `TRUST_PROXY (trustProxy) must be a number of hops, true, false, or addresses and subnets, got "${options.trustProxy}".`,
    );
  }
  app.use(securityHeaders({ https: gateway?.publicUrl.startsWith('https:') ?? false, devFrontEnd: frontend === 'vite' }));
  const server = createServer(serverTimeouts(options.timeouts), app);
  // One client must not take the descriptors every other buyer, the sandbox and Aurpay's callbacks need.
  const limits = { ...connectionLimits(openFileLimit(), options.connections?.perAddress), ...options.connections };
  const trustProxy = app.get('trust proxy fn') as (address: string, hop: number) => boolean;
  limitConnections(server, limits, (address) => trustProxy(address, 0));
  const host = 'host' in options ? options.host : '127.0.0.1';
  const port = await listen(server, options.port ?? 3000, host);
  const closers: (() => Promise<void> | void)[] = [
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  ];
  const close = async () => {
    for (const closer of closers.splice(0).reverse()) await closer();
  };

  try {
    const storage = await openShopStorage(
      options.storage ?? (gateway ? { kind: 'sqlite', filename: DEFAULT_DATABASE_FILE } : { kind: 'memory' }),
      {
        statusSecret: options.statusSecret,
      },
    );
    closers.push(() => storage.close());
    const { carts, statusSecret } = storage;
    closers.push(sweepExpiredCarts(carts));
    const { points, durationSeconds } = options.cartRateLimit ?? { points: 30, durationSeconds: 60 };
    const cartLimiter = await rateLimiterFor(storage.limiterStore, { name: 'shop_carts', points, durationSeconds });
    const { sandbox, ...aurpay } = await connectAurpay({ gateway, sandbox: options.sandbox, shopPort: port });
    if (sandbox) closers.push(() => sandbox.close());

    const payments = shopCheckoutRouter({ ...aurpay, carts, shared: storage.checkout, statusSecret, maxStreams: limits.maxStreams });
    closers.push(() => payments.checkout.close());
    app.use('/api/pay', payments);
    if (options.adminToken !== undefined) app.use('/api/admin', adminRoutes(payments.checkout, options.adminToken));
    if (sandbox) app.use('/api/sandbox', sandboxRoutes(sandbox.url, STORYBOOK_DEV_ORIGINS));
    app.use('/api', shopRoutes({ carts, sandbox: sandbox !== null, cartLimiter }));
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
    // Pages are read, never posted to.
    const readOnly = methodNotAllowed('GET', 'HEAD');
    app.use((req, res, next) => {
      if (req.method !== 'GET' && req.method !== 'HEAD') return readOnly(req, res, next);
      res.status(404).json({ error: { code: 'not_found', message: 'No such page.' } });
    });
    app.use(jsonErrors);

    const shown = host === undefined || host === '127.0.0.1' || host === '0.0.0.0' ? 'localhost' : host;
    return {
      url: `http://${shown}:${port}`,
      sandboxUrl: sandbox?.url ?? null,
      storage: storage.description,
      checkout: payments.checkout,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
