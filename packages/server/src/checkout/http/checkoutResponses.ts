import type { CheckoutHttpError } from './checkoutHttpError.js';
import type { CheckoutResponse } from './checkoutRequest.js';

const NO_STORE = { 'Cache-Control': 'no-store' };

/**
 * A JSON answer that no cache keeps.
 *
 * @example jsonResponse(201, view)
 */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): CheckoutResponse {
  return { status, headers: { ...NO_STORE, ...headers }, body };
}

/**
 * A JSON answer whose body is serialised already: adapters send `bodyText` as it is, and `body`
 * parses it only when something reads it.
 *
 * @example jsonTextResponse(200, cache.viewText(order, render))
 */
export function jsonTextResponse(status: number, bodyText: string, headers: Record<string, string> = {}): CheckoutResponse {
  return {
    status,
    headers: { ...NO_STORE, ...headers },
    bodyText,
    get body(): unknown {
      return JSON.parse(bodyText);
    },
  };
}

/** The answer for a `CheckoutHttpError`: its status, headers and `{ error: { code, message } }`. */
export function errorResponse(error: CheckoutHttpError): CheckoutResponse {
  return jsonResponse(error.status, error.toBody(), { ...error.headers });
}
