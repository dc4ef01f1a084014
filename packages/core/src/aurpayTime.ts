import { AurpayKitError } from './errors.js';

/** How long Aurpay keeps a PENDING order open: 30 minutes. */
export const DEFAULT_ORDER_TTL_MS = 1_800_000;

// `2024-04-26T10:39:47`, optionally with a fraction and a `Z` or `±HH:MM` / `±HHMM` offset.
const TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i;

function timeInvalid(value: unknown, why: string): AurpayKitError {
  const shown = typeof value === 'string' ? JSON.stringify(value) : `a ${typeof value}`;
  return new AurpayKitError('time_invalid', `Not an Aurpay time: ${shown}; ${why}.`);
}

/**
 * Reads a time as Aurpay writes it (`create_time`, `update_time`) into milliseconds since the
 * epoch. Aurpay's times carry no zone and are UTC; a `Z` or an offset is honoured when present.
 *
 * @example parseAurpayTime('2024-04-26T10:39:47') // 1714127987000
 * @example parseAurpayTime('2024-04-26T12:39:47+02:00') // 1714127987000
 */
export function parseAurpayTime(value: string): number {
  const match = typeof value === 'string' ? TIME.exec(value) : null;
  if (!match) throw timeInvalid(value, 'expected YYYY-MM-DDTHH:mm:ss with an optional fraction and zone');
  const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [number, number, number, number, number, number];
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(utc);
  // Date.UTC rolls 31 April over into 1 May; a field out of range is a bad time, not a later one.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    check.getUTCHours() !== hour ||
    check.getUTCMinutes() !== minute ||
    check.getUTCSeconds() !== second
  ) {
    throw timeInvalid(value, 'a date or time field is out of range');
  }
  if (zone.toUpperCase() === 'Z') return utc;
  const offsetHours = Number(zone.slice(1, 3));
  const offsetMinutes = Number(zone.slice(-2));
  if (offsetHours > 23 || offsetMinutes > 59) throw timeInvalid(value, 'the zone offset is out of range');
  const offset = (offsetHours * 60 + offsetMinutes) * 60_000;
  return zone.startsWith('-') ? utc + offset : utc - offset;
}

/**
 * Writes milliseconds since the epoch as ISO-8601 UTC, the form the checkout views carry.
 *
 * @example toIsoUtc(1714127987000) // '2024-04-26T10:39:47.000Z'
 */
export function toIsoUtc(ms: number): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    throw new AurpayKitError('time_invalid', `Not a time in milliseconds: ${String(ms)}.`);
  }
  return new Date(ms).toISOString();
}

/**
 * Writes milliseconds since the epoch as Aurpay writes times: UTC, whole seconds, no zone, the form
 * its list filters `st` and `et` take.
 *
 * @example formatAurpayTime(1714127987999) // '2024-04-26T10:39:47'
 */
export function formatAurpayTime(ms: number): string {
  return toIsoUtc(Math.floor(ms / 1000) * 1000).slice(0, 19);
}

/**
 * When an order stops accepting payment: its `create_time` plus the order lifetime. No Aurpay
 * response carries the deadline, so it is computed; the default lifetime is Aurpay's 30 minutes.
 *
 * @example toIsoUtc(orderDeadline('2024-04-26T10:39:47')) // '2024-04-26T11:09:47.000Z'
 */
export function orderDeadline(createTime: string, ttlMs: number = DEFAULT_ORDER_TTL_MS): number {
  if (typeof ttlMs !== 'number' || !Number.isSafeInteger(ttlMs) || ttlMs < 0) {
    throw new AurpayKitError('ttl_invalid', `An order lifetime must be a whole number of milliseconds ≥ 0, got ${String(ttlMs)}.`);
  }
  return parseAurpayTime(createTime) + ttlMs;
}
