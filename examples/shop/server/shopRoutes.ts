import express, { type Router } from 'express';
import { CartError } from './cartError.js';
import type { CartStore } from './cartStore.js';
import { CATALOG, SHOP_CURRENCY } from './catalog.js';

/** The shop's own API under `/api`: the catalogue, carts, and what the page needs to know. */
export function shopRoutes({ carts, sandbox }: { carts: CartStore; sandbox: boolean }): Router {
  const router = express.Router();
  router.use(express.json({ limit: '16kb' }));

  router.get('/config', (_req, res) => {
    res.json({ currency: SHOP_CURRENCY, sandbox });
  });

  router.get('/products', (_req, res) => {
    res.json(CATALOG);
  });

  // Express 5 hands a rejected handler to the error handler: an unreachable store answers 503 there.
  router.post('/carts', async (req, res) => {
    try {
      res.status(201).json(await carts.create((req.body as { items?: unknown } | undefined)?.items));
    } catch (error) {
      if (!(error instanceof CartError)) throw error;
      res.status(400).json({ error: { code: 'cart_invalid', message: error.message } });
    }
  });

  // The cart id is a random UUID that only the buyer's browser knows: it doubles as the receipt link.
  router.get('/carts/:cartId', async (req, res) => {
    const cart = await carts.get(req.params.cartId);
    if (cart) res.json(cart);
    else res.status(404).json({ error: { code: 'cart_not_found', message: 'This cart does not exist.' } });
  });

  return router;
}
