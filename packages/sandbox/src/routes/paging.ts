import type { Paged } from '@aurpay-kit/core';

import { GatewayError } from '../http/gatewayError.js';

/** Largest page size the list endpoints allow. */
export const MAX_PAGE_SIZE = 100;

function positiveInteger(query: URLSearchParams, name: string, fallback: number, max: number): number {
  const text = query.get(name);
  if (text === null || text === '') return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new GatewayError('fieldInvalid', `${name} must be an integer from 1 to ${max}, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/**
 * Reads `page` (default 1) and `size` (default 10, at most 100) from a query.
 *
 * @example readPaging(new URLSearchParams('page=2&size=20')) // { page: 2, size: 20 }
 */
export function readPaging(query: URLSearchParams): { page: number; size: number } {
  return {
    page: positiveInteger(query, 'page', 1, 1_000_000_000),
    size: positiveInteger(query, 'size', 10, MAX_PAGE_SIZE),
  };
}

/**
 * One page of `items`, in Aurpay's paging shape.
 *
 * @example paginate([1, 2, 3], { page: 2, size: 2 }) // { page: 2, size: 2, total: 3, max_page: 2, data: [3] }
 */
export function paginate<T>(items: readonly T[], paging: { page: number; size: number }): Paged<T> {
  const start = (paging.page - 1) * paging.size;
  return {
    page: paging.page,
    size: paging.size,
    total: items.length,
    max_page: Math.ceil(items.length / paging.size),
    data: items.slice(start, start + paging.size),
  };
}
