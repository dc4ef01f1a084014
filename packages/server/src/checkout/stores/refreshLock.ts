/**
 * Shares the "one upstream status fetch per order per `minRefreshMs`" budget between processes.
 * Before a process fetches an order's detail from Aurpay, it claims the order for `minRefreshMs`;
 * a process that does not get the claim answers from the store instead, because another process
 * is fetching the order or just did (its write reaches the streams through the event bus).
 *
 * Without one, each process keeps that budget on its own. `createRedisStore` (from
 * `@aurpay-kit/server/redis`) brings one over Redis: `SET lock:refresh:{id} <token> NX PX ttl`.
 */
export interface RefreshLock {
  /** True when this call claimed `orderId` for the next `ttlMs`; false while another claim holds. */
  acquire(orderId: string, ttlMs: number): Promise<boolean>;
}
