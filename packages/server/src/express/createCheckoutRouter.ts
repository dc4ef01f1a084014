import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import { CheckoutHttpError } from '../checkout/checkoutHttpError.js';
import { createCheckoutHandlers, type CheckoutHandlers } from '../checkout/checkoutHandlers.js';
import type { CheckoutOptions, CreateOrderBody, PriceQuote } from '../checkout/checkoutOptions.js';
import { CHECKOUT_BODY_LIMIT_BYTES, type CheckoutResponse, type EventSink } from '../checkout/checkoutRequest.js';
import { errorResponse } from '../checkout/checkoutResponses.js';

export interface ExpressCheckoutOptions extends Omit<CheckoutOptions, 'priceFor'> {
  /** Decides what the buyer pays, from the Express request (session, user, cart) and the body. */
  priceFor(req: Request, body: CreateOrderBody): PriceQuote | Promise<PriceQuote>;
}

/** The router, with the handlers behind it (`activeWatchers()`, `close()`…). */
export type CheckoutRouter = Router & { checkout: CheckoutHandlers };

// Written directly rather than through res.json: these answers are never cached (no-store), so
// the ETag that res.send would hash for every status poll buys nothing.
function send(res: Response, answer: CheckoutResponse): void {
  res.status(answer.status).set(answer.headers).type('application/json').end(JSON.stringify(answer.body));
}

function eventSink(res: Response): EventSink {
  return {
    open(headers) {
      res.status(200).set(headers);
      res.flushHeaders();
    },
    write: (chunk) => void res.write(chunk),
    end: () => void res.end(),
    onClose: (listener) => void res.on('close', listener),
  };
}

/** Body-parser failures as JSON: malformed JSON 400, too large 413, the rest by their own status. */
const bodyErrors: ErrorRequestHandler = (error: { type?: unknown; status?: unknown }, _req, res, _next) => {
  const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
  const answer =
    error?.type === 'entity.too.large'
      ? new CheckoutHttpError(413, 'body_too_large', `The body is larger than ${CHECKOUT_BODY_LIMIT_BYTES / 1024} kB.`)
      : error?.type === 'entity.parse.failed'
        ? new CheckoutHttpError(400, 'body_malformed', 'The body is not valid JSON.')
        : status < 500
          ? new CheckoutHttpError(status, 'body_invalid', 'The request body could not be read.')
          : new CheckoutHttpError(500, 'internal_error', 'Something went wrong on the server.');
  if (res.headersSent) res.destroy();
  else send(res, errorResponse(answer));
};

/**
 * The checkout routes as an Express 5 router: mount it where `publicUrl` points.
 *
 * @example
 * app.use('/api/pay', createCheckoutRouter({
 *   client, publicUrl: 'https://shop.example/api/pay', statusSecret, callback: { token, secret },
 *   priceFor: async (req, body) => ({ amount: await cartTotal(body.cartId), currency: 'USD' }),
 *   onPaid: (order) => fulfil(order.metadata.cartId),
 * }));
 */
export function createCheckoutRouter(options: ExpressCheckoutOptions): CheckoutRouter {
  const handlers = createCheckoutHandlers({ ...options, priceFor: (req, body) => options.priceFor(req.native as Request, body) });
  const router = express.Router();
  const parseJson = express.json({ limit: CHECKOUT_BODY_LIMIT_BYTES, type: ['application/json', 'application/*+json'] });
  // Only order creation reads a body. A callback's body is never read, so no size, charset or
  // shape of it can refuse a genuine callback; status polls and event streams skip it too.
  router.use((req, res, next) => (req.method === 'POST' && /^\/orders\/?(\?|$)/.test(req.url) ? parseJson(req, res, next) : next()));
  router.use((req, res, next) => {
    const request = { method: req.method, url: req.url, headers: req.headers, body: req.body as unknown, clientId: req.ip ?? req.socket.remoteAddress, native: req };
    handlers.handle(request, eventSink(res)).then((answer) => answer && send(res, answer), next);
  });
  router.use(bodyErrors);
  return Object.assign(router, { checkout: handlers });
}
