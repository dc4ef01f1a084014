import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import express from 'express';
import { Hono, type Context } from 'hono';
import type { CheckoutHandlers, CheckoutOptions, CreateOrderBody, PriceQuote } from '../src/checkout/index.js';
import { createCheckoutRouter } from '../src/express/createCheckoutRouter.js';
import { createCheckoutFetchHandler, type CheckoutFetchHandler } from '../src/fetch/createCheckoutFetchHandler.js';

/** The two ways the checkout is served: the Express router, and the fetch handler (here behind Hono on Node). */
export const CHECKOUT_ADAPTERS = ['express', 'fetch'] as const;
export type CheckoutAdapter = (typeof CHECKOUT_ADAPTERS)[number];

/** The checkout's options, with `priceFor` taking whichever request the adapter has. */
export type AnyAdapterOptions = Omit<CheckoutOptions, 'priceFor'> & {
  priceFor: (request: unknown, body: CreateOrderBody) => PriceQuote | Promise<PriceQuote>;
};

export interface ServedCheckout {
  /** `http://127.0.0.1:<port><mountPath>`. */
  publicUrl: string;
  router: { checkout: CheckoutHandlers };
  server: Server;
  /** Closes the server and every connection on it (not the handlers). */
  close(): Promise<void>;
}

export interface ServeCheckoutOptions {
  mountPath: string;
  /** The options, once the port (and so `publicUrl`) is known. */
  options: (publicUrl: string) => AnyAdapterOptions;
  /** Answers the sandbox's own callbacks 503 before they reach the checkout. */
  refuseSandboxCallbacks?: boolean;
}

const fromSandbox = (userAgent: string | undefined) => userAgent === 'aurpay-sandbox';

/** The Express router on an Express app, as the README mounts it. */
function expressServer(refuse: boolean, mount: (app: express.Express) => void): Server {
  const app = express();
  if (refuse) app.use((req, res, next) => (fromSandbox(req.get('user-agent')) ? void res.status(503).end() : next()));
  mount(app);
  return createServer(app);
}

/**
 * The fetch handler behind a Hono app on `@hono/node-server`, with the connection's address as
 * the client address (Hono's `getConnInfo`), as the README's Hono snippet has it.
 */
function fetchServer(mountPath: string, refuse: boolean, handler: () => CheckoutFetchHandler<Context>): Server {
  const app = new Hono();
  if (refuse) app.use('*', async (c, next) => (fromSandbox(c.req.header('user-agent')) ? c.body(null, 503) : next()));
  app.all(mountPath, (c) => handler()(c.req.raw, c));
  app.all(`${mountPath}/*`, (c) => handler()(c.req.raw, c));
  // The Request and Response of Node's own fetch, not the adapter's lighter stand-ins.
  return createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false }) as Server;
}

/**
 * Serves the checkout on 127.0.0.1 at `mountPath` with one adapter or the other, so one scenario
 * runs against both: `describe.each(CHECKOUT_ADAPTERS)`.
 *
 * @example const served = await serveCheckout('fetch', { mountPath: '/api/pay', options: (publicUrl) => ({ ...base, publicUrl }) });
 */
export async function serveCheckout(
  adapter: CheckoutAdapter,
  { mountPath, options, refuseSandboxCallbacks = false }: ServeCheckoutOptions,
): Promise<ServedCheckout> {
  let fetchHandler: CheckoutFetchHandler<Context> | null = null;
  let expressRouter: express.RequestHandler | null = null;
  const server =
    adapter === 'express'
      ? expressServer(refuseSandboxCallbacks, (app) => app.use(mountPath, (req, res, next) => expressRouter!(req, res, next)))
      : fetchServer(mountPath, refuseSandboxCallbacks, () => fetchHandler!);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${mountPath}`;
  const resolved = options(publicUrl);
  let router: { checkout: CheckoutHandlers };
  if (adapter === 'express') {
    expressRouter = router = createCheckoutRouter(resolved);
  } else {
    fetchHandler = router = createCheckoutFetchHandler<Context>({
      ...resolved,
      clientAddress: (_request, c) => (c === undefined ? undefined : getConnInfo(c).remote.address),
    });
  }
  return {
    publicUrl,
    router,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
