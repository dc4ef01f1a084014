import express, { type Request, type Response, type Router } from 'express';
import { jsonBody } from './jsonBody.js';
import { methodNotAllowed } from './methodNotAllowed.js';
import { sameOriginOnly } from './sameOriginOnly.js';

const ORDER_ID = /^\d{1,32}$/;
const ACTIONS = new Set(['pay', 'detect', 'expire']);

/**
 * Development only, present only in sandbox mode: lets the page's sandbox panel detect a payment
 * on its way (with its confirmations), pay (in part, in full or too much) or expire an order by
 * forwarding to the sandbox's control API, which answers loopback only.
 * It answers JSON requests from the shop's own page only, and from `trustedOrigins` (Storybook's
 * dev server): a page on another site must not be able to pay an order with a form post.
 *
 * @example app.use('/api/sandbox', sandboxRoutes(sandbox.url, ['http://localhost:6006']));
 */
export function sandboxRoutes(sandboxUrl: string, trustedOrigins: readonly string[] = []): Router {
  const router = express.Router();
  const route = '/orders/:orderId/:action';
  router.post(
    route,
    sameOriginOnly(trustedOrigins),
    ...jsonBody('1kb'),
    async (req: Request<{ orderId: string; action: string }>, res: Response) => {
      const { orderId, action } = req.params;
      if (!ORDER_ID.test(orderId) || !ACTIONS.has(action)) {
        res.status(404).json({ error: { code: 'route_not_found', message: 'Use /orders/:orderId/pay, /detect or /expire.' } });
        return;
      }
      // Only what each action takes is passed on: an amount to pay, confirmations for a detection.
      const { amount, confirmations } = (req.body ?? {}) as { amount?: unknown; confirmations?: unknown };
      const forwarded =
        action === 'pay' && typeof amount === 'string'
          ? { amount }
          : action === 'detect' && typeof confirmations === 'number'
            ? { confirmations }
            : {};
      const upstream = await fetch(`${sandboxUrl}/_sandbox/orders/${orderId}/${action}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(forwarded),
      }).catch(() => null);
      if (upstream === null || upstream.status >= 500) {
        res.status(502).json({ error: { code: 'sandbox_unavailable', message: 'The sandbox did not answer.' } });
        return;
      }
      // The sandbox answers a refusal as Aurpay does, `result: false` with a message, often with
      // HTTP 200: the page gets it as an error it can show.
      const answer = (await upstream.json().catch(() => null)) as { result?: unknown; message?: unknown } | null;
      if (answer === null || answer.result === false) {
        const message = typeof answer?.message === 'string' ? answer.message : 'The sandbox refused.';
        res.status(upstream.status >= 400 ? upstream.status : 409).json({ error: { code: 'sandbox_refused', message } });
        return;
      }
      res.status(upstream.status).json(answer);
    },
  );
  router.all(route, methodNotAllowed('POST'));
  return router;
}
