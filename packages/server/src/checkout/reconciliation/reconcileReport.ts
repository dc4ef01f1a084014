/**
 * What one reconciliation pass did, for logs, tests and benchmarks.
 *
 * @example const { changed, pruned } = await handlers.reconcile();
 */
export interface ReconcileReport {
  /** False when another instance held the reconciliation lease (owed fulfilments still ran). */
  reconciled: boolean;
  /** Orders not final, or expired within the window, that the pass looked for. */
  watched: number;
  /** Upstream calls: order-list pages and order details. */
  listCalls: number;
  detailCalls: number;
  /** Orders whose stored status the pass changed. */
  changed: number;
  /** Owed fulfilments the pass ran. */
  fulfilments: number;
  /** Unpaid orders the pass removed from the store, long expired (see `unpaidOrderRetentionMs`). */
  pruned: number;
  /** Upstream or store failures met (each reported to `onError`). */
  errors: number;
}
