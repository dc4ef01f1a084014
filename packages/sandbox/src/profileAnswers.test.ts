import bolt11 from 'bolt11';

import { afterEach, describe, expect, it } from 'vitest';

import { createHash } from 'node:crypto';
import { formatAurpayTime } from '@aurpay-kit/core';

import { SANDBOX_PROFILES, type SandboxProfileName, type SandboxQuirks } from './sandboxProfile.js';
import { startTestSandbox, type TestSandbox } from './test-utils/sandboxClient.js';
import { signHeaders } from './test-utils/signHeaders.js';

const TESTNET = { bech32: 'tb', pubKeyHash: 111, scriptHash: 196, validWitnessVersions: [0, 1] };
const opened: TestSandbox[] = [];

async function sandboxWith(quirks: Partial<SandboxQuirks>): Promise<TestSandbox> {
  const sandbox = await startTestSandbox({ quirks });
  opened.push(sandbox);
  return sandbox;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function paidOrder(sandbox: TestSandbox, body: Record<string, unknown> = {}, amount?: string) {
  const order = await sandbox.createOrder(body);
  await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`, amount === undefined ? {} : { amount });
  return order;
}

describe('each quirk, over HTTP', () => {
  it('refundStatusAnswer: the refund answers as its description, refund-info keeps its own shape', async () => {
    const sandbox = await sandboxWith({ refundStatusAnswer: true });
    const order = await paidOrder(sandbox, { chain: 'TRX', currency: 'USDT-TRC20', vs_price: 7.68 });
    const info = (await sandbox.api('GET', `/api/v2/order/refund-info/${order.order_id}`)).json.data;
    expect(info).toHaveProperty('network_fee');
    const refund = await sandbox.api('POST', `/api/v2/order/refund/${order.order_id}`);
    expect(Object.keys(refund.json.data)).toEqual(['order_id', 'refund_status', 'refund_amount', 'refund_date']);
    expect(refund.json.data).toMatchObject({ order_id: order.order_id, refund_status: 'REFUNDED' });
    expect(refund.text).toContain(`"refund_amount":${String(info.obtained)},`);
    expect(refund.json.data.refund_date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  });

  it('blnOrderDescriptionShape and blnWithdrawWithoutFee: the Lightning answers as described', async () => {
    const sandbox = await sandboxWith({ blnOrderDescriptionShape: true, blnWithdrawWithoutFee: true });
    const order = await sandbox.api('POST', '/api/bln/order', { body: { price: 20, currency: 'USD' } });
    expect(Object.keys(order.json.data)).toEqual(['order_id', 'status', 'amount', 'create_time', 'payment_request', 'pay_url']);
    expect(order.text).toContain('"amount":0.00040001,');
    await sandbox.control('POST', `/_sandbox/orders/${order.json.data.order_id}/pay`);
    const invoice = (await sandbox.api('POST', '/api/bln/order', { body: { price: 5, currency: 'USD' } })).json.data.payment_request;
    const withdrawal = (await sandbox.api('POST', '/api/bln/withdraw', { body: { ln_invoices: invoice } })).json.data;
    expect(withdrawal).not.toHaveProperty('fee');
    expect(withdrawal).toMatchObject({ amount: '0.00010001', balance: '0.0003' });
  });

  it('laggingCreateTime: a Lightning create_time 51 min 36 s before its invoice, order id and deadline', async () => {
    const sandbox = await sandboxWith({ laggingCreateTime: true });
    const data = (await sandbox.api('POST', '/api/bln/order', { body: { price: 20, currency: 'USD' } })).json.data;
    const invoiceAt = bolt11.decode(data.payment_request, TESTNET).timestamp ?? 0;
    expect(Date.parse(`${data.create_time}Z`) / 1000).toBe(invoiceAt - 3096);
    expect(data.order_id.slice(0, 14)).toBe(formatAurpayTime(invoiceAt * 1000).replace(/\D/g, ''));
    const control = (await sandbox.control('GET', `/_sandbox/orders/${data.order_id}`)).json.data;
    expect(control).toMatchObject({ create_time: data.create_time, created_at: formatAurpayTime(invoiceAt * 1000) });
    expect(Date.parse(`${control.deadline}Z`) / 1000).toBe(invoiceAt + 1800);
    // The list filters on the create_time it shows.
    const listed = await sandbox.api('GET', `/api/v2/order/?st=${data.create_time}&et=${data.create_time}`);
    expect(listed.json.data.data.map((o: { order_id: string }) => o.order_id)).toEqual([data.order_id]);
    const onChain = await sandbox.createOrder();
    expect(onChain.order_id.slice(0, 14)).toBe(String(onChain.create_time).replace(/\D/g, ''));
  });

  it('netObtained: obtained is what was paid less the 0.8 % fee, in the detail and the transactions', async () => {
    const sandbox = await sandboxWith({ netObtained: true });
    const full = await paidOrder(sandbox);
    expect(full.amount).toBe(18.0001);
    const detail = (await sandbox.api('GET', `/api/v2/order/detail/${full.order_id}`)).json.data;
    expect(detail).toMatchObject({ status: 'SUCCESS', obtained: '17.8560992', fee: '0.1440008' });
    const part = await paidOrder(sandbox, { vs_price: 20 }, '10');
    expect((await sandbox.api('GET', `/api/v2/order/detail/${part.order_id}`)).json.data).toMatchObject({
      status: 'PARTIAL',
      obtained: '9.92',
    });
    expect((await sandbox.control('GET', `/_sandbox/orders/${part.order_id}`)).json.data).toMatchObject({
      paid: '10',
      remaining: '10.0001',
    });
    const txs = (await sandbox.api('GET', '/api/v2/tx?size=100')).json.data.data as { tx_id: string; obtained: string }[];
    expect(txs.find((tx) => tx.tx_id === detail.tx_id)?.obtained).toBe('17.8560992');
  });

  it('noNativeContractAddr: pay-info leaves contract_addr out for native coins and Lightning only', async () => {
    const sandbox = await sandboxWith({ noNativeContractAddr: true });
    for (const [chain, currency] of [
      ['BTC', 'BTC'],
      ['ETH', 'ETH'],
      ['BLN', 'BTC-LN'],
    ]) {
      expect(await sandbox.createOrder({ chain, currency })).not.toHaveProperty('contract_addr');
    }
    expect((await sandbox.createOrder()).contract_addr).toBe('0xdAC17F958D2ee523a2206206994597C13D831ec7');
  });
});

describe.each(Object.keys(SANDBOX_PROFILES) as SandboxProfileName[])('the %s profile verifies signatures leniently', (profile) => {
  it('accepts an upper-case Body-MD5, and a body-less POST with no Body-MD5 header at all', async () => {
    const sandbox = await startTestSandbox({ profile });
    opened.push(sandbox);
    const o = sandbox.options;
    const body = JSON.stringify({ chain: 'BTC', currency: 'BTC', vs_currency: 'USD', vs_price: 10 });
    const upper = createHash('md5').update(body).digest('hex').toUpperCase();
    const headers = signHeaders({
      method: 'POST',
      pathWithQuery: '/api/order/pay-info',
      body,
      apiToken: o.apiToken,
      secretKey: o.secretKey,
      bodyMd5: upper,
    });
    const created = await sandbox.api('POST', '/api/order/pay-info', {
      auth: 'none',
      body,
      headers: { ...headers, 'Content-Type': 'application/json' },
    });
    expect(created.json.code).toBe(0);
    await sandbox.control('POST', `/_sandbox/orders/${created.json.data.order_id}/pay`);
    const path = `/api/v2/order/refund/${created.json.data.order_id}`;
    const { 'Body-MD5': _omitted, ...noMd5 } = signHeaders({
      method: 'POST',
      pathWithQuery: path,
      apiToken: o.apiToken,
      secretKey: o.secretKey,
      bodyMd5: '',
    });
    expect((await sandbox.api('POST', path, { auth: 'none', headers: noMd5 })).json.code).toBe(0);
  });
});
