import type { RedisOptions } from 'ioredis';

export interface RedisStoreOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` for TLS. */
  url: string;
  /**
   * Prepended to every key and to the pub/sub channel, so several shops (or test runs) can share
   * one Redis. Default `'aurpay:'`.
   */
  keyPrefix?: string;
  /**
   * How long an order (and its done fulfilments) is kept after it expires, in ms. Default 7 days.
   * An order whose fulfilment is still owed or failed is kept until it is done.
   */
  retainMs?: number;
  /** A command with no answer after this fails, and the request answers 503. Default 2000 ms. */
  commandTimeoutMs?: number;
  /** How long one connection attempt may take. Default 5000 ms. */
  connectTimeoutMs?: number;
  /**
   * More ioredis options (TLS, Sentinel, a reconnect strategy…), applied over the fail-fast
   * defaults: no offline queue, no command retried after a reconnect, `commandTimeoutMs`.
   */
  redis?: RedisOptions;
  /** Lost connections and undeliverable events. Default: `console.error`. */
  onError?: (error: unknown, context: { where: string; orderId?: string }) => void;
  /** Clock, ms since the epoch, for order retention and idempotency-key expiry. Default `Date.now`. */
  now?: () => number;
}

/** `RedisStoreOptions` checked, with every default filled in. */
export interface ResolvedRedisStoreOptions extends Required<Omit<RedisStoreOptions, 'redis' | 'onError' | 'now'>> {
  redis: RedisOptions;
  onError: (error: unknown, context: { where: string; orderId?: string }) => void;
  now: () => number;
}
