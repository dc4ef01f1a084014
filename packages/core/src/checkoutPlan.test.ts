import { describe, expect, it } from 'vitest';
import { checkoutPlan } from './checkoutPlan.js';
import type { CheckoutOrder } from './checkoutView.js';

const order = { orderId: 'o1', statusToken: 't', kind: 'crypto', chain: 'ETH', currency: 'USDT-ERC20' } as CheckoutOrder;

describe('checkoutPlan()', () => {
  it('watches a given order, by itself or by id and token', () => {
    expect(checkoutPlan({ order })).toEqual({ type: 'watch', orderId: 'o1', statusToken: 't' });
    expect(checkoutPlan({ orderId: 'o2', statusToken: 'u', chain: 'BTC' })).toEqual({
      type: 'watch',
      orderId: 'o2',
      statusToken: 'u',
    });
  });

  it('creates in the fixed currency, lets the buyer choose without one, and needs none for Lightning', () => {
    expect(checkoutPlan({ chain: 'BTC', currency: 'BTC' })).toEqual({
      type: 'create',
      kind: 'crypto',
      selection: { chain: 'BTC', currency: 'BTC' },
    });
    expect(checkoutPlan({ chain: 'BTC' })).toEqual({ type: 'choose' });
    expect(checkoutPlan({ kind: 'lightning' })).toEqual({ type: 'create', kind: 'lightning', selection: null });
  });

  it('creates nothing by itself when create is false, until a new order is asked for', () => {
    expect(checkoutPlan({ kind: 'lightning', create: false })).toEqual({ type: 'none' });
    expect(checkoutPlan({ kind: 'lightning', create: false }, undefined, true)).toMatchObject({ type: 'create' });
  });

  it('asked for a new order: passes over the given one and keeps its currency, or the buyer’s', () => {
    expect(checkoutPlan({ order }, undefined, true)).toEqual({
      type: 'create',
      kind: 'crypto',
      selection: { chain: 'ETH', currency: 'USDT-ERC20' },
    });
    expect(checkoutPlan({ orderId: 'o1', statusToken: 't' }, undefined, true)).toEqual({ type: 'choose' });
    expect(checkoutPlan({}, { chain: 'TRX', currency: 'USDT-TRC20' }, true)).toMatchObject({
      selection: { chain: 'TRX', currency: 'USDT-TRC20' },
    });
  });
});
