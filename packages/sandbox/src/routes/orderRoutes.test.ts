import { CURRENCIES } from '@aurpay-kit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { SANDBOX_ERROR_CODES as CODES } from '../http/sandboxErrorCodes.js';
import { decodeSegwit, decodeTron, isEip55 } from '../test-utils/addressChecks.js';
import { startTestSandbox, type TestSandbox } from '../test-utils/sandboxClient.js';

let sandbox: TestSandbox;

beforeEach(async () => {
  sandbox = await startTestSandbox();
});

afterEach(async () => {
  await sandbox.close();
});

const AURPAY_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

describe('POST /api/order/pay-info', () => {
  it("answers with Aurpay's fields and types: amount and vs_price as JSON numbers", async () => {
    const before = Date.now();
    const answer = await sandbox.api('POST', '/api/order/pay-info', {
      body: { chain: 'ETH', currency: 'USDT-ERC20', vs_currency: 'USD', vs_price: 18 },
    });
    expect(answer.text).toMatch(/"amount":18\.0001,/);
    expect(answer.text).toMatch(/"vs_price":18,/);
    const data = answer.json.data;
    expect(Object.keys(data)).toEqual([
      'order_id',
      'status',
      'amount',
      'create_time',
      'vs_currency',
      'vs_price',
      'address',
      'contract_addr',
      'pay_url',
    ]);
    expect(data.order_id).toMatch(/^\d{20}$/);
    expect(data.status).toBe('PENDING');
    expect(data.create_time).toMatch(AURPAY_TIME);
    expect(Date.parse(`${data.create_time}Z`)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(data.order_id.slice(0, 14)).toBe(data.create_time.replace(/\D/g, ''));
    expect(data.contract_addr).toBe('0xdAC17F958D2ee523a2206206994597C13D831ec7');
    expect(data.pay_url).toBe(`${sandbox.url}/#/cashier/${data.order_id}`);
    expect(isEip55(data.address)).toBe(true);
  });

  it.each(CURRENCIES.filter((c) => c.kind !== 'lightning').map((c) => [c.chain, c.currency, c.contract] as const))(
    'gives %s/%s an address of the chain’s format and the token table’s contract',
    async (chain, currency, contract) => {
      const data = await sandbox.createOrder({ chain, currency });
      expect(data.contract_addr).toBe(contract);
      const address = data.address as string;
      if (chain === 'BTC' || chain === 'LTC') {
        const decoded = decodeSegwit(address);
        expect(decoded.prefix).toBe(chain === 'BTC' ? 'tb' : 'tltc');
        expect(decoded.version).toBe(0);
        expect(decoded.program.length).toBe(20);
      } else if (chain === 'TRX') {
        expect(address.startsWith('T')).toBe(true);
        expect(decodeTron(address)[0]).toBe(0x41);
      } else {
        expect(isEip55(address)).toBe(true);
      }
    },
  );

  it('uses mainnet prefixes on a mainnet sandbox', async () => {
    const mainnet = await startTestSandbox({ network: 'mainnet' });
    try {
      expect(((await mainnet.createOrder({ chain: 'BTC', currency: 'BTC' })).address as string).startsWith('bc1q')).toBe(true);
      expect(((await mainnet.createOrder({ chain: 'LTC', currency: 'LTC' })).address as string).startsWith('ltc1q')).toBe(true);
    } finally {
      await mainnet.close();
    }
  });

  it('prices from the fixed rates, rounding up, and never gives two open orders one amount', async () => {
    const first = await sandbox.createOrder({ chain: 'BTC', currency: 'BTC', vs_currency: 'USD', vs_price: 10 });
    const second = await sandbox.createOrder({ chain: 'BTC', currency: 'BTC', vs_currency: 'USD', vs_price: 10 });
    const euro = await sandbox.createOrder({ chain: 'BTC', currency: 'BTC', vs_currency: 'EUR', vs_price: 18.5 });
    expect([first.amount, second.amount, euro.amount]).toEqual([0.00020001, 0.00020002, 0.00040219]);
    await sandbox.control('POST', `/_sandbox/orders/${first.order_id}/pay`);
    // The first order is paid, so its amount is free again.
    expect((await sandbox.createOrder({ chain: 'BTC', currency: 'BTC', vs_price: 10 })).amount).toBe(0.00020001);
  });

  it.each([
    [{ chain: 'ETH', currency: 'BTC' }, CODES.currencyUnsupported],
    [{ chain: 'DOGE', currency: 'DOGE' }, CODES.currencyUnsupported],
    [{ chain: 'eth', currency: 'usdt-erc20' }, CODES.currencyUnsupported],
    [{ vs_currency: 'XYZ' }, CODES.currencyUnsupported],
    [{ vs_price: '18' }, CODES.fieldInvalid],
    [{ vs_price: 0 }, CODES.fieldInvalid],
    [{ vs_price: -1 }, CODES.fieldInvalid],
    [{ vs_price: null }, CODES.fieldMissing],
    [{ currency: 7 }, CODES.fieldInvalid],
    [{ callback_url: 'ftp://shop.test/cb' }, CODES.fieldInvalid],
    [{ callback_url: '/relative' }, CODES.fieldInvalid],
    [{ enable_post_callback: 'yes' }, CODES.fieldInvalid],
    [{ fixed_encrypt_price: 1 }, CODES.fieldInvalid],
  ])('rejects %j', async (change, code) => {
    const answer = await sandbox.api('POST', '/api/order/pay-info', {
      body: { chain: 'ETH', currency: 'USDT-ERC20', vs_currency: 'USD', vs_price: 18, ...change },
    });
    expect(answer.json).toMatchObject({ code, result: false });
  });
});

describe('POST /api/order/pay-url', () => {
  it('returns a hosted checkout URL on the sandbox', async () => {
    const answer = await sandbox.api('POST', '/api/order/pay-url', {
      body: { price: 10, currency: 'USD', callback_url: 'https://shop.test/cb' },
    });
    expect(answer.json.data.pay_url).toMatch(new RegExp(`^${sandbox.url}/#/cashier/choose\\?token=[0-9a-f]{64}$`));
  });

  it('validates price and currency', async () => {
    expect((await sandbox.api('POST', '/api/order/pay-url', { body: { currency: 'USD' } })).json.code).toBe(CODES.fieldMissing);
    expect((await sandbox.api('POST', '/api/order/pay-url', { body: { price: 1, currency: 'BTC' } })).json.code).toBe(
      CODES.currencyUnsupported,
    );
  });
});

describe('GET /api/v2/order/ and detail', () => {
  it('lists newest first with Aurpay paging and string amounts', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await sandbox.createOrder({ vs_price: 10 + i })).order_id);
    const page = (await sandbox.api('GET', '/api/v2/order/?page=1&size=2')).json.data;
    expect(page).toMatchObject({ page: 1, size: 2, total: 3, max_page: 2 });
    expect(page.data).toHaveLength(2);
    const all = (await sandbox.api('GET', '/api/v2/order/?page=1&size=10')).json.data.data;
    expect(all.map((o: { order_id: string }) => o.order_id).sort()).toEqual([...ids].sort());
    const item = all.find((o: { order_id: string }) => o.order_id === ids[0]);
    expect(item).toEqual({
      user_id: expect.stringMatching(/^mct-[0-9a-f]{12}$/),
      order_id: ids[0],
      order_type: 'ORDER',
      platform: 'AURPAY',
      status: 'PENDING',
      chain: 'ETH',
      chain_name: 'Ethereum',
      currency: 'USDT-ERC20',
      amount: '10.0001',
      vs_price: '10.0',
      vs_currency: 'USD',
      remark: '',
      refund: false,
      create_time: expect.stringMatching(AURPAY_TIME),
      update_time: expect.stringMatching(AURPAY_TIME),
    });
  });

  it('filters by order_id, status, chain and currency, and validates the filters', async () => {
    const eth = await sandbox.createOrder();
    const btc = await sandbox.createOrder({ chain: 'BTC', currency: 'BTC' });
    await sandbox.control('POST', `/_sandbox/orders/${btc.order_id}/pay`);
    const ids = async (query: string) =>
      (await sandbox.api('GET', `/api/v2/order/?page=1&size=10&${query}`)).json.data.data.map((o: { order_id: string }) => o.order_id);
    expect(await ids(`order_id=${eth.order_id}`)).toEqual([eth.order_id]);
    expect(await ids('status=SUCCESS')).toEqual([btc.order_id]);
    expect(await ids('chain=ETH')).toEqual([eth.order_id]);
    expect(await ids('currency=BTC&status=PENDING')).toEqual([]);
    expect(await ids('order_type=ORDER')).toHaveLength(2);
    expect((await sandbox.api('GET', '/api/v2/order/?status=PAID')).json.code).toBe(CODES.fieldInvalid);
    expect((await sandbox.api('GET', '/api/v2/order/?size=101')).json.code).toBe(CODES.fieldInvalid);
  });

  it('filters by creation time with st and et, both ends included, at whole seconds', async () => {
    const order = await sandbox.createOrder();
    const created = (await sandbox.api('GET', `/api/v2/order/detail/${order.order_id}`)).json.data.create_time as string;
    const at = Date.parse(`${created}Z`);
    const shifted = (ms: number) => new Date(at + ms).toISOString().slice(0, 19);
    const ids = async (query: string) =>
      (await sandbox.api('GET', `/api/v2/order/?page=1&size=10&${query}`)).json.data.data.map((o: { order_id: string }) => o.order_id);
    expect(await ids(`st=${created}&et=${created}`)).toEqual([order.order_id]);
    expect(await ids(`st=${shifted(-60_000)}&et=${shifted(60_000)}&status=PENDING`)).toEqual([order.order_id]);
    expect(await ids(`st=${shifted(1000)}`)).toEqual([]);
    expect(await ids(`et=${shifted(-1000)}`)).toEqual([]);
    expect(await ids(`st=${shifted(-1000)}&status=SUCCESS`)).toEqual([]);
    expect((await sandbox.api('GET', '/api/v2/order/?st=yesterday')).json.code).toBe(CODES.fieldInvalid);
  });

  it('shows obtained, tx_hash, from_addr and to_addr only once paid', async () => {
    const order = await sandbox.createOrder({ chain: 'TRX', currency: 'USDC-TRC20', vs_price: 19 });
    const before = (await sandbox.api('GET', `/api/v2/order/detail/${order.order_id}`)).json.data;
    expect(before).toMatchObject({
      amount: '19.0001',
      obtained: null,
      from_addr: null,
      to_addr: false,
      tx_hash: '',
      tx_type: 'ORDER',
      contract_id: null,
      fee: '0.1520008',
    });
    expect(before.tx_id).toMatch(/^[0-9a-f-]{36}$/);
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    const after = (await sandbox.api('GET', `/api/v2/order/detail/${order.order_id}`, { auth: 'signature' })).json.data;
    expect(after).toMatchObject({ status: 'SUCCESS', obtained: '19.0001', to_addr: order.address, refund: true });
    expect(after.tx_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(decodeTron(after.from_addr)[0]).toBe(0x41);
  });
});
