import { AurpayKitError } from './errors.js';
import { readErrorBody } from './readErrorBody.js';

/** A request to the checkout router that failed; `httpStatus` is 0 when no answer was read. */
export class RequestError extends AurpayKitError {
  constructor(
    code: string,
    message: string,
    readonly httpStatus = 0,
  ) {
    super(code, message);
  }
}

/**
 * One JSON request to a route of the checkout router. Every failure becomes a `RequestError`
 * carrying the router's `{ error: { code, message } }`, except an abort, which rejects with the
 * abort's reason so that callers can tell it apart.
 *
 * @example
 * const currencies = await requestJson<CheckoutCurrency[]>({ endpoint: '/api/pay' }, '/currencies', {});
 */
export async function requestJson<T>(
  transport: { endpoint: string; fetch?: typeof fetch | undefined },
  path: string,
  init: RequestInit,
): Promise<T> {
  let response: Response;
  try {
    response = await (transport.fetch ?? fetch)(transport.endpoint.replace(/\/+$/, '') + path, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new RequestError('network_error', 'The payment server is unreachable.');
  }
  const body = (await response.json().catch(() => null)) as T | null;
  if (!response.ok) {
    const { code, message } = readErrorBody(body, response.status);
    throw new RequestError(code, message, response.status);
  }
  if (body === null) throw new RequestError('bad_response', 'The answer is not JSON.');
  return body;
}
