import express, { type Router } from 'express';

const ORDER_ID = /^\d{1,32}$/;

/**
 * Development only, present only in sandbox mode: lets the page's sandbox panel pay (fully or in
 * part) or expire an order by forwarding to the sandbox's control API, which answers loopback only.
 */
export function sandboxRoutes(sandboxUrl: string): Router {
  const router = express.Router();
  router.use(express.json({ limit: '1kb' }));
  router.post('/orders/:orderId/:action', async (req, res) => {
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
    });
    res.status(upstream.status).type('application/json').send(await upstream.text());
  });
  return router;
}
