import { MemoryOrderStore } from './memoryStore.js';
import { describeOrderStoreContract } from './test-utils/describeOrderStoreContract.js';

describeOrderStoreContract('MemoryOrderStore', (clock) => new MemoryOrderStore({ now: clock.now }));
