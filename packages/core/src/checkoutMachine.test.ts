import { describe, expect, it } from 'vitest';
import type { CheckoutEffect, CheckoutEvent, CheckoutState } from './checkoutMachine.js';
import { initialCheckoutState, transition } from './checkoutMachine.js';
import type { OrderStatusView } from './checkoutView.js';
import { AurpayKitError } from './errors.js';
import type { CheckoutStatus } from './orderStatus.js';
import { CHECKOUT_STATUSES } from './orderStatus.js';

const T0 = '2024-04-26T10:39:47.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();

function order(status: CheckoutStatus, updatedAt = T0, extra: Partial<OrderStatusView> = {}): OrderStatusView {
  return {
    orderId: '20240426103947614609',
    status,
    aurpayStatus: status.toUpperCase(),
    amount: '0.00155419',
    paidAmount: status === 'paid' ? '0.00155419' : '0',
    remainingAmount: status === 'paid' ? '0' : '0.00155419',
    currency: 'BTC-LN',
    expiresAt: '2024-04-26T11:09:47.000Z',
    updatedAt,
    ...extra,
  };
}

const showing = (o: OrderStatusView): CheckoutState => ({ phase: o.status, order: o, error: null });
const update = (o: OrderStatusView): CheckoutEvent => ({ type: 'update', order: o });
const types = (effects: CheckoutEffect[]) => effects.map((e) => e.type);

/** Which status changes each status allows, written out from the rules rather than derived. */
const ALLOWED: Record<CheckoutStatus, readonly CheckoutStatus[]> = {
  awaiting_payment: CHECKOUT_STATUSES,
  detected: CHECKOUT_STATUSES,
  confirming: CHECKOUT_STATUSES,
  partially_paid: CHECKOUT_STATUSES,
  unknown: CHECKOUT_STATUSES,
  paid: ['paid', 'overpaid', 'refunded'],
  overpaid: ['paid', 'overpaid', 'refunded'],
  expired: ['expired'],
  failed: ['failed'],
  refunded: ['refunded'],
};

describe('transition: start and reset', () => {
  it('starts from idle with no effects', () => {
    expect(initialCheckoutState).toEqual({ phase: 'idle', order: null, error: null });
    expect(transition(initialCheckoutState, { type: 'start' })).toEqual({
      state: { phase: 'loading', order: null, error: null },
      effects: [],
    });
  });

  it('restarts from error, keeping the order and clearing the error', () => {
    const o = order('awaiting_payment');
    const failed: CheckoutState = { phase: 'error', order: o, error: { code: 'network', message: 'down' } };
    expect(transition(failed, { type: 'start' })).toEqual({ state: { phase: 'loading', order: o, error: null }, effects: [] });
  });

  it.each<CheckoutState>([{ phase: 'loading', order: null, error: null }, showing(order('awaiting_payment')), showing(order('paid'))])(
    'ignores start in phase $phase, returning the same state',
    (state) => {
      const result = transition(state, { type: 'start' });
      expect(result.state).toBe(state);
      expect(result.effects).toEqual([]);
    },
  );

  it.each<CheckoutState>([
    showing(order('paid')),
    showing(order('awaiting_payment')),
    { phase: 'error', order: null, error: { code: 'x', message: 'y' } },
  ])('resets from $phase to the initial state', (state) => {
    expect(transition(state, { type: 'reset' })).toEqual({ state: initialCheckoutState, effects: [] });
  });

  it('returns the same state when reset changes nothing', () => {
    expect(transition(initialCheckoutState, { type: 'reset' }).state).toBe(initialCheckoutState);
  });
});

describe('transition: updates', () => {
  it.each(CHECKOUT_STATUSES)('shows a first update with status %s and announces it once', (status) => {
    const o = order(status);
    const { state, effects } = transition({ phase: 'loading', order: null, error: null }, update(o));
    expect(state).toEqual({ phase: status, order: o, error: null });
    expect(effects[0]).toEqual({ type: 'statusChange', status, order: o });
    const expected = {
      paid: ['statusChange', 'success'],
      overpaid: ['statusChange', 'success'],
      expired: ['statusChange', 'timeout'],
      detected: ['statusChange', 'paymentDetected'],
      confirming: ['statusChange', 'paymentDetected'],
    } as Record<string, string[]>;
    expect(types(effects)).toEqual(expected[status] ?? ['statusChange']);
  });

  for (const from of CHECKOUT_STATUSES) {
    for (const to of CHECKOUT_STATUSES) {
      const allowed = ALLOWED[from].includes(to);
      it(`${from} → ${to}: ${allowed ? 'applied' : 'ignored'}`, () => {
        const before = showing(order(from));
        const next = order(to, at(60), { paidAmount: '0.0001' });
        const { state, effects } = transition(before, update(next));
        if (!allowed) {
          expect(state).toBe(before);
          expect(effects).toEqual([]);
          return;
        }
        expect(state).toEqual({ phase: to, order: next, error: null });
        if (from === to) {
          expect(effects).toEqual([]);
          return;
        }
        expect(effects.filter((e) => e.type === 'statusChange')).toEqual([{ type: 'statusChange', status: to, order: next }]);
        const paid = (s: CheckoutStatus) => s === 'paid' || s === 'overpaid';
        const detected = (s: CheckoutStatus) => s === 'detected' || s === 'confirming';
        expect(effects.filter((e) => e.type === 'success')).toEqual(paid(to) && !paid(from) ? [{ type: 'success', order: next }] : []);
        expect(effects.filter((e) => e.type === 'paymentDetected')).toEqual(
          detected(to) && !detected(from) ? [{ type: 'paymentDetected', order: next }] : [],
        );
        expect(effects.filter((e) => e.type === 'timeout')).toEqual(to === 'expired' ? [{ type: 'timeout', order: next }] : []);
        expect(effects.some((e) => e.type === 'error')).toBe(false);
      });
    }
  }

  it('ignores an update older than the one shown', () => {
    const before = showing(order('partially_paid', at(60)));
    const result = transition(before, update(order('awaiting_payment', at(30))));
    expect(result.state).toBe(before);
    expect(result.effects).toEqual([]);
  });

  it('takes an update with the same updatedAt, and one whose time cannot be read', () => {
    const before = showing(order('awaiting_payment', at(60)));
    expect(transition(before, update(order('partially_paid', at(60)))).state.phase).toBe('partially_paid');
    expect(transition(before, update(order('partially_paid', 'not a time'))).state.phase).toBe('partially_paid');
  });

  it('ignores an update for another order', () => {
    const before = showing(order('awaiting_payment'));
    const other = order('paid', at(60), { orderId: '20240426103947614610' });
    const result = transition(before, update(other));
    expect(result.state).toBe(before);
    expect(result.effects).toEqual([]);
  });

  it('keeps newer data for an unchanged status without announcing anything', () => {
    const before = showing(order('paid'));
    const newer = order('paid', at(60), { aurpayStatus: 'RESOLVED' });
    const result = transition(before, update(newer));
    expect(result.state.order).toBe(newer);
    expect(result.effects).toEqual([]);
  });

  it('never takes an unrecognised status for paid', () => {
    const strange = { ...order('awaiting_payment', at(60)), status: 'PAID' as CheckoutStatus };
    const { state, effects } = transition(showing(order('awaiting_payment')), update(strange));
    expect(state.phase).toBe('unknown');
    expect(state.order?.status).toBe('unknown');
    expect(types(effects)).toEqual(['statusChange']);
    expect(effects[0]).toMatchObject({ status: 'unknown' });
  });

  it('goes from unknown to paid when the order is paid', () => {
    const { effects } = transition(showing(order('unknown')), update(order('paid', at(60))));
    expect(types(effects)).toEqual(['statusChange', 'success']);
  });

  it('does not mutate the state or the event', () => {
    const before = Object.freeze(showing(Object.freeze(order('awaiting_payment'))));
    const incoming = Object.freeze(order('paid', at(60)));
    const { state } = transition(before, update(incoming));
    expect(before.phase).toBe('awaiting_payment');
    expect(incoming.status).toBe('paid');
    expect(state).not.toBe(before);
  });
});

describe('transition: failures', () => {
  const error = { code: 'network', message: 'The status could not be fetched.' };

  it('moves loading to error with one error effect', () => {
    expect(transition({ phase: 'loading', order: null, error: null }, { type: 'fail', error })).toEqual({
      state: { phase: 'error', order: null, error },
      effects: [{ type: 'error', error }],
    });
  });

  it('keeps the order through an error and returns to it without a status change', () => {
    const o = order('awaiting_payment');
    const failed = transition(showing(o), { type: 'fail', error });
    expect(failed.state).toEqual({ phase: 'error', order: o, error });
    const back = transition(failed.state, update(order('awaiting_payment', at(10))));
    expect(back.state.phase).toBe('awaiting_payment');
    expect(back.state.error).toBeNull();
    expect(back.effects).toEqual([]);
  });

  it.each(['paid', 'expired', 'failed', 'refunded'] as const)('ignores a failure once %s', (status) => {
    const before = showing(order(status));
    const result = transition(before, { type: 'fail', error });
    expect(result.state).toBe(before);
    expect(result.effects).toEqual([]);
  });

  it('reports each failure', () => {
    const first = transition(initialCheckoutState, { type: 'fail', error });
    const second = transition(first.state, { type: 'fail', error: { code: 'http_500', message: 'again' } });
    expect(second.effects).toEqual([{ type: 'error', error: { code: 'http_500', message: 'again' } }]);
  });
});

describe('transition: a whole checkout', () => {
  it('fires success, timeout and status changes exactly once across repeated and stale updates', () => {
    const events: CheckoutEvent[] = [
      { type: 'start' },
      update(order('awaiting_payment', at(0))),
      update(order('awaiting_payment', at(0))),
      update(order('partially_paid', at(10))),
      { type: 'fail', error: { code: 'network', message: 'blip' } },
      { type: 'start' },
      update(order('partially_paid', at(10))),
      update(order('paid', at(20))),
      update(order('paid', at(20))),
      update(order('paid', at(30))),
      update(order('awaiting_payment', at(15))),
      update(order('expired', at(40))),
      { type: 'fail', error: { code: 'network', message: 'late' } },
      update(order('refunded', at(50))),
    ];
    let state = initialCheckoutState;
    const seen: CheckoutEffect[] = [];
    for (const event of events) {
      const result = transition(state, event);
      state = result.state;
      seen.push(...result.effects);
    }
    expect(seen.map((e) => (e.type === 'statusChange' ? `statusChange:${e.status}` : e.type))).toEqual([
      'statusChange:awaiting_payment',
      'statusChange:partially_paid',
      'error',
      'statusChange:paid',
      'success',
      'statusChange:refunded',
    ]);
    expect(state.phase).toBe('refunded');
  });
});

describe('transition: a transaction the page sent (detect)', () => {
  const sent = { hash: '0x' + 'ab'.repeat(32), confirmations: null };
  const detect = (transaction = sent): CheckoutEvent => ({ type: 'detect', transaction });

  it.each(['awaiting_payment', 'partially_paid'] as const)('shows %s as detected with the hash, announcing it once', (status) => {
    const { state, effects } = transition(showing(order(status)), detect());
    expect(state.phase).toBe('detected');
    expect(state.order?.transactions).toEqual([sent]);
    expect(types(effects)).toEqual(['statusChange', 'paymentDetected']);
    const again = transition(state, detect());
    expect(again.state).toBe(state);
    expect(again.effects).toEqual([]);
  });

  it('keeps showing detected while the server still says awaiting payment, and lets the server move on', () => {
    const detected = transition(showing(order('awaiting_payment')), detect()).state;
    const stillWaiting = transition(detected, update(order('awaiting_payment', at(10))));
    expect(stillWaiting.state.phase).toBe('detected');
    expect(stillWaiting.state.order?.transactions).toEqual([sent]);
    expect(stillWaiting.effects).toEqual([]);
    const listed = transition(
      stillWaiting.state,
      update(order('confirming', at(20), { transactions: [{ hash: sent.hash, confirmations: 1 }] })),
    );
    expect(listed.state.order?.transactions).toEqual([{ hash: sent.hash, confirmations: 1 }]);
    expect(types(listed.effects)).toEqual(['statusChange']);
    const paid = transition(listed.state, update(order('paid', at(30))));
    expect(types(paid.effects)).toEqual(['statusChange', 'success']);
  });

  it('never makes an order paid, and changes nothing once final or with no order', () => {
    expect(transition(initialCheckoutState, detect()).state).toBe(initialCheckoutState);
    for (const status of ['paid', 'overpaid', 'expired', 'failed', 'refunded'] as const) {
      const before = showing(order(status));
      expect(transition(before, detect()).state).toBe(before);
    }
    const unknown = showing(order('unknown'));
    expect(transition(unknown, detect()).state).toBe(unknown);
  });

  it('keeps the sent hash through an error and a retry', () => {
    const detected = transition(showing(order('awaiting_payment')), detect()).state;
    const failed = transition(detected, { type: 'fail', error: { code: 'network', message: 'blip' } }).state;
    const back = transition(transition(failed, { type: 'start' }).state, update(order('awaiting_payment', at(10))));
    expect(back.state.phase).toBe('detected');
  });

  it.each([[''], ['x'.repeat(129)], ['a b'], [42]])('refuses the hash %j', (hash) => {
    expect(() => transition(showing(order('awaiting_payment')), detect({ hash, confirmations: null } as never))).toThrow(AurpayKitError);
  });
});

describe('transition: bad events', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['a string', 'start'],
    ['an unknown type', { type: 'pay' }],
    ['an update without an order', { type: 'update' }],
    ['an update with an order lacking an id', { type: 'update', order: { status: 'paid' } }],
    ['a fail without an error', { type: 'fail' }],
    ['a fail with a non-string code', { type: 'fail', error: { code: 1, message: 'x' } }],
  ])('rejects %s with checkout_event_invalid', (_label, event) => {
    try {
      transition(initialCheckoutState, event as CheckoutEvent);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AurpayKitError);
      expect((error as AurpayKitError).code).toBe('checkout_event_invalid');
    }
  });
});
