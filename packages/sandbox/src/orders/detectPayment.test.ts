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

const detail = async (orderId: string) => (await sandbox.api('GET', `/api/v2/order/detail/${orderId}`)).json.data;
const transaction = async (txId: string) => (await sandbox.api('GET', `/api/v2/tx?page=1&size=10&tx_id=${txId}`)).json.data.data;
const hash = `0x${'5c'.repeat(32)}`;

describe('POST /_sandbox/orders/:order_id/detect', () => {
  it('shows a payment on its way before it counts, then counts it when paid', async () => {
    const order = await sandbox.createOrder();
    const seen = await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/detect`, { tx_hash: hash });
    expect(seen.json.data).toMatchObject({
      status: 'PENDING',
      paid: '0',
      tx_hash: hash,
      obtained: null,
      detected: { tx_hash: hash, confirmations: 0 },
    });
    const shown = await detail(order.order_id);
    expect(shown).toMatchObject({ status: 'PENDING', tx_hash: hash, obtained: null });
    expect(await transaction(shown.tx_id)).toEqual([
      expect.objectContaining({ tx_id: shown.tx_id, status: 'PENDING', tx_hash: hash, confirmations: 0 }),
    ]);

    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/detect`, { confirmations: 2 });
    expect(await transaction(shown.tx_id)).toEqual([expect.objectContaining({ status: 'SUCCESS', tx_hash: hash, confirmations: 2 })]);
    expect((await detail(order.order_id)).status).toBe('PENDING');

    const paid = await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    expect(paid.json.data).toMatchObject({ status: 'SUCCESS', tx_hash: hash, detected: null });
    expect(paid.json.data.payments.map((p: { tx_hash: string }) => p.tx_hash)).toEqual([hash]);
    expect(await transaction(shown.tx_id)).toEqual([expect.objectContaining({ status: 'SUCCESS', tx_hash: hash })]);
  });

  it('makes up a hash in the chain format, and detects the rest of a part-paid order', async () => {
    const order = await sandbox.createOrder({ chain: 'BTC', currency: 'BTC' });
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`, { amount: '0.0001' });
    const seen = await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/detect`);
    expect(seen.json.data.status).toBe('PARTIAL');
    expect(seen.json.data.tx_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(seen.json.data.tx_hash).not.toBe(seen.json.data.payments[0].tx_hash);
  });

  it('an overpayment and a part payment then expiry stay reachable', async () => {
    const over = await sandbox.createOrder();
    expect((await sandbox.control('POST', `/_sandbox/orders/${over.order_id}/pay`, { amount: '20' })).json.data).toMatchObject({
      status: 'SUCCESS',
      paid: '20',
      obtained: '20',
    });
    const part = await sandbox.createOrder();
    await sandbox.control('POST', `/_sandbox/orders/${part.order_id}/pay`, { amount: '5' });
    await sandbox.control('POST', `/_sandbox/orders/${part.order_id}/detect`);
    const expired = await sandbox.control('POST', `/_sandbox/orders/${part.order_id}/expire`);
    expect(expired.json.data).toMatchObject({ status: 'OVERDUE', paid: '5', obtained: '5', detected: null });
  });

  it('refuses closed orders, Lightning invoices, and bad hashes or counts', async () => {
    const order = await sandbox.createOrder();
    for (const body of [
      { tx_hash: 'abc' },
      { tx_hash: '5c'.repeat(32) },
      { tx_hash: 7 },
      { confirmations: -1 },
      { confirmations: 1.5 },
      { confirmations: '2' },
    ]) {
      expect((await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/detect`, body)).json.code).toBe(CODES.fieldInvalid);
    }
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    expect((await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/detect`)).json.code).toBe(CODES.orderStateInvalid);
    const lightning = await sandbox.createOrder({ chain: 'BLN', currency: 'BTC-LN' });
    expect((await sandbox.control('POST', `/_sandbox/orders/${lightning.order_id}/detect`)).json.code).toBe(CODES.orderStateInvalid);
    expect((await sandbox.control('POST', '/_sandbox/orders/20240101000000000000/detect')).json.code).toBe(CODES.orderNotFound);
  });
});
