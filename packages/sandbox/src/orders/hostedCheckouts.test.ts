import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { GatewayError } from '../http/gatewayError.js';
import { HostedCheckouts } from './hostedCheckouts.js';
import { SANDBOX_ERROR_CODES as CODES } from '../http/sandboxErrorCodes.js';
import type { SandboxOrder } from './sandboxOrder.js';
import { startCallbackReceiver, type CallbackReceiver } from '../test-utils/callbackReceiver.js';
import { startTestSandbox, type TestSandbox } from '../test-utils/sandboxClient.js';

let sandbox: TestSandbox;
let receiver: CallbackReceiver;

beforeEach(async () => {
  receiver = await startCallbackReceiver();
  sandbox = await startTestSandbox({ orderTtlSeconds: 60 });
});

afterEach(async () => {
  await sandbox.close();
  await receiver.close();
});

async function payUrl(body: Record<string, unknown> = {}): Promise<string> {
  const answer = await sandbox.api('POST', '/api/order/pay-url', { body: { price: 18, currency: 'USD', ...body } });
  const match = /#\/cashier\/choose\?token=([0-9a-f]{64})$/.exec(answer.json.data.pay_url);
  if (match === null) throw new Error(`unexpected pay_url ${answer.text}`);
  return match[1] ?? '';
}

describe('pay-url: the hosted currency choice creates the order', () => {
  it('offers the currencies, and the choice creates a payable order with the price and URLs given', async () => {
    const urls = { callback_url: `${receiver.url}/paid?ref=1`, succeed_url: 'https://shop.test/ok' };
    const token = await payUrl(urls);
    const before = (await sandbox.control('GET', `/_sandbox/checkouts/${token}`)).json.data;
    expect(before).toMatchObject({ token, price: '18', currency: 'USD', order_id: null });
    expect(before.currencies).toContainEqual({ chain: 'TRX', currency: 'USDT-TRC20' });
    expect((await sandbox.api('GET', '/api/v2/order/')).json.data.total).toBe(0);

    const chosen = (await sandbox.control('POST', `/_sandbox/checkouts/${token}/choose`, { chain: 'TRX', currency: 'USDT-TRC20' })).json
      .data;
    expect(chosen).toMatchObject({ status: 'PENDING', amount: '18.0001', vs_price: '18.0', vs_currency: 'USD', urls });
    expect((await sandbox.control('GET', `/_sandbox/checkouts/${token}`)).json.data.order_id).toBe(chosen.order_id);
    expect((await sandbox.api('GET', `/api/v2/order/detail/${chosen.order_id}`)).json.data.currency).toBe('USDT-TRC20');

    await sandbox.control('POST', `/_sandbox/orders/${chosen.order_id}/pay`);
    const [hit] = await receiver.waitFor(1);
    expect(hit?.url).toBe('/paid?ref=1');
  });

  it('gives the same order for the same choice and refuses another', async () => {
    const token = await payUrl();
    const first = (await sandbox.control('POST', `/_sandbox/checkouts/${token}/choose`, { chain: 'BTC', currency: 'BTC' })).json.data;
    const again = (await sandbox.control('POST', `/_sandbox/checkouts/${token}/choose`, { chain: 'BTC', currency: 'BTC' })).json.data;
    expect(again.order_id).toBe(first.order_id);
    const other = await sandbox.control('POST', `/_sandbox/checkouts/${token}/choose`, { chain: 'LTC', currency: 'LTC' });
    expect(other.json).toMatchObject({ code: CODES.orderStateInvalid, data: { order_id: first.order_id } });
  });

  it('refuses unknown tokens and bad choices clearly', async () => {
    const token = await payUrl();
    expect((await sandbox.control('GET', `/_sandbox/checkouts/${'0'.repeat(64)}`)).json.code).toBe(CODES.checkoutNotFound);
    expect((await sandbox.control('POST', `/_sandbox/checkouts/${token}/choose`, { chain: 'BTC' })).json.code).toBe(CODES.fieldMissing);
    expect((await sandbox.control('POST', `/_sandbox/checkouts/${token}/choose`, { chain: 'BTC', currency: 'DOGE' })).json.code).toBe(
      CODES.currencyUnsupported,
    );
    expect((await sandbox.control('GET', `/_sandbox/checkouts/${token}`)).json.data.order_id).toBeNull();
  });

  it('serves the choice on the hosted page', async () => {
    const page = await sandbox.control('GET', '/');
    expect(page.text).toContain("'/_sandbox/checkouts/' + token + '/choose'");
    expect(page.text).not.toContain('not simulated');
  });
});

describe('HostedCheckouts', () => {
  it('refuses a choice once the window passed, by the clock it is given', () => {
    const checkouts = new HostedCheckouts();
    const checkout = checkouts.create({ vsPrice: '1', vsCurrency: 'USD', urls: {}, postCallback: false }, 1_000, 60_000);
    const create = () => ({ orderId: '1' }) as SandboxOrder;
    const late = () => checkouts.choose(checkout.token, { chain: 'BTC', currency: 'BTC' }, 61_000, create, create);
    expect(late).toThrow(GatewayError);
    expect(late).toThrow('This hosted checkout expired before a currency was chosen');
    expect(checkouts.choose(checkout.token, { chain: 'BTC', currency: 'BTC' }, 60_999, create, create).orderId).toBe('1');
  });
});
