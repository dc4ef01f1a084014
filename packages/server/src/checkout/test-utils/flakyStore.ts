import { MemoryOrderStore } from '../stores/memoryOrderStore.js';
import { ORDER_STORE_METHODS, type OrderStore } from '../stores/orderStore.js';
import { StoreUnavailableError } from '../stores/storeUnavailableError.js';

type Method = keyof OrderStore;

/**
 * A memory store that can go away: while `down`, every call throws `StoreUnavailableError`, and
 * so does every call of a method in `failing`, so a test can cut the store between two steps.
 */
export class FlakyStore extends MemoryOrderStore {
  down = false;
  readonly failing = new Set<Method>();
  readonly calls: Method[] = [];

  constructor() {
    super();
    for (const method of ORDER_STORE_METHODS) {
      const real = (MemoryOrderStore.prototype[method] as (...args: unknown[]) => Promise<unknown>).bind(this);
      Object.defineProperty(this, method, {
        value: async (...args: unknown[]) => {
          this.calls.push(method);
          if (this.down || this.failing.has(method)) throw new StoreUnavailableError(`store down (${method})`);
          return real(...args);
        },
      });
    }
  }
}
