import type { CheckoutStatus } from '@aurpay-kit/core';

/**
 * The statuses an order may be pruned in (see `PruneRequest`), once it expired long enough ago
 * and only if nothing was paid: timed out or failed, or never settled either way (awaiting
 * payment, unknown). A part-paid order is kept, as are paid and refunded ones.
 *
 * @example PRUNABLE_STATUSES.includes(order.status) && order.paidAmount === '0'
 */
export const PRUNABLE_STATUSES: readonly CheckoutStatus[] = ['awaiting_payment', 'unknown', 'expired', 'failed'];
