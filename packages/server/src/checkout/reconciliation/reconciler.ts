import type { Order, Page } from '../../client/aurpayResults.js';
import { creationWindow } from './creationWindow.js';
import { OPEN_STATUSES, type StoredOrder } from '../stores/orderStore.js';
import type { ReconcileReport } from './reconcileReport.js';
import type { ReconcilerOptions } from './reconcilerOptions.js';
import { StorePruner } from './storePruner.js';

export type { ReconcileReport } from './reconcileReport.js';

/** What an open order can become at Aurpay: paid, resolved, part-paid, timed out. */
const OPEN_ORDER_STATUSES = ['SUCCESS', 'RESOLVED', 'PARTIAL', 'OVERDUE'] as const;
/** What an expired order can still become: resolved by the merchant (and, rarely listed, paid late). */
const EXPIRED_ORDER_STATUSES = ['RESOLVED'] as const;
/** Every this many passes, the expired orders' window is also searched for late payments (SUCCESS). */
const LATE_PAYMENT_EVERY = 10;
const PAGE_SIZE = 100;
const MAX_PAGES = 100;
const STORE_PAGE = 500;
const CONFIRM_CONCURRENCY = 4;
/** Aurpay's times have whole seconds and its clock may differ a little from the order's record. */
const WINDOW_MARGIN_MS = 60_000;
/** After its deadline an open order is confirmed once, then again at most this often. */
const OVERDUE_RECHECK_MS = 300_000;
const LEASE = 'reconciler';

/**
 * The safety net under callbacks: finds orders whose status at Aurpay moved on without this shop
 * hearing of it (the shop was down longer than Aurpay's callback retries, a buyer closed the tab)
 * and applies them, which records and runs their fulfilment. It is cheap at scale: each pass lists,
 * with Aurpay's `status`, `st`, `et` filters and pages of 100, the orders paid, resolved, part-paid
 * or timed out among those created when the open orders were, and the orders resolved among those
 * created when the recently expired ones were (every tenth pass, paid ones too); it confirms with
 * the order detail only those whose status or update time differs from the store's. Open orders
 * past their deadline are confirmed too. With 1,000 open orders and nothing changed, a pass is 4
 * list calls; with recently expired orders as well, 5.
 *
 * @example const report = await reconciler.pass(); // { reconciled: true, listCalls: 3, detailCalls: 0, … }
 */
export class Reconciler {
  readonly #o: ReconcilerOptions;
  readonly #overdueChecks = new Map<string, number>();
  readonly #pruner: StorePruner;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #passes = 0;
  #running: Promise<ReconcileReport> | null = null;
  #stopped = false;

  constructor(options: ReconcilerOptions) {
    this.#o = options;
    this.#pruner = new StorePruner({ store: options.store, retentionMs: options.unpaidOrderRetentionMs, now: options.now });
  }

  /** Reports a failure, unless the checkout is shutting down (its store may be closing under the pass). */
  #report(error: unknown, context: { where: string; orderId?: string }): void {
    if (!this.#stopped) this.#o.onError(error, context);
  }

  /** Resolves once the pass running now, if any, has settled. */
  async settled(): Promise<void> {
    await this.#running?.catch(() => undefined);
  }

  /** Runs a pass now, then one every `intervalMs` after the previous settled, until `stop()`. */
  start(): void {
    if (this.#stopped || this.#timer !== null) return;
    this.#schedule(0);
  }

  /** Stops the schedule and hands the lease back, so another instance (or this one restarted) takes over at once. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#pruner.stop();
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    const { store, owner, now } = this.#o;
    void store.acquireLease(LEASE, { owner, now: now(), ttlMs: 0 }).catch(() => undefined);
  }

  /** One pass; a pass already running is joined rather than doubled. */
  pass(): Promise<ReconcileReport> {
    this.#running ??= this.#pass().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  #schedule(delayMs: number): void {
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.pass()
        .catch((error: unknown) => this.#report(error, { where: 'reconciliation' }))
        .finally(() => {
          if (!this.#stopped) this.#schedule(this.#o.intervalMs);
        });
    }, delayMs);
    this.#timer.unref?.();
  }

  async #pass(): Promise<ReconcileReport> {
    const { store, owner, now, intervalMs } = this.#o;
    const report: ReconcileReport = {
      reconciled: false,
      watched: 0,
      listCalls: 0,
      detailCalls: 0,
      changed: 0,
      fulfilments: 0,
      pruned: 0,
      errors: 0,
    };
    // One interval long: a holder that died stops blocking the others (or its own restart) after it.
    if (await store.acquireLease(LEASE, { owner, now: now(), ttlMs: intervalMs })) {
      report.reconciled = true;
      const watched = await this.#watched();
      report.watched = watched.size;
      const candidates = await this.#candidates(watched, report);
      await this.#confirm(candidates, watched, report);
      // After the confirmations: an order they just found paid is kept, whatever its age.
      report.pruned = await this.#pruner.pruneIfDue().catch((error: unknown) => {
        report.errors += 1;
        this.#report(error, { where: 'reconciliation: pruning the store' });
        return 0;
      });
    }
    report.fulfilments = await this.#o.fulfilments.runDue().catch((error: unknown) => {
      report.errors += 1;
      this.#report(error, { where: 'reconciliation: owed fulfilments' });
      return 0;
    });
    return report;
  }

  async #watched(): Promise<Map<string, StoredOrder>> {
    const { store, now, expiredWindowMs } = this.#o;
    const expiredSince = now() - expiredWindowMs;
    const watched = new Map<string, StoredOrder>();
    let after: { createdAt: number; orderId: string } | undefined;
    for (;;) {
      const page = await store.listUnsettledOrders({ expiredSince, limit: STORE_PAGE, ...(after === undefined ? {} : { after }) });
      for (const order of page) watched.set(order.orderId, order);
      const last = page[page.length - 1];
      if (page.length < STORE_PAGE || last === undefined) return watched;
      after = { createdAt: last.createdAt, orderId: last.orderId };
    }
  }

  /** Orders to confirm: listed at Aurpay with another status or update time, or open past their deadline. */
  async #candidates(watched: Map<string, StoredOrder>, report: ReconcileReport): Promise<Set<string>> {
    const candidates = new Set<string>();
    const open = [...watched.values()].filter((order) => OPEN_STATUSES.includes(order.status));
    const expired = [...watched.values()].filter((order) => !OPEN_STATUSES.includes(order.status));
    this.#passes += 1;
    const expiredStatuses = this.#passes % LATE_PAYMENT_EVERY === 1 ? ['SUCCESS', ...EXPIRED_ORDER_STATUSES] : EXPIRED_ORDER_STATUSES;
    for (const [orders, statuses] of [
      [open, OPEN_ORDER_STATUSES],
      [expired, expiredStatuses],
    ] as const) {
      const window = creationWindow(orders, WINDOW_MARGIN_MS);
      if (window === null) continue;
      for (const status of statuses) await this.#listChanged(status, window, watched, candidates, report);
    }
    const now = this.#o.now();
    for (const order of open) {
      if (order.expiresAt + WINDOW_MARGIN_MS > now) continue;
      const checked = this.#overdueChecks.get(order.orderId);
      if (checked !== undefined && now - checked < OVERDUE_RECHECK_MS) continue;
      this.#overdueChecks.set(order.orderId, now);
      candidates.add(order.orderId);
    }
    for (const orderId of this.#overdueChecks.keys()) if (!watched.has(orderId)) this.#overdueChecks.delete(orderId);
    return candidates;
  }

  /** Pages through the orders Aurpay lists with `status` in `window`, adding the watched ones that moved on. */
  async #listChanged(
    status: string,
    window: { st: string; et: string },
    watched: Map<string, StoredOrder>,
    candidates: Set<string>,
    report: ReconcileReport,
  ): Promise<void> {
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      let answer: Page<Order>;
      try {
        report.listCalls += 1;
        answer = await this.#o.client.listOrders({ page, size: PAGE_SIZE, status, ...window });
      } catch (error) {
        report.errors += 1;
        this.#report(error, { where: `reconciliation: listing ${status} orders` });
        return;
      }
      for (const listed of answer.data) {
        const stored = watched.get(listed.order_id);
        if (stored === undefined) continue;
        if (
          listed.status !== stored.aurpayStatus ||
          (typeof listed.update_time === 'string' && listed.update_time !== stored.gatewayUpdatedAt)
        ) {
          candidates.add(listed.order_id);
        }
      }
      if (page >= answer.max_page || answer.data.length < PAGE_SIZE) return;
    }
  }

  async #confirm(candidates: Set<string>, watched: Map<string, StoredOrder>, report: ReconcileReport): Promise<void> {
    const queue = [...candidates];
    const worker = async () => {
      for (let orderId = queue.shift(); orderId !== undefined; orderId = queue.shift()) {
        try {
          report.detailCalls += 1;
          const order = await this.#o.confirm(orderId);
          if (order.version !== watched.get(orderId)?.version) report.changed += 1;
        } catch (error) {
          report.errors += 1;
          this.#report(error, { where: 'reconciliation: confirming an order', orderId });
        }
      }
    };
    await Promise.all(Array.from({ length: CONFIRM_CONCURRENCY }, worker));
  }
}
