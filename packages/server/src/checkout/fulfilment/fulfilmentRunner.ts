import { AurpayKitError } from '@aurpay-kit/core';
import type { Fulfilment, FulfilmentContext, FulfilmentOutcome } from './fulfilment.js';
import type { OrderStore, StoredOrder } from '../stores/orderStore.js';

export type FulfilmentHook = (order: StoredOrder, context: FulfilmentContext) => void | Promise<void>;

export interface FulfilmentPolicy {
  /** Attempts before a fulfilment is set `failed` and reported. */
  maxAttempts: number;
  /** How long an attempt is leased; renewed while the hook runs, so a crash frees it after this. */
  leaseMs: number;
  /** Delay after the first failure; each next one is 4 times longer, up to `maxRetryMs`. */
  firstRetryMs: number;
  maxRetryMs: number;
}

export interface FulfilmentRunnerOptions {
  store: OrderStore;
  hooks: Record<FulfilmentOutcome, FulfilmentHook>;
  policy: FulfilmentPolicy;
  /** This instance's id, the lease owner. */
  owner: string;
  now: () => number;
  onError: (error: unknown, context: { where: string; orderId?: string }) => void;
}

/** What one `run` did. */
export type RunOutcome = 'done' | 'retrying' | 'failed' | 'skipped';

const HOOK_NAMES: Record<FulfilmentOutcome, string> = { paid: 'onPaid', expired: 'onExpired' };
const DUE_BATCH = 100;
const DUE_CONCURRENCY = 4;

function describe(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 1000);
}

/**
 * Runs the fulfilments the store holds as owed (`onPaid` for paid orders, `onExpired` for
 * expired ones): claims one under a lease (renewed while the hook runs), calls the hook with the
 * order and a `FulfilmentContext`, and marks it done only once the hook resolved. A hook that
 * throws is tried again with backoff (1 s, 4 s, 16 s… up to `maxRetryMs`) by whichever instance
 * comes first, here by a timer and everywhere by the reconciler's passes; after `maxAttempts` it is
 * set `failed`, reported, and waits for `retry`.
 *
 * @example await runner.run(order, 'paid'); // 'done', 'retrying', 'failed' or 'skipped'
 */
export class FulfilmentRunner {
  readonly #o: FulfilmentRunnerOptions;
  readonly #inFlight = new Map<string, Promise<RunOutcome>>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #closed = false;

  constructor(options: FulfilmentRunnerOptions) {
    this.#o = options;
  }

  /** Attempts running in this process now. */
  get running(): number {
    return this.#inFlight.size;
  }

  /**
   * Runs the order's fulfilment for `outcome` if it is owed and due and nobody holds it; resolves
   * with what happened. Rejects only when the store cannot be reached (the attempt did not start).
   */
  run(order: StoredOrder, outcome: FulfilmentOutcome): Promise<RunOutcome> {
    const key = `${outcome}:${order.orderId}`;
    const running = this.#inFlight.get(key);
    if (running !== undefined) return running;
    const attempt = this.#attempt(order, outcome).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, attempt);
    return attempt;
  }

  /**
   * Like `run`, off the caller's path: a store failure is reported and tried again shortly, so the
   * fulfilment is neither lost nor waits for the next reconciliation.
   */
  kick(order: StoredOrder, outcome: FulfilmentOutcome, failures = 0): void {
    if (this.#closed) return;
    this.run(order, outcome).catch((error: unknown) => {
      this.#o.onError(error, { where: `starting ${HOOK_NAMES[outcome]}`, orderId: order.orderId });
      this.#schedule(order.orderId, outcome, this.#o.now() + this.#delay(failures + 1), failures + 1);
    });
  }

  /** Runs every fulfilment due now (a bounded batch), a few at a time; resolves with how many ran. */
  async runDue(): Promise<number> {
    const due = await this.#o.store.listFulfilments({ state: 'owed', dueBy: this.#o.now(), limit: DUE_BATCH });
    let ran = 0;
    let next = 0;
    const worker = async () => {
      while (next < due.length && !this.#closed) {
        const record = due[next++] as Fulfilment;
        if (record.leaseUntil !== null && record.leaseUntil > this.#o.now()) continue;
        const order = await this.#o.store.get(record.orderId);
        if (order === null) {
          await this.#orphaned(record);
          continue;
        }
        if ((await this.run(order, record.outcome)) !== 'skipped') ran += 1;
      }
    };
    await Promise.all(Array.from({ length: DUE_CONCURRENCY }, worker));
    return ran;
  }

  /** Resolves once every attempt running now has settled. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight.values()]);
  }

  /** Stops the retry timers (server shutdown); attempts already running finish. */
  close(): void {
    this.#closed = true;
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }

  async #attempt(order: StoredOrder, outcome: FulfilmentOutcome): Promise<RunOutcome> {
    const { store, policy, owner, now } = this.#o;
    const claim = await store.claimFulfilment(order.orderId, outcome, { owner, now: now(), leaseMs: policy.leaseMs });
    if (claim === null) return 'skipped';
    const renewal = setInterval(
      () => {
        store.renewFulfilment(order.orderId, outcome, { owner, now: now(), leaseMs: policy.leaseMs }).catch(() => undefined);
      },
      Math.max(1, Math.floor(policy.leaseMs / 3)),
    );
    renewal.unref?.();
    try {
      await this.#o.hooks[outcome](order, this.#context(order.orderId, outcome, claim.attempts));
    } catch (error) {
      clearInterval(renewal);
      return this.#failed(order, outcome, claim.attempts, error);
    }
    clearInterval(renewal);
    await store.completeFulfilment(order.orderId, outcome, { owner, now: now() }).catch((error: unknown) => {
      // The hook ran; when the done mark cannot be written, the lease lapses and it runs again.
      this.#o.onError(error, { where: `recording ${HOOK_NAMES[outcome]} as done`, orderId: order.orderId });
    });
    return 'done';
  }

  /** A fulfilment owed for an order the store does not have: set failed, so it is listed and reported once. */
  async #orphaned(record: Fulfilment): Promise<void> {
    const { store, owner, now, policy, onError } = this.#o;
    const error = new AurpayKitError(
      'fulfilment_order_missing',
      `Order ${record.orderId} owes ${HOOK_NAMES[record.outcome]} but is not in the store.`,
    );
    if ((await store.claimFulfilment(record.orderId, record.outcome, { owner, now: now(), leaseMs: policy.leaseMs })) === null) return;
    await store.failFulfilment(record.orderId, record.outcome, { owner, now: now(), error: error.message, retryAt: null });
    onError(error, { where: 'fulfilments', orderId: record.orderId });
  }

  #context(orderId: string, outcome: FulfilmentOutcome, attempt: number): FulfilmentContext {
    const { store, owner, now } = this.#o;
    const context: FulfilmentContext = { idempotencyKey: orderId, attempt, outcome };
    if (store.completeFulfilmentWith !== undefined) {
      context.transaction = (work) => store.completeFulfilmentWith!(orderId, outcome, { owner, now: now() }, work);
    }
    return context;
  }

  async #failed(order: StoredOrder, outcome: FulfilmentOutcome, attempts: number, error: unknown): Promise<RunOutcome> {
    const { store, policy, owner, now, onError } = this.#o;
    const hook = HOOK_NAMES[outcome];
    const giveUp = attempts >= policy.maxAttempts;
    const retryAt = giveUp ? null : now() + this.#delay(attempts);
    onError(error, { where: `${hook} (attempt ${attempts} of ${policy.maxAttempts})`, orderId: order.orderId });
    const record = await store
      .failFulfilment(order.orderId, outcome, { owner, now: now(), error: describe(error), retryAt })
      .catch((storeError: unknown) => {
        // Unrecorded: the lease lapses and the next pass tries again.
        onError(storeError, { where: `recording a failed ${hook}`, orderId: order.orderId });
        return null;
      });
    if (record === null) return 'skipped';
    if (giveUp) {
      const message = `${hook} for order ${order.orderId} failed ${attempts} times and will not be tried again until retried (last error: ${describe(error)}).`;
      onError(new AurpayKitError('fulfilment_failed', message, { cause: error }), { where: hook, orderId: order.orderId });
      return 'failed';
    }
    this.#schedule(order.orderId, outcome, record.dueAt, 0);
    return 'retrying';
  }

  /** A timer in this process for a retry; the reconciler runs it anyway should this one be lost. */
  #schedule(orderId: string, outcome: FulfilmentOutcome, at: number, failures: number): void {
    const key = `${outcome}:${orderId}`;
    if (this.#closed || this.#timers.has(key)) return;
    const timer = setTimeout(
      () => {
        this.#timers.delete(key);
        this.#o.store.get(orderId).then(
          (order) => {
            if (order !== null) this.kick(order, outcome, failures);
          },
          () => this.#schedule(orderId, outcome, this.#o.now() + this.#delay(failures + 1), failures + 1),
        );
      },
      Math.max(0, at - this.#o.now()),
    );
    timer.unref?.();
    this.#timers.set(key, timer);
  }

  #delay(attempt: number): number {
    const { firstRetryMs, maxRetryMs } = this.#o.policy;
    return Math.min(firstRetryMs * 4 ** Math.min(attempt - 1, 20), maxRetryMs);
  }
}
