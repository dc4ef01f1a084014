import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { CheckoutHttpError } from '../checkout/http/checkoutHttpError.js';
import { createCheckoutHandlers, type CheckoutHandlers } from '../checkout/checkoutHandlers.js';
import type { CheckoutOptions, CreateOrderBody, PriceQuote } from '../checkout/checkoutOptions.js';
import { CHECKOUT_BODY_LIMIT_BYTES, type CheckoutResponse, type EventSink } from '../checkout/http/checkoutRequest.js';
import { errorResponse } from '../checkout/http/checkoutResponses.js';
import { ORDER_BODY_TYPES, orderBodyErrors } from '../checkout/http/orderBodyErrors.js';
import { clientAddress } from './clientAddress.js';
import { CHECKOUT_SERVER_TIMEOUTS, tightenServerTimeouts, type ServerTimeouts } from './serverTimeouts.js';

export interface ExpressCheckoutOptions extends Omit<CheckoutOptions, 'priceFor'> {
  /** Decides what the buyer pays, from the Express request (session, user, cart) and the body. */
  priceFor(req: Request, body: CreateOrderBody): PriceQuote | Promise<PriceQuote>;
  /**
   * Set on the http server the router is served from, where it still has Node's defaults:
   * `headersTimeout` and `requestTimeout` (which never limit a response, so event streams live
   * on). Default `{ headersTimeoutMs: 10000, requestTimeoutMs: 30000 }`; `false` leaves the server alone.
   */
  serverTimeouts?: Partial<ServerTimeouts> | false;
}

/** The routes as one Express middleware, with the handlers behind it (`reconcile()`, `close()`…). */
export type CheckoutRouter = RequestHandler & { checkout: CheckoutHandlers };

// Written with Node's own writeHead rather than res.json: these answers are never cached
// (no-store), so the ETag res.send would hash for every status poll buys nothing, nor do Express's
// header helpers.
function send(res: Response, answer: CheckoutResponse): void {
  const text = answer.bodyText ?? JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...answer.headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
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

const JSON_TYPES = [...ORDER_BODY_TYPES];

/** Whether a request says it carries a body (a length above zero, or chunks). */
function hasBody(req: Request): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0')
  );
}

/** Body-parser failures as JSON: malformed JSON 400, too large 413, the rest by their own status. */
function bodyError(error: { type?: unknown; status?: unknown }): CheckoutHttpError {
  const status = typeof error?.status === 'number' && error.status >= 400 && error.status < 500 ? error.status : 500;
  if (error?.type === 'entity.too.large') return orderBodyErrors.tooLarge();
  if (error?.type === 'entity.parse.failed') return orderBodyErrors.malformed();
  if (error?.type === 'charset.unsupported' || error?.type === 'encoding.unsupported') return orderBodyErrors.notUtf8();
  if (status < 500) return orderBodyErrors.unreadable(status);
  return new CheckoutHttpError(500, 'internal_error', 'Something went wrong on the server.');
}

/**
 * The checkout routes as one Express middleware (Express 4 or 5): mount it where `publicUrl` points.
 *
 * @example
 * app.use('/api/pay', createCheckoutRouter({
 *   client, publicUrl: 'https://shop.example/api/pay', statusSecret, callback: { token, secret },
 *   priceFor: async (req, body) => ({ amount: await cartTotal(body.cartId), currency: 'USD' }),
 *   onPaid: (order) => fulfil(order.metadata.cartId),
 * }));
 */
export function createCheckoutRouter(options: ExpressCheckoutOptions): CheckoutRouter {
  const { serverTimeouts, ...checkoutOptions } = options;
  const handlers = createCheckoutHandlers({ ...checkoutOptions, priceFor: (req, body) => options.priceFor(req.native as Request, body) });
  const timeouts = serverTimeouts === false ? null : { ...CHECKOUT_SERVER_TIMEOUTS, ...serverTimeouts };
  const parseJson = express.json({ limit: CHECKOUT_BODY_LIMIT_BYTES, type: JSON_TYPES });
  const serve = (req: Request, res: Response, next: NextFunction): void => {
    const request = {
      method: req.method,
      url: req.url,
      headers: req.headers,
      body: req.body as unknown,
      // Read only by order creation: working out req.ip behind proxies costs every poll otherwise.
      get clientId() {
        return clientAddress(req);
      },
      native: req,
    };
    handlers.handle(request, eventSink(res)).then((answer) => answer && send(res, answer), next);
  };
  // One middleware rather than a Router of several: a status poll goes through no other layer.
  const middleware: RequestHandler = (req, res, next) => {
    if (timeouts !== null) tightenServerTimeouts((req.socket as { server?: Server }).server, timeouts);
    // Only order creation reads a body. A callback's body is never read, so no size, charset or
    // shape of it can refuse a genuine callback; status polls and event streams skip it too.
    if (req.method !== 'POST' || !/^\/orders\/?(\?|$)/.test(req.url)) return serve(req, res, next);
    if (hasBody(req) && req.is(JSON_TYPES) === false) {
      send(res, errorResponse(orderBodyErrors.notJson()));
      return;
    }
    parseJson(req, res, (error?: unknown) => {
      if (error === undefined || error === null) return serve(req, res, next);
      if (res.headersSent) res.destroy();
      else send(res, errorResponse(bodyError(error as { type?: unknown; status?: unknown })));
    });
  };
  return Object.assign(middleware, { checkout: handlers });
}
