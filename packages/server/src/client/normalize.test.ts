import { describe, expect, it } from 'vitest';
import * as n from './normalize.js';
import { looseAmounts } from './normalizeFields.js';
import { parseGatewayJson } from './parseGatewayJson.js';
import { descriptionJson } from './test-utils/collectionExamples.js';
import { findItem, loadCollection } from './test-utils/postmanScript.js';

/** The `data` of an example response in Aurpay's Postman collection, read as the client reads it. */
const collection = loadCollection();
function example(folder: string, item: string, index = 0): unknown {
  const response = (findItem(findItem(collection.item, folder).item ?? [], item) as { response?: { body: string }[] }).response?.[index];
  if (response === undefined) throw new Error(`no example response for ${item}`);
  return (parseGatewayJson(response.body) as { data: unknown }).data;
}

/** The POST callback body shown in the Get Payment Info description. */
function callbackExample(): unknown {
  return descriptionJson('Order', 'Get Payment Info');
}

describe('normalizers on Aurpay’s own examples', () => {
  it('orders page: string amounts canonicalized', () => {
    const page = n.pageOf(n.normalizeOrder)(example('Order', 'Get Orders'));
    expect(page).toMatchObject({ page: 1, size: 10, total: 43, max_page: 5 });
    expect(page.data[0]).toMatchObject({ order_id: '20240806071926377966', amount: '19.0012', vs_price: '19' });
    for (const order of page.data) expect(typeof order.amount).toBe('string');
  });

  it('order detail: null obtained stays null, to_addr false kept', () => {
    const detail = n.normalizeOrderDetail(example('Order', 'Get Orders Details'));
    expect(detail).toMatchObject({ obtained: null, fee: '0.2', to_addr: false, tx_hash: '', amount: '19.0012' });
  });

  it('refund quote, transactions, balances, Lightning', () => {
    expect(n.normalizeRefundQuote(example('Order', 'Get Orders Refund Info'))).toMatchObject({
      amount: '7.6883',
      network_fee: '0.353',
      obtained: '7.3353',
      refund_et: 60,
    });
    const txs = n.pageOf(n.normalizeTransaction)(example('Order', 'Get Transaction'));
    expect(txs.data[0]).toMatchObject({ amount: '1.8005', obtained: '0.6808', fee: '0' });
    const balances = n.listOf(n.normalizeCustodyBalance)(example('Wallets', 'Get Self Custody Wallets'));
    expect(balances.map((b) => b.amount)).toEqual(['10.31299', '203', '190', '890220', '0']);
    expect(n.normalizeLightningBalance(example('Bitcoin Lightning Network', 'Get BLN Balance'))).toEqual({ balance: '0.00002518' });
  });

  it('the order detail in the POST callback example, with its extra fields', () => {
    const detail = n.normalizeOrderDetail(callbackExample());
    expect(detail).toMatchObject({
      order_id: '20250207040935220628',
      amount: '0.00102549',
      vs_price: '100',
      obtained: null,
      fee: '0.00000820392',
    });
    expect(detail).toMatchObject({ bind_id: null, tx_hash_list: [], website: null });
  });

  it('currencies and account answers', () => {
    expect(n.listOf(n.normalizeRealCurrency)(example('Order', 'Get Support Real Currency List'))[0]).toEqual({
      currency: 'USD',
      name: 'Ultimate Strength Design',
    });
    expect(n.listOf(n.normalizeCryptoCurrency)(example('Order', 'Get Support Crypto Currency List'))).toContainEqual({
      chain: 'BLN',
      currency: 'BTC-LN',
      status: true,
    });
    expect(n.normalizeLogin(example('Auth', 'Get Access Token'))).toMatchObject({ expire: 86400 });
    expect(n.normalizeApiKey(example('Auth', 'Get API-Key'))).toMatchObject({ user_id: 'mct-7ba8e05b4fa4' });
  });
});

describe('normalizers on wrong shapes', () => {
  it.each([
    [() => n.normalizeOrder(null), /^data: expected an object, got null$/],
    [() => n.normalizeOrder([]), /expected an object, got an array/],
    [
      () => n.normalizeOrder({ order_id: 'abc', status: 'PENDING', amount: 1, vs_price: 1 }),
      /data\.order_id: expected a numeric order id, got "abc"/,
    ],
    [
      () => n.normalizeOrderDetail({ order_id: '1', status: 'PENDING', amount: 'NaN', vs_price: 1 }),
      /data\.amount: expected a decimal amount, got "NaN"/,
    ],
    [() => n.normalizeOrder({ order_id: '1', status: 'PENDING', amount: -1, vs_price: 1 }), /data\.amount/],
    [
      () => n.normalizeOrder({ order_id: '1', status: 'PENDING', amount: '1', vs_price: null }),
      /data\.vs_price: expected a decimal amount, got null/,
    ],
    [() => n.normalizeOrder({ order_id: '1', status: 7, amount: '1', vs_price: '1' }), /data\.status: expected a string/],
    [() => n.normalizeOrderDetail({ order_id: '1', status: 'PAID', amount: '1', vs_price: '1', obtained: 'lots' }), /data\.obtained/],
    [() => n.pageOf(n.normalizeOrder)({ page: '1', size: 1, total: 0, max_page: 0, data: [] }), /data\.page: expected an integer/],
    [() => n.pageOf(n.normalizeOrder)({ page: 1, size: 1, total: 1, max_page: 1, data: [{}] }), /data\.data\[0\]\.order_id/],
    [() => n.listOf(n.normalizeRealCurrency)({}), /data: expected an array/],
    [() => n.normalizeLogin({ access_token: 'x', expire: 1.5 }), /data\.expire: expected an integer/],
    [() => n.normalizeCustodyBalance({ chain: 'ETH', currency: 'ETH', amount: true }), /data\.amount: expected a decimal amount, got true/],
  ])('%#', (fn, message) => {
    expect(fn).toThrow(TypeError);
    expect(fn).toThrow(message);
  });

  it('accepts a numeric order id within safe range, an empty list as null, an empty nullable amount', () => {
    expect(n.normalizeRefundQuote({ order_id: 42, amount: '1', network_fee: 0, obtained: 1 }).order_id).toBe('42');
    expect(n.pageOf(n.normalizeOrder)({ page: 1, size: 10, total: 0, max_page: 0, data: null }).data).toEqual([]);
    expect(n.normalizeTransaction({ tx_id: 't', amount: '1', obtained: '', fee: undefined })).toMatchObject({ obtained: null, fee: null });
  });

  it('allows a negative balance but not a negative order amount', () => {
    expect(n.normalizeLightningBalance({ balance: '-0.1' }).balance).toBe('-0.1');
    expect(() => n.normalizeOrder({ order_id: '1', status: 'X', amount: '-1', vs_price: '1' })).toThrow(/amount/);
  });
});

describe('looseAmounts', () => {
  it('canonicalizes amounts anywhere and leaves the rest', () => {
    expect(looseAmounts({ wallets: [{ chain: 'ETH', amount: '10.500', label: 'x', fee: 'n/a' }], balance: 1e-7, n: 3 })).toEqual({
      wallets: [{ chain: 'ETH', amount: '10.5', label: 'x', fee: 'n/a' }],
      balance: '0.0000001',
      n: 3,
    });
    expect(looseAmounts(null)).toBeNull();
    expect(looseAmounts('x')).toBe('x');
  });
});
