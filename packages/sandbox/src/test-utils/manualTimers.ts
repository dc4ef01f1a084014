import { TimerSet } from '../timerSet.js';

/**
 * A `TimerSet` whose timers run only when the test says so: `pending` lists what is scheduled
 * (delay in ms), `runNext` runs the oldest. Nothing depends on how fast the machine is.
 *
 * @example const timers = new ManualTimers(); sender = new CallbackSender({ ...options, timers }); timers.runNext();
 */
export class ManualTimers extends TimerSet {
  readonly #queue: { fn: () => void; ms: number; handle: NodeJS.Timeout }[] = [];
  #closed = false;

  override set(fn: () => void, ms: number): NodeJS.Timeout | undefined {
    if (this.#closed) return undefined;
    // A handle of the real kind that never fires, so clear() and clearAll() find it.
    const handle = setTimeout(() => undefined, 2 ** 31 - 1);
    handle.unref();
    clearTimeout(handle);
    this.#queue.push({ fn, ms, handle });
    return handle;
  }

  override clear(timer: NodeJS.Timeout | undefined): void {
    const at = this.#queue.findIndex((entry) => entry.handle === timer);
    if (at !== -1) this.#queue.splice(at, 1);
  }

  override clearAll(): void {
    this.#closed = true;
    this.#queue.splice(0);
  }

  override get size(): number {
    return this.#queue.length;
  }

  /** The delays of the timers waiting to run, in the order they were set. */
  get pending(): number[] {
    return this.#queue.map((entry) => entry.ms);
  }

  /** Runs the timer set first; throws when none is pending. */
  runNext(): void {
    const next = this.#queue.shift();
    if (next === undefined) throw new Error('no timer is pending');
    next.fn();
  }
}
