import { parseAmount } from '@aurpay-kit/core';

/**
 * Field readers for gateway answers. Each throws a `TypeError` naming the JSON path and what it
 * found; the transport turns that into an `aurpay_bad_response`.
 */

export type Json = Record<string, unknown>;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}

export function shapeError(path: string, expected: string, value: unknown): TypeError {
  return new TypeError(`${path}: expected ${expected}, got ${describe(value)}`);
}

export function record(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw shapeError(path, 'an object', value);
  return value as Json;
}

export function list(value: unknown, path: string): unknown[] {
  // An empty list is sometimes sent as null by gateways of this kind.
  if (value === null) return [];
  if (!Array.isArray(value)) throw shapeError(path, 'an array', value);
  return value;
}

export function text(obj: Json, key: string, path: string): string {
  const value = obj[key];
  if (typeof value !== 'string') throw shapeError(`${path}.${key}`, 'a string', value);
  return value;
}

export function integer(obj: Json, key: string, path: string): number {
  const value = obj[key];
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw shapeError(`${path}.${key}`, 'an integer', value);
  return value;
}

/** A 20-digit order id stays a string; a number (only safe ones reach here) becomes one. */
export function orderId(obj: Json, key: string, path: string): string {
  const value = obj[key];
  const id = typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : value;
  if (typeof id !== 'string' || !/^\d+$/.test(id)) throw shapeError(`${path}.${key}`, 'a numeric order id', value);
  return id;
}

export interface AmountOptions {
  nullable?: boolean;
  allowNegative?: boolean;
}

function amountValue(value: unknown, where: string, options: AmountOptions): string {
  if (typeof value !== 'string' && typeof value !== 'number') throw shapeError(where, 'a decimal amount', value);
  try {
    return parseAmount(value, { allowExponent: true, allowNegative: options.allowNegative ?? false });
  } catch {
    throw shapeError(where, 'a decimal amount', value);
  }
}

/** Reads an amount as a canonical decimal string; `null` (or a missing / empty value) only when nullable. */
export function amount(obj: Json, key: string, path: string, options: AmountOptions & { nullable: true }): string | null;
export function amount(obj: Json, key: string, path: string, options?: AmountOptions): string;
export function amount(obj: Json, key: string, path: string, options: AmountOptions = {}): string | null {
  const value = obj[key];
  if (options.nullable === true && (value === null || value === undefined || value === '')) return null;
  return amountValue(value, `${path}.${key}`, options);
}

const AMOUNT_KEYS = new Set(['amount', 'vs_price', 'price', 'obtained', 'fee', 'network_fee', 'balance']);

/**
 * For answers Aurpay leaves undocumented: canonicalizes whatever sits under a known amount key,
 * when it reads as one, and leaves everything else as it came.
 */
export function looseAmounts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(looseAmounts);
  if (typeof value !== 'object' || value === null) return value;
  const out: Json = {};
  for (const [key, field] of Object.entries(value)) {
    if (AMOUNT_KEYS.has(key) && (typeof field === 'string' || typeof field === 'number')) {
      try {
        out[key] = parseAmount(field, { allowExponent: true, allowNegative: true });
        continue;
      } catch {
        // Not an amount after all: keep it untouched.
      }
    }
    out[key] = looseAmounts(field);
  }
  return out;
}
