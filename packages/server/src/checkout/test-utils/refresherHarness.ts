import { vi } from 'vitest';
import type { OrderDetail } from '../../client/aurpayResults.js';
import { HookQueue } from '../fulfilment/hookQueue.js';
import { OrderRefresher } from '../status/orderRefresher.js';
import { StatusApplier } from '../status/statusApplier.js';
import { MemoryOrderStore } from '../stores/memoryOrderStore.js';
import type { RefreshLock } from '../stores/refreshLock.js';

/**
 * An `OrderRefresher` over a memory store and a client whose detail calls wait until the test
 * settles them from `pending`, in order.
 *
 * @example const { refresher, pending } = refresherHarness(2000); pending[0]!.resolve(detailFor(order, 'SUCCESS'));
 */
export function refresherHarness(minRefreshMs = 2000, lock?: RefreshLock) {
  const store = new MemoryOrderStore();
  const pending: { resolve: (d: OrderDetail) => void; reject: (e: unknown) => void }[] = [];
  const client = {
    getOrderDetail: vi.fn(() => new Promise<OrderDetail>((resolve, reject) => pending.push({ resolve, reject }))),
  };
  const noop = () => undefined;
  const applier = new StatusApplier({
    options: { store, now: Date.now, onStatusChange: noop },
    hooks: new HookQueue(noop),
    fulfilments: { kick: noop },
    publish: noop,
  });
  const refresher = new OrderRefresher({ client, store, applier, minRefreshMs, now: Date.now, ...(lock === undefined ? {} : { lock }) });
  return { store, client, pending, refresher };
}
