import { AURPAY_PATHS, compareAmounts, decodeInvoice } from '@aurpay-kit/core';
import type { Sandbox, SandboxProfileName } from '@aurpay-kit/sandbox';
import { SANDBOX_PROFILES, startSandbox } from '@aurpay-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Accepted, AurpayAuth, PayInfo } from '../src/index.js';
import { AurpayClient } from '../src/index.js';
import { AUTH_METHODS, control } from './sandboxControl.js';

const DECIMAL = /^(0|[1-9]\d*)(\.\d*[1-9])?$/;
const ORDER_ID = /^\d{20}$/;

/** The Lightning credentials of a sandbox, in the same method as the merchant's. */
function lightningAuth(sandbox: Sandbox, auth: AurpayAuth): AurpayAuth {
  const o = sandbox.options;
  if (auth.type === 'api-key') return { type: 'api-key', apiKey: o.lightningApiKey };
  return { ...auth, apiToken: o.lightningApiToken, secretKey: o.lightningSecretKey };
}

/** The fields of an answer the gateway accepted, asserting it was read in full. */
function complete<T>(answer: Accepted<T>): T {
  expect(answer).toMatchObject({ complete: true, unreadable: [] });
  if (!answer.complete) throw new Error(`unreadable: ${answer.unreadable.join(', ')}`);
  return answer;
}

const CASES = (Object.keys(SANDBOX_PROFILES) as SandboxProfileName[]).flatMap((profile) =>
  AUTH_METHODS.map(([name, auth]) => [profile, name, auth] as const),
);

/**
 * Every client method over real HTTP against the sandbox gateway, in every profile (each reading
 * of Aurpay's documents the sandbox plays), once per authentication method: API-Key, and Signature
 * with HMAC-SHA256 and HMAC-SHA3_256; the Lightning endpoints with their own key, as required.
 */
describe.each(CASES)('AurpayClient against the %s sandbox with %s', (profile, _name, auth) => {
  let sandbox: Sandbox;
  let client: AurpayClient;
  let usdtOrder: PayInfo;
  const quirks = SANDBOX_PROFILES[profile];

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, quiet: true, profile, requireLightningKey: true });
    const merchant = auth(sandbox);
    client = new AurpayClient({ baseUrl: sandbox.url, auth: merchant, lightningAuth: lightningAuth(sandbox, merchant), timeoutMs: 10_000 });
  });
  afterAll(() => sandbox.close());

  it('listRealCurrencies and listCryptoCurrencies', async () => {
    expect(await client.listRealCurrencies()).toContainEqual(expect.objectContaining({ currency: 'USD' }));
    const crypto = await client.listCryptoCurrencies();
    expect(crypto).toContainEqual(expect.objectContaining({ chain: 'ETH', currency: 'USDT-ERC20' }));
    expect(crypto).toContainEqual(expect.objectContaining({ chain: 'BLN', currency: 'BTC-LN' }));
  });

  it('getPayUrl opens a hosted checkout whose currency choice creates the order', async () => {
    const { pay_url } = complete(await client.getPayUrl({ price: 10, currency: 'USD', succeed_url: 'https://shop.example/ok' }));
    const token = new URL(pay_url).hash.split('token=')[1];
    const order = await control<{ order_id: string }>(sandbox, 'POST', `/checkouts/${token}/choose`, { chain: 'LTC', currency: 'LTC' });
    expect(await client.getOrderDetail(order.order_id)).toMatchObject({ status: 'PENDING', currency: 'LTC', vs_price: '10' });
  });

  it('createPayInfo returns the id as a string and amounts as decimal strings', async () => {
    usdtOrder = complete(await client.createPayInfo({ chain: 'ETH', currency: 'USDT-ERC20', vs_currency: 'USD', vs_price: 18 }));
    expect(usdtOrder.order_id).toMatch(ORDER_ID);
    expect(usdtOrder.amount).toMatch(DECIMAL);
    expect(usdtOrder.vs_price).toBe('18');
    expect(usdtOrder.status).toBe('PENDING');
    expect(usdtOrder.contract_addr).toBe('0xdAC17F958D2ee523a2206206994597C13D831ec7');
  });

  it('createPayInfo for a native coin: contract_addr null, whether sent as null or left out', async () => {
    expect(
      complete(await client.createPayInfo({ chain: 'BSC', currency: 'BNB', vs_currency: 'USD', vs_price: 5 })).contract_addr,
    ).toBeNull();
  });

  it('listOrders, filtered and paged', async () => {
    const page = await client.listOrders({ page: 1, size: 100 });
    expect(page.page).toBe(1);
    expect(page.data.map((o) => o.order_id)).toContain(usdtOrder.order_id);
    const one = await client.listOrders({ page: 1, size: 10, order_id: usdtOrder.order_id });
    expect(one.data).toHaveLength(1);
    expect(one.data[0]).toMatchObject({ order_id: usdtOrder.order_id, amount: usdtOrder.amount, status: 'PENDING' });
  });

  it('getOrderDetail follows a payment', async () => {
    expect(await client.getOrderDetail(usdtOrder.order_id)).toMatchObject({ status: 'PENDING', amount: usdtOrder.amount });
    await control(sandbox, 'POST', `/orders/${usdtOrder.order_id}/pay`, {});
    const paid = await client.getOrderDetail(usdtOrder.order_id);
    expect(paid.status).toBe('SUCCESS');
    expect(paid.amount).toBe(usdtOrder.amount);
    expect(paid.obtained).toMatch(DECIMAL);
    // Gross, or net of the fee: never more than was paid.
    expect(compareAmounts(paid.obtained ?? '0', paid.amount)).toBe(quirks.netObtained ? -1 : 0);
  });

  it('getRefundInfo and refundOrder, in the shape the profile answers', async () => {
    const quote = await client.getRefundInfo(usdtOrder.order_id);
    expect(quote.order_id).toBe(usdtOrder.order_id);
    for (const amount of [quote.amount, quote.network_fee, quote.obtained]) expect(amount).toMatch(DECIMAL);
    const refunded = complete(await client.refundOrder(usdtOrder.order_id));
    if (refunded.shape === 'refund-status') {
      expect(quirks.refundStatusAnswer).toBe(true);
      expect(refunded).toMatchObject({ order_id: usdtOrder.order_id, refund_status: 'REFUNDED', refund_amount: quote.obtained });
    } else {
      expect(quirks.refundStatusAnswer).toBe(false);
      expect(refunded.amount).toBe(quote.amount);
    }
    expect((await client.getOrderDetail(usdtOrder.order_id)).status).toBe('REFUNDED');
  });

  it('listTransactions', async () => {
    const page = await client.listTransactions({ page: 1, size: 10 });
    expect(page.total).toBeGreaterThan(0);
    for (const tx of page.data) expect(tx.amount).toMatch(DECIMAL);
  });

  it('getCustodyBalances, listWallets and withdraw', async () => {
    const order = await client.createPayInfo({ chain: 'BTC', currency: 'BTC', vs_currency: 'USD', vs_price: 25 });
    await control(sandbox, 'POST', `/orders/${order.order_id}/pay`, {});
    const balances = await client.getCustodyBalances();
    const btc = balances.find((b) => b.currency === 'BTC');
    expect(btc?.amount).toMatch(DECIMAL);
    expect(compareAmounts(btc?.amount ?? '0', '0')).toBe(1);
    expect(await client.listWallets()).toEqual(expect.arrayContaining([expect.objectContaining({ currency: 'BTC' })]));
    // The balance string is a short decimal whose shortest double form is itself.
    const result = complete(await client.withdraw({ chain: 'BTC', currency: 'BTC', amount: Number(btc?.amount) }));
    expect(result).toMatchObject({ currency: 'BTC', amount: btc?.amount, balance: '0' });
  });

  it('createBlnOrder, getBlnBalance and createBlnWithdraw, with the Lightning key', async () => {
    const order = complete(await client.createBlnOrder({ price: 20, currency: 'USD' }));
    expect(order.order_id).toMatch(ORDER_ID);
    expect(order.currency).toBe(quirks.blnOrderDescriptionShape ? null : 'BTC-LN');
    const invoice = decodeInvoice(order.payment_request);
    expect(invoice.amountBtc).toBe(order.amount);
    // The invoice's own timestamp is the order's true creation; create_time may lag it.
    const lag = invoice.timestamp - Date.parse(`${order.create_time}Z`) / 1000;
    expect(lag).toBe(quirks.laggingCreateTime ? 3096 : 0);
    await control(sandbox, 'POST', `/orders/${order.order_id}/pay`, {});
    const { balance } = await client.getBlnBalance();
    expect(compareAmounts(balance, order.amount)).toBe(0);
    const payee = complete(await client.createBlnOrder({ price: 5, currency: 'USD' }));
    const withdrawal = complete(await client.createBlnWithdraw({ ln_invoices: payee.payment_request }));
    expect(withdrawal).toMatchObject({
      amount: payee.amount,
      chain: 'BLN',
      currency: 'BTC-LN',
      fee: quirks.blnWithdrawWithoutFee ? null : '0',
    });
    expect(withdrawal.balance).toMatch(DECIMAL);
    expect((await client.getBlnBalance()).balance).toBe(withdrawal.balance);
    const second = complete(await client.createBlnOrder({ price: 5, currency: 'USD' }));
    const lightning = { chain: 'BLN', currency: 'BTC-LN', ln_invoices: second.payment_request, verify_code: sandbox.options.verifyCode };
    // The amount string is a short decimal whose shortest double form is itself.
    const viaWithdraw = complete(await client.withdraw({ ...lightning, amount: Number(second.amount) }));
    expect(viaWithdraw).toMatchObject({ chain: 'BLN', currency: 'BTC-LN', amount: second.amount });
  });

  it('login and getApiKey', async () => {
    const { access_token, expire } = await client.login({ username: sandbox.options.username, password: sandbox.options.password });
    expect(access_token.length).toBeGreaterThan(10);
    expect(expire).toBeGreaterThan(0);
    expect(await client.getApiKey(access_token)).toMatchObject({ api_key: sandbox.options.apiKey });
  });

  it('reached every Aurpay endpoint, each with this authentication', async () => {
    const { requests } = await control<{ requests: Record<string, number> }>(sandbox, 'GET', '/stats');
    const reached = Object.keys(requests).filter((key) => / \/api\//.test(key));
    const expected = Object.values(AURPAY_PATHS).map((path) =>
      path.replace(/\/$/, '').replace(/\/(detail|refund-info|refund)$/, '/$1/:order_id'),
    );
    expect(reached).toHaveLength(expected.length);
    for (const path of expected) expect(reached.some((key) => key.split(' ')[1]?.replace(/\/$/, '') === path)).toBe(true);
  });
});
