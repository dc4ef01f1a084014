import { AurpayKitError } from '@aurpay-kit/core';
import {
  CheckoutHttpError,
  createCheckoutHandlers,
  type CheckoutHandlers,
  type CheckoutOptions,
  type CheckoutRequest,
  type CheckoutResponse,
  type CreateOrderBody,
  type PriceQuote,
} from '../checkout/index.js';
import { platformClientAddress } from './platformClientAddress.js';
import { readOrderBody } from './readOrderBody.js';
import { streamedEventSink } from './streamedEventSink.js';

export interface FetchCheckoutOptions<Platform = unknown> extends Omit<CheckoutOptions, 'priceFor'> {
  /** Decides what the buyer pays, from the WHATWG `Request` (cookies, session, user) and the body. */
  priceFor(request: Request, body: CreateOrderBody): PriceQuote | Promise<PriceQuote>;
  /**
   * The buyer's address: the key of the order-creation rate limit and the event-stream caps.
   * `platform` is what the runtime passed the handler beside the request (Deno's `info`, Bun's
   * `server`, or what you pass yourself, such as Hono's context). Take it from the platform, never
   * from a header a client can write: `X-Forwarded-For` and `X-Real-IP` only when a proxy you run
   * sets or overwrites them (trust the entry your own proxy appended, not the first one).
   *
   * Default: the connection's address under `Deno.serve` and `Bun.serve`; elsewhere (Next.js,
   * Node adapters) none, so every buyer shares one limit, and the first such request is reported
   * to `onError` once.
   */
  clientAddress?(request: Request, platform: Platform | undefined): string | null | undefined;
}

/**
 * A fetch handler answering every checkout route, with the handlers behind it (`reconcile()`,
 * `close()`, `fulfilments`…) as `.checkout`.
 */
export type CheckoutFetchHandler<Platform = unknown> = ((request: Request, platform?: Platform) => Promise<Response>) & {
  checkout: CheckoutHandlers;
};

const EVENTS_PATH = /^\/orders\/[^/]+\/events\/?$/;
const ORDERS_PATH = /^\/orders\/?$/;

function jsonAnswer(answer: CheckoutResponse): Response {
  return new Response(answer.bodyText ?? JSON.stringify(answer.body), {
    status: answer.status,
    headers: { ...answer.headers, 'Content-Type': 'application/json; charset=utf-8' },
  });
}

function errorAnswer(error: CheckoutHttpError): Response {
  return jsonAnswer({ status: error.status, headers: { 'Cache-Control': 'no-store', ...error.headers }, body: error.toBody() });
}

/** The mount point's path, from `publicUrl`, without a trailing slash: `/api/pay`. */
function mountPath(publicUrl: string): string {
  return new URL(publicUrl).pathname.replace(/\/+$/, '');
}

/**
 * The checkout routes as one fetch handler, `(request: Request) => Promise<Response>`, for
 * anything that speaks the Fetch API's `Request` and `Response`: Next.js route handlers, Hono,
 * Bun, Deno, Cloudflare-style servers. It answers the paths under `publicUrl`'s path (with
 * `publicUrl: 'https://shop.example/api/pay'`, `/api/pay/orders`…; the host is not compared) and
 * a JSON 404 elsewhere; event streams are streamed `Response`s, released when the client goes away.
 *
 * @example
 * // app/api/pay/[...path]/route.ts in Next.js: export { checkout as GET, checkout as POST }
 * export const checkout = createCheckoutFetchHandler({
 *   client, publicUrl: 'https://shop.example/api/pay', statusSecret, callback: { token, secret },
 *   priceFor: async (request, body) => ({ amount: await cartTotal(body.cartId), currency: 'USD' }),
 *   clientAddress: (request) => request.headers.get('x-real-ip'), // set by your proxy
 *   onPaid: (order) => fulfil(order.metadata.cartId),
 * });
 */
export function createCheckoutFetchHandler<Platform = unknown>(options: FetchCheckoutOptions<Platform>): CheckoutFetchHandler<Platform> {
  const { clientAddress, ...checkoutOptions } = options;
  const handlers = createCheckoutHandlers({ ...checkoutOptions, priceFor: (req, body) => options.priceFor(req.native as Request, body) });
  const mount = mountPath(options.publicUrl);
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  let addressReported = false;

  const addressOf = (request: Request, platform: Platform | undefined): string | undefined => {
    const found = clientAddress === undefined ? platformClientAddress(request, platform) : clientAddress(request, platform);
    if (typeof found === 'string' && found !== '') return found;
    if (!addressReported) {
      addressReported = true;
      const source =
        clientAddress === undefined
          ? 'No clientAddress option is set and the runtime passed no address'
          : 'clientAddress returned no address';
      onError(
        new AurpayKitError(
          'client_address_missing',
          `${source} for a request, so every buyer without one shares one order-creation rate limit and one set of ` +
            'event-stream slots. Give clientAddress an address from the platform or from your own proxy (README: "The fetch handler").',
        ),
        { where: 'client address' },
      );
    }
    return undefined;
  };

  const serve = async (request: Request, platform: Platform | undefined): Promise<Response> => {
    const url = new URL(request.url);
    const inside = url.pathname === mount || url.pathname.startsWith(`${mount}/`);
    if (!inside) return errorAnswer(new CheckoutHttpError(404, 'route_not_found', 'No checkout route here.'));
    const path = url.pathname.slice(mount.length) || '/';
    // Only order creation reads a body: a callback's is never read, so nothing in it can refuse one.
    const body = request.method === 'POST' && ORDERS_PATH.test(path) ? await readOrderBody(request) : undefined;
    let address: { value: string | undefined } | null = null;
    const checkoutRequest: CheckoutRequest = {
      method: request.method,
      url: path + url.search,
      headers: Object.fromEntries(request.headers),
      body,
      // Read only by order creation and event streams; status polls never work it out.
      get clientId() {
        address ??= { value: addressOf(request, platform) };
        return address.value;
      },
      native: request,
    };
    const stream = request.method === 'GET' && EVENTS_PATH.test(path) ? streamedEventSink(request.signal) : null;
    const answer = await handlers.handle(checkoutRequest, stream?.sink);
    if (answer !== null) {
      stream?.abandon();
      return jsonAnswer(answer);
    }
    return (
      stream?.response() ??
      errorAnswer(new CheckoutHttpError(499, 'client_closed_request', 'The client went away before the stream opened.'))
    );
  };

  const handler = async (request: Request, platform?: Platform): Promise<Response> => {
    try {
      return await serve(request, platform);
    } catch (thrown) {
      if (thrown instanceof CheckoutHttpError) return errorAnswer(thrown);
      onError(thrown, { where: 'checkout fetch handler' });
      return errorAnswer(new CheckoutHttpError(500, 'internal_error', 'Something went wrong on the server.'));
    }
  };
  return Object.assign(handler, { checkout: handlers });
}
