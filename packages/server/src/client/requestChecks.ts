import { AurpayKitError } from '@aurpay-kit/core';

/** Checks on what a caller passes to `AurpayClient`, before anything is sent. */

function invalid(label: string, message: string): AurpayKitError {
  return new AurpayKitError('request_invalid', `${label}: ${message}`);
}

export function requestObject(label: string, value: unknown, name = 'the request'): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalid(label, `${name} must be an object.`);
  }
  return value as Record<string, unknown>;
}

export function requiredText(label: string, obj: Record<string, unknown>, key: string, when = ''): void {
  const value = obj[key];
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(label, `${key} must be a non-empty string${when === '' ? '' : ` ${when}`}.`);
}

export function optionalText(label: string, obj: Record<string, unknown>, key: string): void {
  if (obj[key] !== undefined && typeof obj[key] !== 'string') throw invalid(label, `${key} must be a string when given.`);
}

export function positiveNumber(label: string, obj: Record<string, unknown>, key: string, optional = false): void {
  const value = obj[key];
  if (optional && value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw invalid(
      label,
      `${key} must be a positive finite number, got ${typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value))}.`,
    );
  }
}

export function optionalUrls(label: string, obj: Record<string, unknown>): void {
  for (const key of ['succeed_url', 'timeout_url', 'callback_url', 'timeout_callback']) {
    const value = obj[key];
    if (value === undefined) continue;
    if (typeof value !== 'string' || !URL.canParse(value)) throw invalid(label, `${key} must be an absolute URL.`);
  }
}

export function optionalFlags(label: string, obj: Record<string, unknown>, keys: readonly string[]): void {
  for (const key of keys) {
    if (obj[key] !== undefined && typeof obj[key] !== 'boolean') throw invalid(label, `${key} must be a boolean when given.`);
  }
}

/** `page` ≥ 1 and `size` 1–100, as Aurpay's paged lists require. */
export function pageQuery(label: string, value: unknown, optionalKeys: readonly string[]): Record<string, unknown> {
  const query = requestObject(label, value, 'the query');
  const { page, size } = query;
  if (typeof page !== 'number' || !Number.isSafeInteger(page) || page < 1) {
    throw invalid(label, `page must be an integer ≥ 1, got ${String(page)}.`);
  }
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1 || size > 100) {
    throw invalid(label, `size must be an integer from 1 to 100, got ${String(size)}.`);
  }
  for (const key of optionalKeys) optionalText(label, query, key);
  return query;
}

/**
 * An Aurpay order id: digits only (20 of them in practice). Checked before it goes into a path so
 * that nothing but an id can reach the URL.
 */
export function orderIdSegment(label: string, value: unknown): string {
  if (typeof value !== 'string' || !/^\d{1,40}$/.test(value)) {
    throw new AurpayKitError(
      'order_id_invalid',
      `${label}: orderId must be Aurpay's numeric order id as a string (e.g. "20240613093614690315"), got ${JSON.stringify(value) ?? String(value)}.`,
    );
  }
  return encodeURIComponent(value);
}

/** A header-safe token: no whitespace or control characters. */
export function bearerToken(label: string, value: unknown): string {
  if (typeof value !== 'string' || !/^[\x21-\x7e]+$/.test(value)) {
    throw invalid(label, 'accessToken must be the non-empty access_token that login returned.');
  }
  return value;
}
