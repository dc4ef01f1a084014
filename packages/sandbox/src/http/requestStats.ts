/** Request counts as `GET /_sandbox/stats` reports them. */
export interface StatsSnapshot {
  total: number;
  requests: Record<string, number>;
}

/**
 * Counts API requests per endpoint pattern, such as `GET /api/v2/order/detail/:order_id`.
 *
 * @example stats.record('GET /api/bln/balance'); stats.snapshot().total // 1
 */
export class RequestStats {
  #counts = new Map<string, number>();
  #total = 0;

  record(pattern: string): void {
    this.#total += 1;
    this.#counts.set(pattern, (this.#counts.get(pattern) ?? 0) + 1);
  }

  snapshot(): StatsSnapshot {
    return { total: this.#total, requests: Object.fromEntries([...this.#counts].sort(([a], [b]) => (a < b ? -1 : 1))) };
  }

  reset(): void {
    this.#counts = new Map();
    this.#total = 0;
  }
}
