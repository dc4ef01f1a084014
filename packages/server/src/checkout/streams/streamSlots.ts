/** The caps on open event streams. */
export interface StreamLimits {
  /** Streams one client (see `clientKey`) may hold open at once. */
  maxPerClient: number;
  /** Streams this process holds open at once. */
  maxTotal: number;
}

export type StreamSlot = { release: () => void } | { refused: 'client' | 'total' };

/**
 * Counts the event streams open in this process, per client and in total, and refuses one past
 * either cap; each slot is released once, however often its release is called.
 *
 * @example const slot = slots.take(clientKey(request.clientId)); if ('refused' in slot) answer429();
 */
export class StreamSlots {
  readonly #limits: StreamLimits;
  readonly #byClient = new Map<string, number>();
  #open = 0;

  constructor(limits: StreamLimits) {
    this.#limits = limits;
  }

  /** Streams open now. */
  get open(): number {
    return this.#open;
  }

  /** Clients with at least one stream open. */
  get clients(): number {
    return this.#byClient.size;
  }

  take(client: string): StreamSlot {
    const held = this.#byClient.get(client) ?? 0;
    if (held >= this.#limits.maxPerClient) return { refused: 'client' };
    if (this.#open >= this.#limits.maxTotal) return { refused: 'total' };
    this.#byClient.set(client, held + 1);
    this.#open += 1;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.#open -= 1;
        const left = (this.#byClient.get(client) ?? 1) - 1;
        if (left === 0) this.#byClient.delete(client);
        else this.#byClient.set(client, left);
      },
    };
  }
}
