import type { PruneRequest } from '../checkout/stores/orderStore.js';
import type { RedisKeys } from './redisKeys.js';
import { ORDER_SCRIPTS } from './orderScripts.js';
import type { RedisScript } from './redisScript.js';

/** Runs one script with its keys and arguments, as `RedisOrderStore` does (errors mapped). */
type RunScript = (script: RedisScript, keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

/** Index entries one script looks at: each script stays short, so Redis keeps answering others between them. */
const BATCH = 100;

/**
 * `OrderStore.prune` for Redis: walks the unsettled index from its oldest entry in batches, one
 * `ORDER_SCRIPTS.prune` each, until `limit` orders went or the orders created before the cut-off
 * were all looked at. The entries kept (part-paid orders, those with a fulfilment owed…) stay at
 * the head of the index, so each batch starts past those kept so far. Idempotency keys, leases and
 * refresh claims expire by themselves (`PX`), so `now` asks nothing of Redis. Resolves to how many
 * orders went.
 *
 * @example await pruneUnpaidOrders(run, keys, { unpaidExpiredBefore: Date.now() - 48 * 3_600_000, now: Date.now(), limit: 500 }) // 500
 */
export async function pruneUnpaidOrders(run: RunScript, keys: RedisKeys, { unpaidExpiredBefore, limit }: PruneRequest): Promise<number> {
  const indexes = [keys.unsettled, keys.unsettledExpiries, keys.fulfilments('done')];
  let pruned = 0;
  let offset = 0;
  while (pruned < limit) {
    const [orders, kept, walked] = (await run(ORDER_SCRIPTS.prune, indexes, [
      keys.prefix,
      unpaidExpiredBefore,
      limit - pruned,
      BATCH,
      offset,
    ])) as number[];
    pruned += orders ?? 0;
    offset += kept ?? 0;
    if (walked === 1) break;
  }
  return pruned;
}
