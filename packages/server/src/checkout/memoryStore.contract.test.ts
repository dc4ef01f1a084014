import { MemoryOrderStore } from './memoryStore.js';
import { describeOrderStoreContract } from './test-utils/describeOrderStoreContract.js';

describeOrderStoreContract('MemoryOrderStore', () => new MemoryOrderStore());
