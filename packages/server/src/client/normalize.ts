import type { ApiKeyResponse, CryptoCurrency, LoginResponse, RealCurrency } from '@aurpay-kit/core';
import type { CustodyWalletBalance, LightningBalance, Order, OrderDetail, Page, RefundQuote, Transaction } from './aurpayResults.js';
import { amount, integer, list, orderId, record, text } from './normalizeFields.js';

/**
 * One reader per answer shape of the calls that only read: each checks the fields the kit relies
 * on (ids, statuses, amounts: where money is at stake), converts amounts to canonical decimal
 * strings and order ids to strings, and keeps every other field as sent, unchecked. Answers to
 * calls that move money are read by `readAccepted.ts`, which never throws.
 */

export type Normalizer<T> = (data: unknown, path?: string) => T;

export const normalizeOrder: Normalizer<Order> = (data, path = 'data') => {
  const obj = record(data, path);
  return {
    ...(obj as unknown as Order),
    order_id: orderId(obj, 'order_id', path),
    status: text(obj, 'status', path),
    amount: amount(obj, 'amount', path),
    vs_price: amount(obj, 'vs_price', path),
  };
};

export const normalizeOrderDetail: Normalizer<OrderDetail> = (data, path = 'data') => {
  const obj = record(data, path);
  return {
    ...(obj as unknown as OrderDetail),
    ...normalizeOrder(obj, path),
    obtained: amount(obj, 'obtained', path, { nullable: true }),
    fee: amount(obj, 'fee', path, { nullable: true }),
  };
};

export const normalizeRefundQuote: Normalizer<RefundQuote> = (data, path = 'data') => {
  const obj = record(data, path);
  return {
    ...(obj as unknown as RefundQuote),
    order_id: orderId(obj, 'order_id', path),
    amount: amount(obj, 'amount', path),
    network_fee: amount(obj, 'network_fee', path),
    obtained: amount(obj, 'obtained', path),
  };
};

export const normalizeTransaction: Normalizer<Transaction> = (data, path = 'data') => {
  const obj = record(data, path);
  return {
    ...(obj as unknown as Transaction),
    tx_id: text(obj, 'tx_id', path),
    amount: amount(obj, 'amount', path),
    obtained: amount(obj, 'obtained', path, { nullable: true }),
    fee: amount(obj, 'fee', path, { nullable: true }),
  };
};

export const normalizeLightningBalance: Normalizer<LightningBalance> = (data, path = 'data') => {
  const obj = record(data, path);
  return { ...obj, balance: amount(obj, 'balance', path, { allowNegative: true }) };
};

export const normalizeCustodyBalance: Normalizer<CustodyWalletBalance> = (data, path = 'data') => {
  const obj = record(data, path);
  return {
    ...obj,
    chain: text(obj, 'chain', path),
    currency: text(obj, 'currency', path),
    amount: amount(obj, 'amount', path, { allowNegative: true }),
  };
};

export const normalizeRealCurrency: Normalizer<RealCurrency> = (data, path = 'data') => {
  const obj = record(data, path);
  return { ...obj, currency: text(obj, 'currency', path), name: text(obj, 'name', path) };
};

export const normalizeCryptoCurrency: Normalizer<CryptoCurrency> = (data, path = 'data') => {
  const obj = record(data, path);
  return { ...(obj as unknown as CryptoCurrency), chain: text(obj, 'chain', path), currency: text(obj, 'currency', path) };
};

export const normalizeLogin: Normalizer<LoginResponse> = (data, path = 'data') => {
  const obj = record(data, path);
  return { ...obj, access_token: text(obj, 'access_token', path), expire: integer(obj, 'expire', path) };
};

export const normalizeApiKey: Normalizer<ApiKeyResponse> = (data, path = 'data') => {
  const obj = record(data, path);
  return { ...obj, api_key: text(obj, 'api_key', path), user_id: text(obj, 'user_id', path) };
};

/** A list of `item`s. */
export function listOf<T>(item: Normalizer<T>): Normalizer<T[]> {
  return (data, path = 'data') => list(data, path).map((entry, i) => item(entry, `${path}[${i}]`));
}

/** A `{ page, size, total, max_page, data }` page of `item`s. */
export function pageOf<T>(item: Normalizer<T>): Normalizer<Page<T>> {
  return (data, path = 'data') => {
    const obj = record(data, path);
    return {
      ...obj,
      page: integer(obj, 'page', path),
      size: integer(obj, 'size', path),
      total: integer(obj, 'total', path),
      max_page: integer(obj, 'max_page', path),
      data: listOf(item)(obj['data'], `${path}.data`),
    };
  };
}
