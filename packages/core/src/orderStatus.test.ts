import { describe, expect, it } from 'vitest';
import {
  CHECKOUT_STATUSES,
  checkoutStatusFromAurpay,
  isDetectedStatus,
  isPaidStatus,
  isTerminalStatus,
  refineCheckoutStatus,
} from './orderStatus.js';
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
    expect([...AURPAY_ORDER_STATUSES].sort()).toEqual([
      'FAILED',
      'OVERDUE',
      'PARTIAL',
      'PENDING',
      'REFUNDED',
      'RESOLVED',
      'SUCCESS',
      'TERMINATED',
    ]);
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
    ['detected', false, false],
    ['confirming', false, false],
    ['partially_paid', false, false],
    ['paid', true, true],
    ['overpaid', true, true],
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
      'detected',
      'confirming',
      'partially_paid',
      'paid',
      'overpaid',
      'expired',
      'failed',
      'refunded',
      'unknown',
    ]);
  });

  it('treats only paid as paid, whatever Aurpay sends', () => {
    const paying = [...AURPAY_ORDER_STATUSES, 'PAID', 'success', ''].filter((s) => isPaidStatus(checkoutStatusFromAurpay(s)));
    expect(paying).toEqual(['SUCCESS', 'RESOLVED']);
  });
});

describe('refineCheckoutStatus', () => {
  const facts = (paidAmount: string, uncounted: 'detected' | 'confirming' | null = null) => ({ amount: '1.5', paidAmount, uncounted });

  it.each(['awaiting_payment', 'partially_paid'] as const)('shows %s with a transaction on its way as detected or confirming', (status) => {
    expect(refineCheckoutStatus(status, facts('0', 'detected'))).toBe('detected');
    expect(refineCheckoutStatus(status, facts('0.5', 'confirming'))).toBe('confirming');
    expect(refineCheckoutStatus(status, facts('0'))).toBe(status);
  });

  it('shows a paid order that received more than its amount as overpaid, and only a paid one', () => {
    expect(refineCheckoutStatus('paid', facts('1.6'))).toBe('overpaid');
    expect(refineCheckoutStatus('paid', facts('1.5'))).toBe('paid');
    expect(refineCheckoutStatus('paid', facts('1.2'))).toBe('paid');
    expect(refineCheckoutStatus('expired', facts('1.6'))).toBe('expired');
    expect(refineCheckoutStatus('awaiting_payment', facts('1.6'))).toBe('awaiting_payment');
  });

  it.each(['paid', 'expired', 'failed', 'refunded', 'unknown'] as const)('never turns %s into detected', (status) => {
    expect(refineCheckoutStatus(status, facts('0', 'confirming'))).not.toMatch(/detected|confirming/);
  });

  it('never makes anything paid', () => {
    for (const status of CHECKOUT_STATUSES) {
      for (const uncounted of ['detected', 'confirming', null] as const) {
        const refined = refineCheckoutStatus(status, facts('9', uncounted));
        if (isPaidStatus(refined)) expect(isPaidStatus(status)).toBe(true);
      }
    }
  });

  it('names the statuses of a transaction on its way', () => {
    expect(CHECKOUT_STATUSES.filter(isDetectedStatus)).toEqual(['detected', 'confirming']);
    expect(CHECKOUT_STATUSES.filter(isPaidStatus)).toEqual(['paid', 'overpaid']);
  });
});
