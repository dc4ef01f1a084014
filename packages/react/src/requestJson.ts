import { AurpayKitError } from '@aurpay-kit/core';
import type { AurpayConfig } from './context.js';

/**
 * One request to the checkout router. Failures become `AurpayKitError`s carrying the router's
 * `{ error: { code, message } }`; an aborted request rejects with the abort reason.
 */
export async function requestJson<T>(
  config: Pick<AurpayConfig, 'endpoint' | 'fetch'>,
  path: string,
  init: RequestInit,
): Promise<T> {
  let response: Response;
  try {
    response = await (config.fetch ?? fetch)(config.endpoint.replace(/\/+$/, '') + path, init);
  } catch (error) {
    if (init.signal?.aborted) throw error;
    throw new AurpayKitError('network_error', 'The payment server is unreachable.');
  }
  const body = (await response.json().catch(() => null)) as
    | (T & { error?: { code?: string; message?: string } })
    | null;
  if (!response.ok) {
    throw new AurpayKitError(
      body?.error?.code ?? `http_${response.status}`,
      body?.error?.message ?? `HTTP ${response.status}`,
    );
  }
  if (body === null) throw new AurpayKitError('bad_response', 'The answer is not JSON.');
  return body;
}
