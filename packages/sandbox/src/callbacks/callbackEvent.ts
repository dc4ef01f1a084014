import type { AurpayOrderStatus } from '@aurpay-kit/core';

import type { SandboxQuirks } from '../sandboxProfile.js';

/**
 * Which callback a status change sends: `callback_url` ('success') on SUCCESS, `timeout_callback`
 * ('timeout') on OVERDUE, as the endpoints' descriptions say. Under `callbackEveryChange` (the
 * overview: "whenever the order status changes") every other change calls `callback_url` too,
 * since the documents name no URL for PARTIAL, RESOLVED or REFUNDED and the receiver reads the
 * status from the order detail anyway.
 *
 * @example callbackEvent('RESOLVED', { callbackEveryChange: true }) // 'success'
 */
export function callbackEvent(to: AurpayOrderStatus, quirks: Pick<SandboxQuirks, 'callbackEveryChange'>): 'success' | 'timeout' | null {
  if (to === 'OVERDUE') return 'timeout';
  if (to === 'SUCCESS' || quirks.callbackEveryChange) return 'success';
  return null;
}
