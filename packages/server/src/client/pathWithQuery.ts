import { AurpayKitError } from '@aurpay-kit/core';

export type QueryValue = string | number | boolean | null | undefined;

/**
 * RFC 3986 encoding: also escapes `!'()*`, which `encodeURIComponent` leaves and URL parsers may
 * rewrite, so the string signed is the string the server receives.
 */
export function encodeComponent(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Joins a path and a query built in insertion order, skipping `undefined` and `null`; the result
 * is both what is signed and what is sent.
 *
 * @example pathWithQuery('/api/v2/order/', { page: 1, size: 10 }) // '/api/v2/order/?page=1&size=10'
 */
export function pathWithQuery(path: string, query?: Record<string, QueryValue>): string {
  if (query === undefined) return path;
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new AurpayKitError('request_invalid', `Query parameter ${key} must be a finite number, got ${value}.`);
    }
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      throw new AurpayKitError('request_invalid', `Query parameter ${key} must be a string, number or boolean.`);
    }
    parts.push(`${encodeComponent(key)}=${encodeComponent(String(value))}`);
  }
  return parts.length === 0 ? path : `${path}?${parts.join('&')}`;
}
