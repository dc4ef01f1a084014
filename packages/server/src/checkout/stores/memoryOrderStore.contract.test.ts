import { MemoryOrderStore } from './memoryOrderStore.js';
import { describeOrderStoreContract } from '../test-utils/describeOrderStoreContract.js';

describeOrderStoreContract('MemoryOrderStore', (clock) => new MemoryOrderStore({ now: clock.now }), {
  countKept: async (store) => {
    const { idempotencyKeys, leases } = (store as MemoryOrderStore).size;
    return { idempotencyKeys, leases };
  },
});
