import { parseAmount } from '@aurpay-kit/core';

import { GatewayError } from '../http/gatewayError.js';

type Body = Record<string, unknown>;

const MAX_PRICE = 1_000_000_000;
const MAX_URL_LENGTH = 2048;
const MAX_AMOUNT_LENGTH = 40;

/**
 * A required non-empty string field.
 *
 * @example requireText({ chain: 'ETH' }, 'chain') // 'ETH'
 */
export function requireText(body: Body, name: string): string {
  const value = body[name];
  if (value === undefined || value === null || value === '') throw new GatewayError('fieldMissing', `${name} is required`);
  if (typeof value !== 'string') throw new GatewayError('fieldInvalid', `${name} must be a string`);
  return value;
}

/**
 * A required positive price sent as a JSON number (as Aurpay's API takes it), returned as a
 * canonical decimal string read from the number's shortest form.
 *
 * @example requirePrice({ vs_price: 18 }, 'vs_price') // '18'
 */
export function requirePrice(body: Body, name: string): string {
  const value = body[name];
  if (value === undefined || value === null) throw new GatewayError('fieldMissing', `${name} is required`);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new GatewayError('fieldInvalid', `${name} must be a JSON number, got ${JSON.stringify(value)}`);
  }
  if (value <= 0 || value > MAX_PRICE) throw new GatewayError('fieldInvalid', `${name} must be above 0 and at most ${MAX_PRICE}`);
  return parseAmount(value);
}

/**
 * An optional positive amount, as a decimal string or a JSON number; undefined when absent.
 *
 * @example optionalAmount({ amount: '0.5' }, 'amount') // '0.5'
 */
export function optionalAmount(body: Body, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' && value.length > MAX_AMOUNT_LENGTH) {
    throw new GatewayError('fieldInvalid', `${name} has more than ${MAX_AMOUNT_LENGTH} characters`);
  }
  let amount: string;
  try {
    amount = parseAmount(value);
  } catch {
    throw new GatewayError('fieldInvalid', `${name} must be a positive decimal such as "0.0001", got ${JSON.stringify(value)}`);
  }
  if (amount === '0') throw new GatewayError('fieldInvalid', `${name} must be above 0`);
  return amount;
}

/**
 * An optional absolute http(s) URL; undefined when absent or empty.
 *
 * @example optionalUrl({ callback_url: 'https://shop.test/cb' }, 'callback_url') // 'https://shop.test/cb'
 */
export function optionalUrl(body: Body, name: string): string | undefined {
  const value = body[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH || !/^https?:\/\//i.test(value) || !URL.canParse(value)) {
    throw new GatewayError('fieldInvalid', `${name} must be an absolute http or https URL`);
  }
  return value;
}

/**
 * An optional boolean flag; false when absent.
 *
 * @example optionalFlag({ enable_post_callback: true }, 'enable_post_callback') // true
 */
export function optionalFlag(body: Body, name: string): boolean {
  const value = body[name];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new GatewayError('fieldInvalid', `${name} must be true or false`);
  return value;
}
