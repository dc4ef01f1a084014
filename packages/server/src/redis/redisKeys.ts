import type { FulfilmentOutcome, FulfilmentState } from '../checkout/fulfilment/fulfilment.js';

/** Every key and the channel the Redis store uses, under one prefix. */
export interface RedisKeys {
  /** The prefix itself: the Lua scripts that walk an index build order and fulfilment keys from it. */
  prefix: string;
  order(orderId: string): string;
  ref(callbackRef: string): string;
  /** Ids of the orders created under one open-order key, scored by `createdAt`. */
  openOrders(openOrderKey: string): string;
  /** Ids of the orders open or expired/failed, scored by `createdAt`: the reconciler's list. */
  unsettled: string;
  /** The expired and failed ones among `unsettled`, scored by `expiresAt`. */
  unsettledExpiries: string;
  fulfilment(orderId: string, outcome: FulfilmentOutcome): string;
  /** Fulfilments in one state, as `fulfilmentMember`s scored by `dueAt`. */
  fulfilments(state: FulfilmentState): string;
  /**
   * A fulfilment's member in those sets: order id, a NUL, outcome. NUL sorts before every other
   * byte, so Redis orders equal `dueAt`s by order id, then outcome, as the interface asks, even
   * when one id is a prefix of another. Not a key.
   */
  fulfilmentMember(orderId: string, outcome: FulfilmentOutcome): string;
  lease(name: string): string;
  idempotency(key: string): string;
  refreshLock(orderId: string): string;
  /** The pub/sub channel of status changes. */
  events: string;
}

/**
 * The key layout under `prefix` (default `aurpay:`): `order:{id}` (JSON), `ref:{ref}` (an id),
 * `open:{openOrderKey}`, `unsettled` and `unsettled:expiries` (sorted sets of ids),
 * `fulfilment:{id}:{outcome}` (a hash), `fulfilments:{state}` (sorted sets of
 * `fulfilmentMember`s), `lease:{name}` (a hash), `idem:{key}`, `lock:refresh:{id}` and the
 * channel `events`. The scripts in `orderScripts.ts` and `fulfilmentScripts.ts` build `order:` and
 * `fulfilment:` keys the same way.
 *
 * @example redisKeys('shop:').order('2024…') // 'shop:order:2024…'
 */
export function redisKeys(prefix: string): RedisKeys {
  return {
    prefix,
    order: (orderId) => `${prefix}order:${orderId}`,
    ref: (callbackRef) => `${prefix}ref:${callbackRef}`,
    openOrders: (openOrderKey) => `${prefix}open:${openOrderKey}`,
    unsettled: `${prefix}unsettled`,
    unsettledExpiries: `${prefix}unsettled:expiries`,
    fulfilment: (orderId, outcome) => `${prefix}fulfilment:${orderId}:${outcome}`,
    fulfilments: (state) => `${prefix}fulfilments:${state}`,
    fulfilmentMember: (orderId, outcome) => `${orderId}\u0000${outcome}`,
    lease: (name) => `${prefix}lease:${name}`,
    idempotency: (key) => `${prefix}idem:${key}`,
    refreshLock: (orderId) => `${prefix}lock:refresh:${orderId}`,
    events: `${prefix}events`,
  };
}
