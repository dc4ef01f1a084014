import { CheckoutHttpError } from './checkoutHttpError.js';

export interface RequestUrl {
  /** The path, without the query. */
  path: string;
  /** The query string exactly as received, without the `?`. */
  rawQuery: string;
  query: URLSearchParams;
}

/**
 * Splits a request's `url` (path under the mount point plus raw query) into its parts.
 *
 * @example splitRequestUrl('/orders/1?token=x').query.get('token') // 'x'
 */
export function splitRequestUrl(url: string): RequestUrl {
  const at = url.indexOf('?');
  const path = at === -1 ? url : url.slice(0, at);
  const rawQuery = at === -1 ? '' : url.slice(at + 1);
  return { path, rawQuery, query: new URLSearchParams(rawQuery) };
}

/**
 * One query parameter: null when absent; a 400 when it was given more than once.
 *
 * @example singleQueryValue(query, 'token')
 */
export function singleQueryValue(query: URLSearchParams, name: string): string | null {
  const values = query.getAll(name);
  if (values.length > 1) throw new CheckoutHttpError(400, 'query_invalid', `The query parameter "${name}" may appear only once.`);
  return values[0] ?? null;
}
