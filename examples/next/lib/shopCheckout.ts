import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { startSandbox, type Sandbox } from '@aurpay-kit/sandbox';
import { AurpayClient, CheckoutHttpError, MemoryOrderStore, type CheckoutOptions } from '@aurpay-kit/server';
import { createCheckoutFetchHandler, type CheckoutFetchHandler } from '@aurpay-kit/server/fetch';
import { findProduct, SHOP_CURRENCY } from './catalogue';
import { forwardedClientAddress } from './forwardedClientAddress';
import { readShopSettings, type PaymentSettings, type StorageSettings } from './shopSettings';

/** The checkout this server process runs, and the sandbox it started (sandbox mode only). */
export interface ShopCheckout {
  handler: CheckoutFetchHandler;
  sandbox: Sandbox | null;
}

type Stores = Pick<CheckoutOptions, 'store' | 'events' | 'refreshLock' | 'rateLimitBackend'>;

/** The order store the settings ask for; the drivers are loaded only when used. */
async function openStores(storage: StorageSettings): Promise<Stores> {
  switch (storage.kind) {
    case 'memory':
      // Sandbox orders live in the sandbox's memory too: nothing is lost that could be paid.
      return { store: new MemoryOrderStore({ acceptDataLoss: true }) };
    case 'sqlite': {
      const { createSqliteStore } = await import('@aurpay-kit/server/sqlite');
      mkdirSync(dirname(storage.filename), { recursive: true });
      return { ...createSqliteStore({ filename: storage.filename }) };
    }
    case 'postgres': {
      const { createPostgresStore } = await import('@aurpay-kit/server/postgres');
      const postgres = createPostgresStore({ connectionString: storage.url });
      await postgres.ready();
      return { ...postgres };
    }
    case 'redis': {
      const { createRedisStore } = await import('@aurpay-kit/server/redis');
      const redis = createRedisStore({ url: storage.url });
      await redis.ready();
      return { ...redis };
    }
    default:
      return storage satisfies never;
  }
}

/** Aurpay with the shop's credentials, or a sandbox started here whose own credentials the client then uses. */
async function connect(payments: PaymentSettings): Promise<{
  client: AurpayClient;
  publicUrl: string;
  callback?: { token: string; secret: string };
  sandbox: Sandbox | null;
  orderTtlMs?: number;
}> {
  if (payments.mode === 'gateway') {
    return {
      client: new AurpayClient({
        ...(payments.baseUrl === null ? {} : { baseUrl: payments.baseUrl }),
        auth: { type: 'signature', apiToken: payments.apiToken, secretKey: payments.secretKey },
        ...(payments.lightning === null ? {} : { lightningAuth: payments.lightning }),
      }),
      publicUrl: `${payments.publicUrl}/api/pay`,
      ...(payments.callback === null ? {} : { callback: payments.callback }),
      sandbox: null,
    };
  }
  // Like Aurpay, the sandbox takes Lightning calls only with the BTCLN platform's own credentials.
  const sandbox = await startSandbox({
    port: payments.sandboxPort,
    quiet: true,
    requireLightningKey: true,
    orderTtlSeconds: payments.orderTtlSeconds,
  });
  const { apiToken, secretKey, lightningApiKey, callbackToken, callbackSecret } = sandbox.options;
  return {
    client: new AurpayClient({
      baseUrl: sandbox.url,
      auth: { type: 'signature', apiToken, secretKey },
      lightningAuth: { type: 'api-key', apiKey: lightningApiKey },
    }),
    // The sandbox calls back on loopback, straight to this server.
    publicUrl: `http://127.0.0.1:${payments.shopPort}/api/pay`,
    callback: { token: callbackToken, secret: callbackSecret },
    sandbox,
    orderTtlMs: payments.orderTtlSeconds * 1000,
  };
}

async function startShopCheckout(): Promise<ShopCheckout> {
  const settings = readShopSettings(process.env);
  const [stores, aurpay] = await Promise.all([openStores(settings.storage), connect(settings.payments)]);
  // Stable across restarts and instances without another setting: derived from the API secret.
  const statusSecret =
    settings.statusSecret ??
    (settings.payments.mode === 'gateway'
      ? createHmac('sha256', settings.payments.secretKey).update('aurpay-kit status tokens').digest('hex')
      : randomBytes(32).toString('hex'));
  const handler = createCheckoutFetchHandler({
    ...stores,
    client: aurpay.client,
    publicUrl: aurpay.publicUrl,
    callback: aurpay.callback,
    statusSecret,
    ...(aurpay.orderTtlMs === undefined ? {} : { orderTtlMs: aurpay.orderTtlMs }),
    clientAddress: (request) => forwardedClientAddress(request, settings.trustedProxies),
    // The browser names a product; the price is the catalogue's, whatever else the body says.
    priceFor: (_request, body) => {
      const product = findProduct(body.productId);
      if (product === undefined) throw new CheckoutHttpError(404, 'product_not_found', 'This product is not for sale here.');
      return { amount: product.price, currency: SHOP_CURRENCY, metadata: { productId: product.id } };
    },
    // Fulfil here, once the gateway confirmed the payment, never in the browser's onSuccess.
    // It runs at least once: a real shop records the shipment keyed by the order id.
    onPaid: (order) => {
      process.stdout.write(
        `Order ${order.orderId} paid (${order.paidAmount} ${order.currency}): ship ${order.metadata.productId ?? '?'}.\n`,
      );
    },
  });
  if (aurpay.sandbox !== null) process.stdout.write(`Aurpay sandbox for the shop at ${aurpay.sandbox.url}\n`);
  return { handler, sandbox: aurpay.sandbox };
}

// One checkout per server process, wherever Next.js loads this module from (the route's bundle,
// instrumentation's): module state is not shared between them, globalThis is.
const KEY = Symbol.for('aurpay-kit.example-next.checkout');
const holder = globalThis as { [KEY]?: Promise<ShopCheckout> };

/**
 * The shop's checkout, started on first use: the sandbox (or the gateway connection), the order
 * store and the fetch handler. A start that failed is tried again on the next call.
 *
 * @example const { handler } = await shopCheckout(); return handler(request);
 */
export function shopCheckout(): Promise<ShopCheckout> {
  holder[KEY] ??= startShopCheckout().catch((error: unknown) => {
    delete holder[KEY];
    throw error;
  });
  return holder[KEY];
}
