import { describe, expect, it } from 'vitest';
import * as read from './readAccepted.js';
import { descriptionJson, exampleData } from './test-utils/collectionExamples.js';

const LN = 'Bitcoin Lightning Network';
const record = (value: unknown) => value as Record<string, unknown>;
const without = (value: unknown, ...keys: string[]) =>
  Object.fromEntries(Object.entries(record(value)).filter(([key]) => !keys.includes(key)));
const accept = <T>(reader: read.AcceptedReading<T>, data: unknown) => reader.readAccepted(data, true);

describe('answers to calls that move money, in every documented shape', () => {
  it('pay-url: the example', () => {
    expect(accept(read.readPayUrl, exampleData('Order', 'Get Payment URL'))).toMatchObject({
      complete: true,
      pay_url: expect.stringMatching(/^https:\/\/dashboard\.aurpay\.net\/#\/cashier\/choose\?token=/),
    });
  });

  it('pay-info: the example (a token), with number amounts read as decimal strings', () => {
    const info = accept(read.readPayInfo, exampleData('Order', 'Get Payment Info'));
    expect(info).toMatchObject({ complete: true, unreadable: [], order_id: '20240613093614690315', amount: '18.0098', vs_price: '18' });
    expect(info.contract_addr).toBe('0xdAC17F958D2ee523a2206206994597C13D831ec7');
  });

  it.each([
    ['absent', without(exampleData('Order', 'Get Payment Info'), 'contract_addr')],
    ['null', { ...record(exampleData('Order', 'Get Payment Info')), contract_addr: null }],
    ['empty', { ...record(exampleData('Order', 'Get Payment Info')), contract_addr: '' }],
  ])('pay-info: a native coin with contract_addr %s reads as null', (_name, data) => {
    expect(accept(read.readPayInfo, data)).toMatchObject({ complete: true, contract_addr: null });
  });

  it('bln/order: the example (string amount, currency, payment_addr)', () => {
    expect(accept(read.readBlnOrder, exampleData(LN, 'Create BLN Order'))).toMatchObject({
      complete: true,
      order_id: '20240428125136525824',
      amount: '0.00019044',
      create_time: '2024-04-28T12:00:00',
      currency: 'BTC-LN',
      payment_addr: 'c26cfa84cd9eaa9cbeedceb8a006cef67914b720e1d8ef0ebfcd5631c76e192d',
    });
  });

  it("bln/order: the description's example (number amount, no currency, no payment_addr)", () => {
    const data = record(descriptionJson(LN, 'Create BLN Order'))['data'];
    expect(record(data)['currency']).toBeUndefined();
    expect(accept(read.readBlnOrder, data)).toMatchObject({
      complete: true,
      order_id: '20240426103947614609',
      amount: '0.00155419',
      currency: null,
      payment_addr: null,
      payment_request: expect.stringMatching(/^lntb1554190n1/),
    });
  });

  it('bln/withdraw: the example (with fee) and the description’s schema (without)', () => {
    const example = exampleData(LN, 'Create BLN Withdraw');
    expect(accept(read.readBlnWithdrawal, example)).toMatchObject({
      complete: true,
      amount: '0.00004321',
      fee: '0',
      balance: '0.00277925368',
    });
    const schema = record(descriptionJson(LN, 'Create BLN Withdraw'));
    const fields = Object.keys(record(record(record(schema['properties'])['data'])['properties']));
    expect(fields).not.toContain('fee');
    const described = Object.fromEntries(fields.map((key) => [key, record(example)[key]]));
    expect(accept(read.readBlnWithdrawal, described)).toMatchObject({ complete: true, unreadable: [], amount: '0.00004321', fee: null });
  });

  it("refund: the example's refund-info shape, and refund-info's own example", () => {
    expect(accept(read.readRefund, exampleData('Order', 'Orders Refund'))).toMatchObject({
      complete: true,
      shape: 'refund-info',
      amount: '7.6883',
      network_fee: '0.3535',
      obtained: '7.3348',
      refund_et: 60,
    });
    expect(accept(read.readRefund, exampleData('Order', 'Get Orders Refund Info'))).toMatchObject({ complete: true, obtained: '7.3353' });
  });

  it("refund: the description's shape, built from its schema", () => {
    const schema = record(descriptionJson('Order', 'Orders Refund'));
    expect(Object.keys(schema)).toEqual(['order_id', 'refund_status', 'refund_amount', 'refund_date']);
    const described = {
      order_id: '20240614061316661529',
      refund_status: 'REFUNDED',
      refund_amount: 7.3348,
      refund_date: '2024-06-14T06:30:00',
    };
    expect(accept(read.readRefund, described)).toEqual({
      ...described,
      shape: 'refund-status',
      refund_amount: '7.3348',
      complete: true,
      unreadable: [],
      raw: described,
    });
  });

  it('withdraw: nothing documented, so whatever is there is read and nothing is required', () => {
    expect(accept(read.readWithdrawal, {})).toMatchObject({ complete: true, tx_id: null, amount: null });
    const sandboxShape = {
      tx_id: 't',
      status: 'SUCCESS',
      chain: 'BLN',
      currency: 'BTC-LN',
      amount: '0.0001',
      fee: '0',
      balance: '0.0003',
      update_time: 'x',
    };
    expect(accept(read.readWithdrawal, sandboxShape)).toMatchObject({ complete: true, amount: '0.0001', balance: '0.0003' });
    expect(accept(read.readWithdrawal, { amount: 'ten' })).toMatchObject({ complete: false, unreadable: ['data.amount'], amount: null });
  });
});

describe('answers that cannot be read in full', () => {
  it('keep what was read, null the rest, list it, and keep the raw data', () => {
    const data = { ...record(exampleData('Order', 'Get Payment Info')), amount: 'a lot', order_id: undefined, contract_addr: 7 };
    const info = accept(read.readPayInfo, data);
    expect(info).toMatchObject({
      complete: false,
      amount: null,
      order_id: null,
      contract_addr: null,
      address: '0x686691e7b70e9239e19eB4cd080DDb8aB6F33cf3',
    });
    expect(info.unreadable).toEqual(['data.order_id', 'data.amount', 'data.contract_addr']);
    expect(info.raw).toBe(data);
  });

  it.each([null, [], 'ok', 42])('data %j: every field null, "data" unreadable', (data) => {
    expect(accept(read.readBlnOrder, data)).toMatchObject({
      complete: false,
      unreadable: ['data'],
      order_id: null,
      amount: null,
      raw: data,
    });
  });

  it('a refund half in each shape is read as the description’s, and says what is missing', () => {
    const refund = accept(read.readRefund, { order_id: '1', refund_amount: '2', amount: '2' });
    expect(refund).toMatchObject({ shape: 'refund-status', complete: false, unreadable: ['data.refund_status', 'data.refund_date'] });
  });

  it('lists an envelope result that is not true', () => {
    expect(read.readPayUrl.readAccepted({ pay_url: 'u' }, undefined)).toMatchObject({
      complete: false,
      unreadable: ['result'],
      pay_url: 'u',
    });
  });

  it('narrows on complete', () => {
    const order = accept(read.readBlnOrder, exampleData(LN, 'Create BLN Order'));
    // A type-level check as much as a runtime one: `amount` is a string once complete is true.
    const amount: string = order.complete ? order.amount : 'unknown';
    expect(amount).toBe('0.00019044');
  });
});
