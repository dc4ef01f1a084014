/**
 * Runs hook calls one after another per key (an order id), off the request path: a slow or
 * failing hook neither delays an answer nor reorders another hook of the same order. Errors go to
 * `onError`; `idle()` resolves once everything queued so far has run.
 *
 * @example queue.push(order.orderId, 'onPaid', () => options.onPaid(order));
 */
export class HookQueue {
  readonly #tails = new Map<string, Promise<void>>();
  readonly #onError: (error: unknown, context: { where: string; orderId?: string }) => void;

  constructor(onError: (error: unknown, context: { where: string; orderId?: string }) => void) {
    this.#onError = onError;
  }

  push(key: string, name: string, run: () => unknown): void {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const tail: Promise<void> = previous
      .then(() => run())
      .then(
        () => undefined,
        (error: unknown) => this.#report(error, name, key),
      )
      .finally(() => {
        if (this.#tails.get(key) === tail) this.#tails.delete(key);
      });
    this.#tails.set(key, tail);
  }

  async idle(): Promise<void> {
    while (this.#tails.size > 0) await Promise.all([...this.#tails.values()]);
  }

  #report(error: unknown, name: string, orderId: string): void {
    try {
      this.#onError(error, { where: name, orderId });
    } catch {
      // A failing error reporter must not break the queue.
    }
  }
}
