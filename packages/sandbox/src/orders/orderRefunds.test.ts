import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { SANDBOX_ERROR_CODES as CODES } from '../http/sandboxErrorCodes.js';
import { startTestSandbox, type TestSandbox } from '../test-utils/sandboxClient.js';

let sandbox: TestSandbox;

beforeEach(async () => {
  sandbox = await startTestSandbox();
});

afterEach(async () => {
  await sandbox.close();
});

describe('refund-info and refund', () => {
  it('quotes and refunds a paid order, amounts as JSON numbers', async () => {
    const order = await sandbox.createOrder({ chain: 'TRX', currency: 'USDT-TRC20', vs_price: 7.68 });
    expect((await sandbox.api('GET', `/api/v2/order/refund-info/${order.order_id}`)).json.code).toBe(CODES.orderStateInvalid);
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    const info = await sandbox.api('GET', `/api/v2/order/refund-info/${order.order_id}`);
    expect(info.text).toContain('"amount":7.6801,"network_fee":0.353,"obtained":7.3271,');
    expect(info.json.data).toMatchObject({
      order_id: order.order_id,
      chain: 'TRX',
      currency: 'USDT-TRC20',
      from_addr: order.address,
      refund_et: 60,
    });
    const refund = await sandbox.api('POST', `/api/v2/order/refund/${order.order_id}`, { auth: 'signature' });
    expect(refund.json.data).toEqual(info.json.data);
    expect((await sandbox.api('GET', `/api/v2/order/detail/${order.order_id}`)).json.data).toMatchObject({
      status: 'REFUNDED',
      refund: false,
    });
    expect((await sandbox.api('POST', `/api/v2/order/refund/${order.order_id}`)).json.code).toBe(CODES.orderStateInvalid);
  });

  it('refunds what a PARTIAL or an OVERDUE order received', async () => {
    for (const expire of [false, true]) {
      const order = await sandbox.createOrder({ chain: 'TRX', currency: 'USDT-TRC20', vs_price: 10 });
      await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`, { amount: '4' });
      if (expire) await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/expire`);
      const detail = (await sandbox.api('GET', `/api/v2/order/detail/${order.order_id}`)).json.data;
      expect(detail).toMatchObject({ status: expire ? 'OVERDUE' : 'PARTIAL', refund: true });
      const refund = await sandbox.api('POST', `/api/v2/order/refund/${order.order_id}`);
      expect(refund.text).toContain('"amount":4,"network_fee":0.353,"obtained":3.647,');
      expect((await sandbox.api('GET', `/api/v2/order/detail/${order.order_id}`)).json.data.status).toBe('REFUNDED');
    }
  });

  it('refuses to refund a Lightning payment', async () => {
    const order = (await sandbox.api('POST', '/api/bln/order', { body: { price: 5, currency: 'USD' } })).json.data;
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    const answer = await sandbox.api('POST', `/api/v2/order/refund/${order.order_id}`);
    expect(answer.json).toMatchObject({ code: CODES.orderStateInvalid });
    expect(answer.json.message).toContain('Lightning');
  });
});
