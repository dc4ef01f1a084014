import { StoreUnavailableError } from '@aurpay-kit/server';
import type { ErrorRequestHandler } from 'express';

/**
 * The shop's last error handler, answering JSON: an unreachable cart store 503 `store_unavailable`
 * (as the checkout routes do; the lost connection is logged once, not per request), anything else
 * 500, logged.
 *
 * @example app.use(jsonErrors);
 */
export const jsonErrors: ErrorRequestHandler = (error: unknown, _req, res, _next) => {
  const unavailable = error instanceof StoreUnavailableError;
  if (!unavailable) console.error(error);
  if (res.headersSent) res.destroy();
  else if (unavailable) {
    res.status(503).set('Retry-After', '1');
    res.json({ error: { code: 'store_unavailable', message: 'The shop cannot reach its store. Please try again shortly.' } });
  } else res.status(500).json({ error: { code: 'internal_error', message: 'Something went wrong in the shop.' } });
};
