import type { CheckoutError } from './checkoutMachine.js';

/**
 * The `{ error: { code, message } }` a checkout router answers a failed request with. A body
 * without it (a proxy's HTML page, say) still gives a code and a message, from the HTTP status.
 *
 * @example
 * readErrorBody({ error: { code: 'status_token_invalid', message: 'No' } }, 401) // { code: 'status_token_invalid', message: 'No' }
 * readErrorBody(null, 502) // { code: 'http_502', message: 'HTTP 502' }
 */
export function readErrorBody(body: unknown, httpStatus: number): CheckoutError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return {
    code: typeof error?.code === 'string' ? error.code : `http_${httpStatus}`,
    message: typeof error?.message === 'string' ? error.message : `HTTP ${httpStatus}`,
  };
}
