export interface CurrencyCacheOptions<T> {
  load: () => Promise<T>;
  /** How long a loaded value is fresh. */
  ttlMs: number;
  now?: () => number;
}

/**
 * A single cached value with one load in flight at a time: concurrent readers of a stale or empty
 * cache share one call to `load`. When a reload fails, the last good value is served until the
 * next attempt; with nothing loaded yet, the failure reaches the caller.
 *
 * @example
 * const currencies = new CurrencyCache({ load: () => client.listCryptoCurrencies(), ttlMs: 300_000 });
 * await currencies.get();
 */
export class CurrencyCache<T> {
  readonly #load: () => Promise<T>;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #value: { data: T; loadedAt: number } | null = null;
  #inFlight: Promise<T> | null = null;

  constructor(options: CurrencyCacheOptions<T>) {
    this.#load = options.load;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  get(): Promise<T> {
    const cached = this.#value;
    if (cached !== null && this.#now() - cached.loadedAt < this.#ttlMs) return Promise.resolve(cached.data);
    this.#inFlight ??= this.#reload(cached);
    return this.#inFlight;
  }

  async #reload(stale: { data: T } | null): Promise<T> {
    try {
      const data = await this.#load();
      this.#value = { data, loadedAt: this.#now() };
      return data;
    } catch (error) {
      if (stale !== null) return stale.data;
      throw error;
    } finally {
      this.#inFlight = null;
    }
  }
}
