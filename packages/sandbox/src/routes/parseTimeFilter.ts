import { GatewayError } from '../http/gatewayError.js';

/**
 * Reads a time filter from a query (`st`, `et`): an Aurpay time (zone-less UTC), an ISO time with
 * a zone, a plain date, or unix seconds. Anything else is a `fieldInvalid` error.
 *
 * @example parseTimeFilter('st', '2024-06-13T09:36:14') // 1718271374000
 */
export function parseTimeFilter(name: string, value: string): number {
  if (/^\d{1,12}$/.test(value)) return Number(value) * 1000;
  const zoned = /(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : /T/.test(value) ? `${value}Z` : `${value}T00:00:00Z`;
  const ms = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/.test(value) ? Date.parse(zoned) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new GatewayError(
      'fieldInvalid',
      `${name} must be a time such as 2024-06-13T09:36:14 (UTC) or unix seconds, got ${JSON.stringify(value)}`,
    );
  }
  return ms;
}
