import type { FulfilmentOutcome } from '../checkout/orderStore.js';

/** Every key and the channel the Redis store uses, under one prefix. */
export interface RedisKeys {
  order(orderId: string): string;
  ref(callbackRef: string): string;
  fulfilled(orderId: string, outcome: FulfilmentOutcome): string;
  idempotency(key: string): string;
  refreshLock(orderId: string): string;
  /** The pub/sub channel of status changes. */
  events: string;
}

/**
 * The key layout under `prefix` (default `aurpay:`): `order:{id}`, `ref:{ref}`,
 * `fulfilled:{id}:{outcome}`, `idem:{key}`, `lock:refresh:{id}` and the channel `events`.
 *
 * @example redisKeys('shop:').order('2024…') // 'shop:order:2024…'
 */
export function redisKeys(prefix: string): RedisKeys {
  return {
    order: (orderId) => `${prefix}order:${orderId}`,
    ref: (callbackRef) => `${prefix}ref:${callbackRef}`,
    fulfilled: (orderId, outcome) => `${prefix}fulfilled:${orderId}:${outcome}`,
    idempotency: (key) => `${prefix}idem:${key}`,
    refreshLock: (orderId) => `${prefix}lock:refresh:${orderId}`,
    events: `${prefix}events`,
  };
}
