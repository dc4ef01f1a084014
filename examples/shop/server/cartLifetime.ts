/**
 * How long the shop keeps an unpaid cart. For `orderableMs` after it was made it can be ordered;
 * for `payableMs` more it is kept but not offered, so a payment for an order made just before the
 * end (a slow confirmation, a partial payment topped up later) still finds its cart; then it is
 * deleted. A paid cart and its payments are kept for good.
 */
export const CART_LIFETIME = {
  orderableMs: 3 * 86_400_000,
  payableMs: 7 * 86_400_000,
} as const;
