import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { SANDBOX_ERROR_CODES as CODES } from '../http/sandboxErrorCodes.js';
import { decodeSegwit, isEip55 } from '../test-utils/addressChecks.js';
import { startTestSandbox, type TestSandbox } from '../test-utils/sandboxClient.js';

let sandbox: TestSandbox;

beforeEach(async () => {
  sandbox = await startTestSandbox();
});

afterEach(async () => {
  await sandbox.close();
});

async function paidOrder(body: Record<string, unknown>, amount?: string) {
  const order = await sandbox.createOrder(body);
  await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`, amount === undefined ? undefined : { amount });
  return order;
}

describe('currency lists', () => {
  it("lists the crypto currencies of Aurpay's example in its order, all enabled", async () => {
    const data = (await sandbox.api('GET', '/api/order/pay/crypto-currency', { auth: 'signature' })).json.data;
    expect(data.map((c: { chain: string; currency: string }) => `${c.chain}/${c.currency}`)).toEqual([
      'ETH/ETH',
      'ETH/USDT-ERC20',
      'ETH/USDC-ERC20',
      'ETH/DAI-ERC20',
      'BTC/BTC',
      'BLN/BTC-LN',
      'LTC/LTC',
      'BSC/BNB',
      'TRX/USDT-TRC20',
      'TRX/USDC-TRC20',
    ]);
    expect(data.every((c: { status: unknown }) => c.status === true)).toBe(true);
  });

  it("lists the fiat currencies of Aurpay's example with its names", async () => {
    const data = (await sandbox.api('GET', '/api/order/pay/real-currency')).json.data;
    expect(data).toHaveLength(48);
    expect(data[0]).toEqual({ currency: 'USD', name: 'Ultimate Strength Design' });
    expect(data.at(-1)).toEqual({ currency: 'XAU', name: 'Gold Ounce' });
    expect(Object.keys(data[1])).toEqual(['currency', 'name']);
  });
});

describe('balances, wallets and withdrawals', () => {
  it('reports custody balances as JSON numbers from paid orders', async () => {
    await paidOrder({ chain: 'ETH', currency: 'USDT-ERC20', vs_price: 203 });
    await paidOrder({ chain: 'ETH', currency: 'ETH', vs_price: 100 }, '0.01');
    const answer = await sandbox.api('GET', '/api/contract/balance');
    expect(answer.text).toContain('{"chain":"ETH","currency":"USDT-ERC20","amount":203.0001}');
    expect(answer.text).toContain('{"chain":"ETH","currency":"ETH","amount":0.01}');
    expect(answer.text).toContain('{"chain":"BSC","currency":"BNB","amount":0}');
    expect(answer.json.data.some((b: { currency: string }) => b.currency === 'BTC-LN')).toBe(false);
  });

  it('lists a withdrawal wallet per on-chain currency', async () => {
    const wallets = (await sandbox.api('GET', '/api/withdraw/wallets')).json.data;
    expect(wallets).toHaveLength(9);
    const btc = wallets.find((w: { currency: string }) => w.currency === 'BTC');
    expect(decodeSegwit(btc.address).prefix).toBe('tb');
    expect(isEip55(wallets.find((w: { currency: string }) => w.currency === 'USDC-ERC20').address)).toBe(true);
    expect(btc.balance).toBe('0');
  });

  it('withdraws within the balance and answers 40005 beyond it', async () => {
    const short = await sandbox.api('POST', '/api/withdraw', { body: { chain: 'ETH', currency: 'USDT-ERC20', amount: 10 } });
    expect(short.json).toMatchObject({ code: CODES.insufficientBalance, result: false });
    await paidOrder({ chain: 'ETH', currency: 'USDT-ERC20', vs_price: 18 });
    const ok = await sandbox.api('POST', '/api/withdraw', { body: { chain: 'ETH', currency: 'USDT-ERC20', amount: 10 } });
    expect(ok.json.data).toMatchObject({
      type: 'WITHDRAW',
      status: 'SUCCESS',
      chain: 'ETH',
      currency: 'USDT-ERC20',
      amount: '10',
      balance: '8.0001',
    });
    expect((await sandbox.api('GET', '/api/contract/balance')).text).toContain('"currency":"USDT-ERC20","amount":8.0001}');
  });

  it('validates withdrawals', async () => {
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ currency: 'BTC', amount: 1 }, CODES.fieldMissing],
      [{ chain: 'BTC', currency: 'BTC' }, CODES.fieldMissing],
      [{ chain: 'BTC', currency: 'BTC', amount: 'one' }, CODES.fieldInvalid],
      [{ chain: 'BTC', currency: 'BTC', amount: '0' }, CODES.fieldInvalid],
      [{ chain: 'BTC', currency: 'BTC', amount: -1 }, CODES.fieldInvalid],
      [{ chain: 'BTC', currency: 'DOGE', amount: 1 }, CODES.currencyUnsupported],
      [{ chain: 'BLN', currency: 'BTC-LN', amount: 1 }, CODES.fieldMissing],
      [{ chain: 'BLN', currency: 'BTC-LN', amount: 1, ln_invoices: 'lnbc1x' }, CODES.fieldMissing],
      [{ chain: 'BLN', currency: 'BTC-LN', amount: 1, ln_invoices: 'lnbc1x', verify_code: '123456' }, CODES.verifyCodeInvalid],
      [{ chain: 'BLN', currency: 'BTC-LN', amount: 1, ln_invoices: 'lnbc1x', verify_code: '000000' }, CODES.fieldInvalid],
    ];
    for (const [body, code] of cases) expect((await sandbox.api('POST', '/api/withdraw', { body })).json.code).toBe(code);
  });

  it("answers Aurpay's KYB error 40004 when the merchant is not verified", async () => {
    const unverified = await startTestSandbox({ kybVerified: false });
    try {
      const answer = await unverified.api('POST', '/api/withdraw', { body: { chain: 'ETH', currency: 'USDT-ERC20', amount: 10 } });
      expect(answer.json).toMatchObject({
        result: false,
        code: 40004,
        message: 'The account needs to pass the KYB verification before the currency can be withdrawn.',
      });
    } finally {
      await unverified.close();
    }
  });
});

describe('GET /api/v2/tx', () => {
  it('lists payments, refunds and withdrawals with filters and sorting', async () => {
    const usdt = await paidOrder({ chain: 'TRX', currency: 'USDT-TRC20', vs_price: 20 });
    await paidOrder({ chain: 'BTC', currency: 'BTC', vs_price: 10 }, '0.0001');
    await sandbox.createOrder();
    await sandbox.api('POST', `/api/v2/order/refund/${usdt.order_id}`);
    await paidOrder({ chain: 'ETH', currency: 'USDC-ERC20', vs_price: 5 });
    await sandbox.api('POST', '/api/withdraw', { body: { chain: 'ETH', currency: 'USDC-ERC20', amount: 1 } });

    const all = (await sandbox.api('GET', '/api/v2/tx?page=1&size=10')).json.data;
    expect(all).toMatchObject({ page: 1, size: 10, total: 5, max_page: 1 });
    expect(all.data.map((t: { tx_type: string }) => t.tx_type).sort()).toEqual(['ORDER', 'ORDER', 'ORDER', 'REFUND', 'WITHDRAW']);
    const partial = all.data.find((t: { currency: string }) => t.currency === 'BTC');
    expect(partial).toMatchObject({ status: 'PARTIAL', amount: '0.00020001', obtained: '0.0001' });
    expect(Object.keys(partial)).toEqual([
      'user_id',
      'chain',
      'currency',
      'tx_id',
      'tx_type',
      'status',
      'amount',
      'obtained',
      'fee',
      'from_addr',
      'to_addr',
      'tx_hash',
      'event_time',
    ]);

    const list = async (query: string) => (await sandbox.api('GET', `/api/v2/tx?${query}`)).json.data.data;
    expect((await list('type=REFUND'))[0]).toMatchObject({ currency: 'USDT-TRC20', amount: '20.0001', obtained: '19.6471', fee: '0.353' });
    expect(await list('chain=ETH')).toHaveLength(2);
    expect(await list('status=PARTIAL')).toHaveLength(1);
    expect(await list(`tx_id=${partial.tx_id}`)).toHaveLength(1);
    expect(await list('st=2000-01-01&et=2000-01-02')).toHaveLength(0);
    expect(await list('st=2000-01-01T00:00:00')).toHaveLength(5);
    const asc = (await list('sort=asc')).map((t: { tx_id: string }) => t.tx_id);
    const desc = (await list('sort=desc')).map((t: { tx_id: string }) => t.tx_id);
    expect(asc).toHaveLength(5);
    expect(new Set(asc)).toEqual(new Set(desc));
    expect((await sandbox.api('GET', '/api/v2/tx?sort=up')).json.code).toBe(CODES.fieldInvalid);
    expect((await sandbox.api('GET', '/api/v2/tx?st=soon')).json.code).toBe(CODES.fieldInvalid);
  });
});
