import { describe, expect, it } from 'vitest';
import type { OrderDetail, Transaction } from '../../client/aurpayResults.js';
import { countsPayments, seenTransactions, uncountedStage, type SeenTransaction } from './seenTransactions.js';

const A = 'aa'.repeat(32);
const B = `0x${'bb'.repeat(32)}`;
const detail = (extra: Partial<OrderDetail> & Record<string, unknown> = {}) =>
  ({ tx_hash: '', tx_id: 't1', status: 'PENDING', ...extra }) as OrderDetail;
const tx = (extra: Partial<Transaction> & Record<string, unknown>) =>
  ({ tx_id: 't1', status: 'PENDING', tx_hash: A, ...extra }) as Transaction;

describe('seenTransactions', () => {
  it('has none before a hash appears, whatever Aurpay sends in its place', () => {
    for (const tx_hash of ['', null, 'abc', `${A}x`, 42])
      expect(seenTransactions([], detail({ tx_hash } as never), null, false)).toEqual([]);
  });

  it('takes the detail hash, the callback-style list and the transaction, once each, oldest first', () => {
    const seen = seenTransactions(
      [],
      detail({ tx_hash: B, tx_hash_list: [A, B.toUpperCase().replace('0X', '0x')] }),
      tx({ tx_hash: A }),
      false,
    );
    expect(seen.map((t) => t.hash)).toEqual([A, B.toUpperCase().replace('0X', '0x')]);
  });

  it('tells a transaction in a block by its status in the list, or by a count, and never lowers a count', () => {
    const seen = seenTransactions([], detail({ tx_hash: A }), tx({ status: 'SUCCESS' }), false);
    expect(seen).toEqual([{ hash: A, confirmations: null, inBlock: true, counted: false }]);
    const counted = seenTransactions([], detail({ tx_hash: A, confirmations: '3' }), null, false);
    expect(counted).toEqual([{ hash: A, confirmations: 3, inBlock: true, counted: false }]);
    const later = seenTransactions(counted, detail({ tx_hash: A }), tx({ confirmations: 1 }), false);
    expect(later[0]).toMatchObject({ confirmations: 3, inBlock: true });
    for (const confirmations of [-1, 1.5, 'x', '1e3', Number.MAX_SAFE_INTEGER + 2]) {
      expect(seenTransactions([], detail({ tx_hash: A, confirmations }), null, false)[0]?.confirmations).toBeNull();
    }
  });

  it('keeps hashes the detail no longer shows, and marks them counted when the money moves', () => {
    const before: SeenTransaction[] = [{ hash: A, confirmations: null, inBlock: false, counted: false }];
    const seen = seenTransactions(before, detail({ tx_hash: B }), null, true);
    expect(seen).toEqual([
      { hash: A, confirmations: null, inBlock: false, counted: true },
      { hash: B, confirmations: null, inBlock: false, counted: true },
    ]);
  });

  it('keeps at most 20', () => {
    const many = Array.from({ length: 25 }, (_, i) => i.toString(16).padStart(64, '0'));
    expect(seenTransactions([], detail({ tx_hash_list: many }), null, false)).toHaveLength(20);
  });
});

describe('uncountedStage and countsPayments', () => {
  const t = (inBlock: boolean, counted: boolean): SeenTransaction => ({ hash: A, confirmations: null, inBlock, counted });

  it('is detected, confirming, or nothing', () => {
    expect(uncountedStage([])).toBeNull();
    expect(uncountedStage([t(true, true)])).toBeNull();
    expect(uncountedStage([t(true, true), t(false, false)])).toBe('detected');
    expect(uncountedStage([t(false, false), t(true, false)])).toBe('confirming');
  });

  it('counts on a move past waiting or a larger paid amount, never while waiting', () => {
    expect(countsPayments('awaiting_payment', '0', 'awaiting_payment', '0')).toBe(false);
    expect(countsPayments('awaiting_payment', '0', 'unknown', '0')).toBe(false);
    expect(countsPayments('awaiting_payment', '0', 'partially_paid', '5')).toBe(true);
    expect(countsPayments('partially_paid', '5', 'partially_paid', '5')).toBe(false);
    expect(countsPayments('partially_paid', '5', 'partially_paid', '7')).toBe(true);
    expect(countsPayments('partially_paid', '5', 'paid', '18')).toBe(true);
    expect(countsPayments('awaiting_payment', '0', 'expired', '0')).toBe(true);
  });
});
