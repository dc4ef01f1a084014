import { describe, expect, it } from 'vitest';
import { CHECKOUT_STATUSES, checkoutStatusFromAurpay, isPaidStatus, isTerminalStatus } from './orderStatus.js';
import { AURPAY_ORDER_STATUSES } from './wire.js';

describe('checkoutStatusFromAurpay', () => {
  it.each([
    ['PENDING', 'awaiting_payment'],
    ['PARTIAL', 'partially_paid'],
    ['SUCCESS', 'paid'],
    ['RESOLVED', 'paid'],
    ['OVERDUE', 'expired'],
    ['FAILED', 'failed'],
    ['TERMINATED', 'failed'],
    ['REFUNDED', 'refunded'],
  ])('maps %s to %s', (aurpay, checkout) => {
    expect(checkoutStatusFromAurpay(aurpay)).toBe(checkout);
  });

  it('covers every status Aurpay documents', () => {
    expect([...AURPAY_ORDER_STATUSES].sort()).toEqual(
      ['FAILED', 'OVERDUE', 'PARTIAL', 'PENDING', 'REFUNDED', 'RESOLVED', 'SUCCESS', 'TERMINATED'],
    );
    for (const status of AURPAY_ORDER_STATUSES) expect(checkoutStatusFromAurpay(status)).not.toBe('unknown');
  });

  it.each([
    ['success'],
    ['Success'],
    [' SUCCESS'],
    ['SUCCESS '],
    ['PAID'],
    ['COMPLETED'],
    ['CONFIRMED'],
    [''],
    ['toString'],
    ['constructor'],
    ['__proto__'],
    ['hasOwnProperty'],
  ])('maps the unrecognised string %j to unknown, never paid', (status) => {
    expect(checkoutStatusFromAurpay(status)).toBe('unknown');
  });

  it.each([[null], [undefined], [0], [1], [true], [{}], [['SUCCESS']], [{ status: 'SUCCESS' }], [Symbol('SUCCESS')]])(
    'maps the non-string %s to unknown',
    (status) => {
      expect(checkoutStatusFromAurpay(status)).toBe('unknown');
    },
  );
});

describe('isTerminalStatus and isPaidStatus', () => {
  it.each([
    ['awaiting_payment', false, false],
    ['partially_paid', false, false],
    ['paid', true, true],
    ['expired', true, false],
    ['failed', true, false],
    ['refunded', true, false],
    ['unknown', false, false],
  ] as const)('%s: terminal %s, paid %s', (status, terminal, paid) => {
    expect(isTerminalStatus(status)).toBe(terminal);
    expect(isPaidStatus(status)).toBe(paid);
  });

  it('lists the closed set of checkout statuses', () => {
    expect(CHECKOUT_STATUSES).toEqual([
      'awaiting_payment',
      'partially_paid',
      'paid',
      'expired',
      'failed',
      'refunded',
      'unknown',
    ]);
  });

  it('treats only paid as paid, whatever Aurpay sends', () => {
    const paying = [...AURPAY_ORDER_STATUSES, 'PAID', 'success', ''].filter((s) =>
      isPaidStatus(checkoutStatusFromAurpay(s)),
    );
    expect(paying).toEqual(['SUCCESS', 'RESOLVED']);
  });
});
