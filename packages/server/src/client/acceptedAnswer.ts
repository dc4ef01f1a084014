import type { Accepted, Unread } from './aurpayResults.js';

/**
 * Builds the `Accepted` answer of a call the gateway accepted: `fields` as read (null where
 * unreadable), `unreadable` the JSON paths that could not be read, `raw` the data as it came.
 * `complete` follows from `unreadable` being empty.
 *
 * @example acceptedAnswer({ pay_url: 'https://…' }, [], data).complete // true
 * @example acceptedAnswer<PayUrl>({ pay_url: null }, ['data.pay_url'], data).complete // false
 */
export function acceptedAnswer<T extends object>(fields: T | Unread<T>, unreadable: readonly string[], raw: unknown): Accepted<T> {
  // Each path once, in the order first met.
  const paths = [...new Set(unreadable)];
  if (paths.length === 0) return { ...(fields as T), complete: true, unreadable: [], raw };
  return { ...(fields as Unread<T>), complete: false, unreadable: paths as [string, ...string[]], raw };
}
