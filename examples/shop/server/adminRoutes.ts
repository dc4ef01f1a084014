import { timingSafeEqual } from 'node:crypto';
import type { CheckoutHandlers } from '@aurpay-kit/server';
import express, { type Router } from 'express';
import { methodNotAllowed } from './methodNotAllowed.js';

const STATES = ['owed', 'failed', 'done'] as const;
const OUTCOMES = ['paid', 'expired'] as const;
const ORDER_ID = /^[A-Za-z0-9_-]{1,64}$/;

function authorised(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The shop operator's view of fulfilments, behind `Authorization: Bearer <ADMIN_TOKEN>`:
 * `GET /fulfilments?state=failed` lists them (owed, failed or done), and
 * `POST /fulfilments/:orderId/:outcome/retry` runs one again now. `scripts/fulfilments.ts` calls these.
 *
 * @example app.use('/api/admin', adminRoutes(payments.checkout, process.env.ADMIN_TOKEN!));
 */
export function adminRoutes(checkout: CheckoutHandlers, token: string): Router {
  const router = express.Router();
  router.use((req, res, next) => {
    if (authorised(req.get('authorization'), token)) return next();
    res
      .status(401)
      .set('WWW-Authenticate', 'Bearer')
      .json({ error: { code: 'unauthorized', message: 'Send Authorization: Bearer <ADMIN_TOKEN>.' } });
  });
  router.get('/fulfilments', async (req, res) => {
    const state = typeof req.query.state === 'string' ? req.query.state : 'failed';
    if (!(STATES as readonly string[]).includes(state)) {
      res.status(400).json({ error: { code: 'state_invalid', message: `state must be one of ${STATES.join(', ')}.` } });
      return;
    }
    res.json(await checkout.fulfilments.list(state as (typeof STATES)[number], 500));
  });
  router.all('/fulfilments', methodNotAllowed('GET', 'HEAD'));
  router.post('/fulfilments/:orderId/:outcome/retry', async (req, res) => {
    const { orderId, outcome } = req.params;
    if (!ORDER_ID.test(orderId) || !(OUTCOMES as readonly string[]).includes(outcome)) {
      res.status(404).json({ error: { code: 'route_not_found', message: 'Use /fulfilments/:orderId/paid/retry or /expired/retry.' } });
      return;
    }
    const record = await checkout.fulfilments.retry(orderId, outcome as (typeof OUTCOMES)[number]);
    if (record === null)
      res.status(404).json({ error: { code: 'fulfilment_not_found', message: 'No owed or failed fulfilment for this order.' } });
    else res.json(record);
  });
  router.all('/fulfilments/:orderId/:outcome/retry', methodNotAllowed('POST'));
  return router;
}
