import { describe, expect, it } from 'vitest';

import { GatewayError } from '../http/gatewayError.js';
import { expireOrder, payOrder, refundOrder, resolveOrder } from './orderTransitions.js';
import { refundQuote } from './refundQuote.js';
import { testOrder } from '../test-utils/testOrder.js';

const order = testOrder;

const payer = { txHash: 'ab', fromAddr: 'TFMsMzcQEmqEAxjaGnjQCE2TaeJYuHhCrF' };

function stateError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error.code;
  }
  return 'no error';
}

describe('order transitions', () => {
  it('pays the remainder by default: PENDING → SUCCESS', () => {
    const o = order();
    expect(payOrder(o, payer, 5)).toEqual({ from: 'PENDING', to: 'SUCCESS' });
    expect(o.paid).toBe('7.6883');
    expect(o.updatedAt).toBe(5);
  });

  it('under-payment is PARTIAL, and a second payment completes it', () => {
    const o = order();
    expect(payOrder(o, { ...payer, amount: '5' }, 1).to).toBe('PARTIAL');
    expect(payOrder(o, payer, 2)).toEqual({ from: 'PARTIAL', to: 'SUCCESS' });
    expect(o.payments.map((p) => p.amount)).toEqual(['5', '2.6883']);
  });

  it('over-payment is SUCCESS with the whole amount kept', () => {
    const o = order();
    payOrder(o, { ...payer, amount: '8' }, 1);
    expect(o.status).toBe('SUCCESS');
    expect(o.paid).toBe('8');
  });

  it('refuses to pay a closed order and to underpay a Lightning invoice', () => {
    expect(stateError(() => payOrder(order({ status: 'OVERDUE' }), payer, 1))).toBe('order_state_invalid');
    const invoice = {
      paymentRequest: 'lntb1',
      paymentHash: 'h',
      paymentSecret: 's',
      preimage: 'p',
      description: 'd',
      expirySeconds: 86400,
    };
    expect(stateError(() => payOrder(order({ invoice }), { ...payer, amount: '1' }, 1))).toBe('field_invalid');
  });

  it('expires only open orders', () => {
    expect(expireOrder(order({ status: 'PARTIAL' }), 1)).toEqual({ from: 'PARTIAL', to: 'OVERDUE' });
    expect(stateError(() => expireOrder(order({ status: 'SUCCESS' }), 1))).toBe('order_state_invalid');
  });

  it('resolves only PARTIAL or OVERDUE orders', () => {
    expect(resolveOrder(order({ status: 'PARTIAL' }), 1).to).toBe('RESOLVED');
    expect(resolveOrder(order({ status: 'OVERDUE' }), 1).to).toBe('RESOLVED');
    for (const status of ['PENDING', 'SUCCESS', 'REFUNDED'] as const) {
      expect(stateError(() => resolveOrder(order({ status }), 1))).toBe('order_state_invalid');
    }
  });

  it('refunds only paid on-chain orders, less the network fee', () => {
    const o = order({ status: 'SUCCESS', paid: '7.6883', payments: [{ amount: '7.6883', at: 1, ...payer }] });
    const quote = refundQuote(o);
    expect(quote).toEqual({ networkFee: '0.353', obtained: '7.3353' });
    expect(refundOrder(o, { ...quote, txId: 'refund-tx', txHash: 'ab'.repeat(32) }, 9)).toEqual({ from: 'SUCCESS', to: 'REFUNDED' });
    expect(o.refund).toEqual({ networkFee: '0.353', obtained: '7.3353', txId: 'refund-tx', txHash: 'ab'.repeat(32), at: 9 });
    expect(stateError(() => refundQuote(order()))).toBe('order_state_invalid');
    expect(stateError(() => refundQuote(order({ status: 'RESOLVED' })))).toBe('order_state_invalid');
    expect(stateError(() => refundQuote(o))).toBe('order_state_invalid');
  });

  it('refunds what an OVERDUE or PARTIAL order received, and nothing that received none', () => {
    for (const status of ['OVERDUE', 'PARTIAL'] as const) {
      const o = order({ status, paid: '5', payments: [{ amount: '5', at: 1, ...payer }] });
      expect(refundQuote(o)).toEqual({ networkFee: '0.353', obtained: '4.647' });
      expect(refundOrder(o, { ...refundQuote(o), txId: 't', txHash: 'h' }, 2)).toEqual({ from: status, to: 'REFUNDED' });
      expect(stateError(() => refundQuote(order({ status })))).toBe('order_state_invalid');
    }
    for (const status of ['PENDING', 'FAILED', 'TERMINATED'] as const) {
      expect(stateError(() => refundQuote(order({ status, paid: '5' })))).toBe('order_state_invalid');
    }
  });
});
