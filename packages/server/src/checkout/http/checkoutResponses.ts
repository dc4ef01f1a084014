import type { CheckoutHttpError } from './checkoutHttpError.js';
import type { CheckoutResponse, HeaderValue } from './checkoutRequest.js';

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

/**
 * One header's value, matched case-insensitively. `null` when absent; `undefined` when it was sent
 * more than once, which no checkout header allows.
 */
export function headerValue(headers: Readonly<Record<string, HeaderValue>>, name: string): string | null | undefined {
  const wanted = name.toLowerCase();
  let found: HeaderValue;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (found !== undefined) return undefined;
    found = value;
  }
  if (found === undefined) return null;
  if (Array.isArray(found)) return found.length === 1 && typeof found[0] === 'string' ? found[0] : undefined;
  return typeof found === 'string' ? found : undefined;
}
