/**
 * Timers the sandbox owns: every one unref'd (a forgotten sandbox never holds the process open)
 * and all cleared at once on close.
 *
 * @example const timers = new TimerSet(); timers.set(() => expire(order), 1800_000); timers.clearAll();
 */
export class TimerSet {
  readonly #timers = new Set<NodeJS.Timeout>();
  readonly #onError: (error: unknown) => void;
  #closed = false;

  /** `onError` hears of anything a timer's function throws: no timer can crash the process. */
  constructor(onError: (error: unknown) => void = (error) => console.error(error)) {
    this.#onError = onError;
  }

  /** Runs `fn` after `ms` unless cleared; does nothing once the set is closed. */
  set(fn: () => void, ms: number): NodeJS.Timeout | undefined {
    if (this.#closed) return undefined;
    const timer = setTimeout(
      () => {
        this.#timers.delete(timer);
        try {
          fn();
        } catch (error) {
          this.#onError(error);
        }
      },
      Math.max(0, ms),
    );
    timer.unref();
    this.#timers.add(timer);
    return timer;
  }

  clear(timer: NodeJS.Timeout | undefined): void {
    if (timer === undefined) return;
    clearTimeout(timer);
    this.#timers.delete(timer);
  }

  /** A promise that resolves after `ms`, or at close: for added latency. */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.set(resolve, ms) === undefined) resolve();
    });
  }

  /** Clears every pending timer and refuses new ones. */
  clearAll(): void {
    this.#closed = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  get size(): number {
    return this.#timers.size;
  }
}
