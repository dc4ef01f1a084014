import { clientKey, StoreUnavailableError } from '@aurpay-kit/server';
import { clientAddress } from '@aurpay-kit/server/express';
import express, { type Router } from 'express';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { CartError } from './cartError.js';
import type { CartStore } from './cartStore.js';
import { CATALOG, SHOP_CURRENCY } from './catalog.js';
import { jsonBody } from './jsonBody.js';
import { methodNotAllowed } from './methodNotAllowed.js';
import { priceCart } from './priceCart.js';

export interface ShopRoutesOptions {
  carts: CartStore;
  sandbox: boolean;
  /** Counts cart creations per client address (the kit's `clientKey` of `clientAddress(req)`: IPv6 grouped by /64). */
  cartLimiter: RateLimiterAbstract;
}

/** Counts one cart for `key`: null when allowed, else the seconds until the next is. */
async function takeCart(limiter: RateLimiterAbstract, key: string): Promise<number | null> {
  try {
    await limiter.consume(key);
    return null;
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) return Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
    // Where the limit is counted cannot be reached: refuse (503) rather than let every cart through.
    throw new StoreUnavailableError('The cart rate limit could not be counted.', { cause: outcome });
  }
}

/** The shop's own API under `/api`: the catalogue, carts, and what the page needs to know. */
export function shopRoutes({ carts, sandbox, cartLimiter }: ShopRoutesOptions): Router {
  const router = express.Router();

  router.get('/config', (_req, res) => {
    res.json({ currency: SHOP_CURRENCY, sandbox });
  });
  router.all('/config', methodNotAllowed('GET', 'HEAD'));

  router.get('/products', (_req, res) => {
    res.json(CATALOG);
  });
  router.all('/products', methodNotAllowed('GET', 'HEAD'));

  // Express 5 hands a rejected handler to the error handler: an unreachable store answers 503 there.
  router.post('/carts', ...jsonBody('16kb'), async (req, res) => {
    const items = (req.body as { items?: unknown } | undefined)?.items;
    try {
      priceCart(items);
    } catch (error) {
      if (!(error instanceof CartError)) throw error;
      res.status(400).json({ error: { code: 'cart_invalid', message: error.message } });
      return;
    }
    // Counted once the cart is known good, so refused ones cost no one behind the same address anything.
    const retryAfter = await takeCart(cartLimiter, clientKey(clientAddress(req)));
    if (retryAfter !== null) {
      res.status(429).set('Retry-After', String(retryAfter));
      res.json({ error: { code: 'too_many_carts', message: `Too many new carts from your address: try again in ${retryAfter} s.` } });
      return;
    }
    res.status(201).json(await carts.create(items));
  });
  router.all('/carts', methodNotAllowed('POST'));

  // The cart id is a random UUID that only the buyer's browser knows: it doubles as the receipt link.
  router.get('/carts/:cartId', async (req, res) => {
    const cart = await carts.get(req.params.cartId);
    if (cart) res.json(cart);
    else res.status(404).json({ error: { code: 'cart_not_found', message: 'This cart does not exist.' } });
  });
  router.all('/carts/:cartId', methodNotAllowed('GET', 'HEAD'));

  return router;
}
