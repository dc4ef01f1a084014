import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { SANDBOX_ERROR_CODES as CODES } from '../http/sandboxErrorCodes.js';
import { startTestSandbox, type TestSandbox } from '../test-utils/sandboxClient.js';
import { eventually } from '../test-utils/eventually.js';

let sandbox: TestSandbox;

beforeEach(async () => {
  sandbox = await startTestSandbox();
});

afterEach(async () => {
  await sandbox.close();
});

async function status(orderId: string): Promise<string> {
  return (await sandbox.api('GET', `/api/v2/order/detail/${orderId}`)).json.data.status;
}

describe('order lifecycle', () => {
  it('PENDING → SUCCESS when paid in full (no amount = the remainder)', async () => {
    const order = await sandbox.createOrder();
    const answer = await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    expect(answer.json).toMatchObject({
      code: 0,
      message: 'ok',
      result: true,
      data: { status: 'SUCCESS', paid: '18.0001', remaining: '0' },
    });
    expect(await status(order.order_id)).toBe('SUCCESS');
  });

  it('PENDING → PARTIAL on under-payment, then SUCCESS when the rest arrives', async () => {
    const order = await sandbox.createOrder();
    const first = await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`, { amount: '10' });
    expect(first.json.data).toMatchObject({ status: 'PARTIAL', paid: '10', remaining: '8.0001', obtained: '10' });
    expect(await status(order.order_id)).toBe('PARTIAL');
    const second = await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`, { amount: 8.0001 });
    expect(second.json.data).toMatchObject({ status: 'SUCCESS', paid: '18.0001' });
    expect(second.json.data.payments.map((p: { amount: string }) => p.amount)).toEqual(['10', '8.0001']);
  });

  it('PENDING → OVERDUE on expire; RESOLVED from PARTIAL or OVERDUE only', async () => {
    const unpaid = await sandbox.createOrder();
    expect((await sandbox.control('POST', `/_sandbox/orders/${unpaid.order_id}/resolve`)).json.code).toBe(CODES.orderStateInvalid);
    expect((await sandbox.control('POST', `/_sandbox/orders/${unpaid.order_id}/expire`)).json.data.status).toBe('OVERDUE');
    expect((await sandbox.control('POST', `/_sandbox/orders/${unpaid.order_id}/expire`)).json.code).toBe(CODES.orderStateInvalid);
    expect((await sandbox.control('POST', `/_sandbox/orders/${unpaid.order_id}/pay`)).json.code).toBe(CODES.orderStateInvalid);
    expect((await sandbox.control('POST', `/_sandbox/orders/${unpaid.order_id}/resolve`)).json.data.status).toBe('RESOLVED');

    const partial = await sandbox.createOrder();
    await sandbox.control('POST', `/_sandbox/orders/${partial.order_id}/pay`, { amount: '1' });
    expect((await sandbox.control('POST', `/_sandbox/orders/${partial.order_id}/resolve`)).json.data.status).toBe('RESOLVED');
    expect((await sandbox.api('GET', `/api/v2/order/detail/${partial.order_id}`)).json.data).toMatchObject({
      status: 'RESOLVED',
      obtained: '1',
      refund: true,
    });

    const paid = await sandbox.createOrder();
    await sandbox.control('POST', `/_sandbox/orders/${paid.order_id}/pay`);
    expect((await sandbox.control('POST', `/_sandbox/orders/${paid.order_id}/resolve`)).json.code).toBe(CODES.orderStateInvalid);
  });

  it('rejects bad payment amounts and unknown orders', async () => {
    const order = await sandbox.createOrder();
    for (const amount of ['0', '-1', 'ten', '1e3', true, '1'.repeat(41)]) {
      expect((await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`, { amount })).json.code).toBe(CODES.fieldInvalid);
    }
    expect((await sandbox.control('POST', '/_sandbox/orders/20240101000000000000/pay')).json.code).toBe(CODES.orderNotFound);
    expect((await sandbox.control('GET', '/_sandbox/orders/nope')).json.code).toBe(CODES.orderNotFound);
    expect((await sandbox.control('POST', '/_sandbox/nothing')).status).toBe(404);
  });

  it('shows the whole order through GET /_sandbox/orders/:order_id', async () => {
    const order = await sandbox.createOrder({ callback_url: 'http://127.0.0.1:9/cb' });
    const view = (await sandbox.control('GET', `/_sandbox/orders/${order.order_id}`)).json.data;
    expect(view).toMatchObject({
      order_id: order.order_id,
      status: 'PENDING',
      paid: '0',
      remaining: '18.0001',
      address: order.address,
      urls: { callback_url: 'http://127.0.0.1:9/cb' },
      post_callback: false,
      payments: [],
      callbacks: [],
      lightning: null,
      refund_details: null,
    });
    expect(Date.parse(`${view.deadline}Z`) - Date.parse(`${view.create_time}Z`)).toBe(1800_000);
  });
});

describe('order timeout', () => {
  it('turns open orders OVERDUE after orderTtlSeconds and leaves paid ones', async () => {
    const quick = await startTestSandbox({ orderTtlSeconds: 1 });
    try {
      // The paid order first: were its timer still set, it would run out before the others'.
      const paid = await quick.createOrder();
      const pending = await quick.createOrder();
      const partial = await quick.createOrder();
      await quick.control('POST', `/_sandbox/orders/${partial.order_id}/pay`, { amount: '1' });
      await quick.control('POST', `/_sandbox/orders/${paid.order_id}/pay`);
      const statuses = async () => {
        const list = (await quick.api('GET', '/api/v2/order/?size=10')).json.data.data as { order_id: string; status: string }[];
        return Object.fromEntries(list.map((o) => [o.order_id, o.status]));
      };
      const byId = await eventually(
        statuses,
        (seen) => seen[pending.order_id] === 'OVERDUE' && seen[partial.order_id] === 'OVERDUE',
        'the open orders to time out',
      );
      expect(byId).toEqual({ [pending.order_id]: 'OVERDUE', [partial.order_id]: 'OVERDUE', [paid.order_id]: 'SUCCESS' });
      const detail = (await quick.api('GET', `/api/v2/order/detail/${partial.order_id}`)).json.data;
      expect(detail).toMatchObject({ status: 'OVERDUE', obtained: '1' });
    } finally {
      await quick.close();
    }
  });
});

describe('faults', () => {
  const detailPath = (id: string) => `/api/v2/order/detail/${id}`;

  it('adds latency to the next request', async () => {
    const order = await sandbox.createOrder();
    await sandbox.control('POST', '/_sandbox/faults', { path: '/api/v2/order/detail/', kind: 'latency', latencyMs: 300 });
    const started = Date.now();
    expect((await sandbox.api('GET', detailPath(order.order_id))).json.code).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('answers HTTP 500 for the next N requests, then recovers', async () => {
    const order = await sandbox.createOrder();
    const armed = await sandbox.control('POST', '/_sandbox/faults', {
      path: '/api/v2/order/detail/',
      method: 'GET',
      kind: 'http500',
      count: 2,
    });
    expect(armed.json.data).toMatchObject({ kind: 'http500', remaining: 2, method: 'GET' });
    for (let i = 0; i < 2; i += 1) {
      const answer = await sandbox.api('GET', detailPath(order.order_id));
      expect(answer.status).toBe(500);
      expect(answer.json.code).toBe(CODES.faultInjected);
    }
    expect((await sandbox.api('GET', detailPath(order.order_id))).status).toBe(200);
  });

  it('sends a malformed body', async () => {
    await sandbox.control('POST', '/_sandbox/faults', { path: '/api/bln/balance', kind: 'malformed' });
    const answer = await sandbox.api('GET', '/api/bln/balance');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toContain('application/json');
    expect(answer.json).toBeUndefined();
    expect(() => JSON.parse(answer.text)).toThrow();
  });

  it('drops the connection', async () => {
    await sandbox.control('POST', '/_sandbox/faults', { path: '/api/bln/balance', kind: 'drop' });
    await expect(sandbox.api('GET', '/api/bln/balance')).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await sandbox.api('GET', '/api/bln/balance')).json.code).toBe(0);
  });

  it('answers a given Aurpay error code', async () => {
    await sandbox.control('POST', '/_sandbox/faults', { path: '/api/withdraw', kind: 'aurpay_error', code: 40004, message: 'KYB please' });
    const answer = await sandbox.api('POST', '/api/withdraw', { body: { chain: 'ETH', currency: 'ETH', amount: 1 } });
    expect(answer.json).toMatchObject({ result: false, code: 40004, message: 'KYB please' });
  });

  it('lists and clears faults, and never applies them to the control API', async () => {
    await sandbox.control('POST', '/_sandbox/faults', { path: '/', kind: 'http500', count: 5 });
    expect((await sandbox.control('GET', '/_sandbox/faults')).json.data).toHaveLength(1);
    expect((await sandbox.control('DELETE', '/_sandbox/faults')).json.data).toEqual({ cleared: 1 });
    expect((await sandbox.api('GET', '/api/bln/balance')).status).toBe(200);
    expect((await sandbox.control('POST', '/_sandbox/faults', { path: '/api', kind: 'nope' })).json.code).toBe(CODES.fieldInvalid);
    expect((await sandbox.control('POST', '/_sandbox/faults', 'not an object' as unknown as object)).json.code).toBe(CODES.malformedJson);
    expect((await sandbox.control('POST', '/_sandbox/faults', {})).json.code).toBe(CODES.fieldMissing);
  });
});

describe('stats', () => {
  it('counts API requests per endpoint pattern, resettable', async () => {
    const order = await sandbox.createOrder();
    await sandbox.api('GET', `/api/v2/order/detail/${order.order_id}`);
    await sandbox.api('GET', `/api/v2/order/detail/${order.order_id}`, { auth: 'signature' });
    await sandbox.api('GET', '/api/bln/balance', { auth: 'none' });
    await sandbox.api('GET', '/api/nothing');
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    const stats = (await sandbox.control('GET', '/_sandbox/stats')).json.data;
    expect(stats).toEqual({
      total: 5,
      requests: {
        'GET (unmatched)': 1,
        'GET /api/bln/balance': 1,
        'GET /api/v2/order/detail/:order_id': 2,
        'POST /api/order/pay-info': 1,
      },
    });
    expect((await sandbox.control('POST', '/_sandbox/stats/reset')).json.data).toEqual({ total: 0, requests: {} });
  });

  it('serves the hosted checkout page that pay_url opens', async () => {
    const order = await sandbox.createOrder();
    const payUrl = new URL(order.pay_url as string);
    expect(payUrl.hash).toBe(`#/cashier/${order.order_id}`);
    const page = await sandbox.control('GET', payUrl.pathname);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('<title>Aurpay sandbox checkout</title>');
    expect(page.text).toContain("fetch('/_sandbox/orders/'");
  });

  it('describes the sandbox at /_sandbox/info', async () => {
    const info = (await sandbox.control('GET', '/_sandbox/info')).json.data;
    expect(info).toMatchObject({ url: sandbox.url, network: 'testnet', node_public_key: sandbox.nodePublicKey, order_ttl_seconds: 1800 });
  });
});
