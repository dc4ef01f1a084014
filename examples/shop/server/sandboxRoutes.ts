import express, { type Request, type Response, type Router } from 'express';
import { jsonBody } from './jsonBody.js';
import { methodNotAllowed } from './methodNotAllowed.js';
import { sameOriginOnly } from './sameOriginOnly.js';

const ORDER_ID = /^\d{1,32}$/;

/**
 * Development only, present only in sandbox mode: lets the page's sandbox panel pay (fully or in
 * part) or expire an order by forwarding to the sandbox's control API, which answers loopback only.
 * It answers JSON requests from the shop's own page only, and from `trustedOrigins` (Storybook's
 * dev server): a page on another site must not be able to pay an order with a form post.
 *
 * @example app.use('/api/sandbox', sandboxRoutes(sandbox.url, ['http://localhost:6006']));
 */
export function sandboxRoutes(sandboxUrl: string, trustedOrigins: readonly string[] = []): Router {
  const router = express.Router();
  const route = '/orders/:orderId/:action';
  router.post(route, sameOriginOnly(trustedOrigins), ...jsonBody('1kb'), async (req: Request<{ orderId: string; action: string }>, res: Response) => {
    const { orderId, action } = req.params;
    if (!ORDER_ID.test(orderId) || (action !== 'pay' && action !== 'expire')) {
      res.status(404).json({ error: { code: 'route_not_found', message: 'Use /orders/:orderId/pay or /expire.' } });
      return;
    }
    const amount = (req.body as { amount?: unknown } | undefined)?.amount;
    const upstream = await fetch(`${sandboxUrl}/_sandbox/orders/${orderId}/${action}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(typeof amount === 'string' ? { amount } : {}),
    }).catch(() => null);
    if (upstream === null || upstream.status >= 500) {
      res.status(502).json({ error: { code: 'sandbox_unavailable', message: 'The sandbox did not answer.' } });
      return;
    }
    res.status(upstream.status).type('application/json').send(await upstream.text());
  });
  router.all(route, methodNotAllowed('POST'));
  return router;
}
