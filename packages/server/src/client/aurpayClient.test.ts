import { createHmac } from 'node:crypto';
import CryptoJS from 'crypto-js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AurpayClient } from './aurpayClient.js';
import type { LocalServer, RecordedRequest } from './test-utils/localServer.js';
import { ok, sendEnvelope, startLocalServer } from './test-utils/localServer.js';

const ORDER_ID = '20240613093614690315';
const order = {
  user_id: 'mct-1',
  order_id: ORDER_ID,
  order_type: 'ORDER',
  platform: 'API',
  status: 'PENDING',
  chain: 'ETH',
  chain_name: 'Ethereum',
  currency: 'USDT-ERC20',
  amount: '18.00980',
  vs_price: '18.0',
  vs_currency: 'USD',
  remark: '',
  refund: false,
  create_time: '2024-06-13T09:36:14',
  update_time: '2024-06-13T09:36:14',
};
const refund = {
  order_id: ORDER_ID,
  chain: 'TRX',
  currency: 'USDT-TRC20',
  amount: 7.6883,
  network_fee: 0.353,
  obtained: 7.3353,
  from_addr: 'T1',
  to_addr: 'T2',
  refund_et: 60,
};
const tx = {
  user_id: 'mct-1',
  tx_id: 't1',
  tx_type: 'WITHDRAW',
  status: 'SUCCESS',
  chain: 'ETH',
  currency: 'ETH',
  amount: '1.50',
  obtained: null,
  fee: '0',
  from_addr: null,
  to_addr: null,
  tx_hash: null,
  event_time: '2024-10-10T02:22:06',
};

/** What the local gateway answers on each path. */
function answer(method: string, path: string): unknown {
  const routes: Record<string, unknown> = {
    'POST /api/order/pay-url': { pay_url: 'https://dashboard.aurpay.net/#/cashier/choose?token=x' },
    'POST /api/order/pay-info': { ...order, amount: 18.0098, vs_price: 18, address: '0xabc', contract_addr: null, pay_url: 'https://p' },
    'GET /api/v2/order/': { page: 1, size: 10, total: 1, max_page: 1, data: [order] },
    [`GET /api/v2/order/detail/${ORDER_ID}`]: {
      ...order,
      tx_id: 'x',
      tx_type: 'ORDER',
      obtained: null,
      fee: '0.20',
      from_addr: null,
      to_addr: false,
      tx_hash: '',
      contract_id: null,
    },
    [`GET /api/v2/order/refund-info/${ORDER_ID}`]: refund,
    [`POST /api/v2/order/refund/${ORDER_ID}`]: refund,
    'GET /api/v2/tx': { page: 2, size: 5, total: 6, max_page: 2, data: [tx] },
    'GET /api/order/pay/real-currency': [{ currency: 'USD', name: 'US Dollar' }],
    'GET /api/order/pay/crypto-currency': [{ chain: 'BTC', currency: 'BTC', status: true }],
    'GET /api/withdraw/wallets': [{ chain: 'ETH', currency: 'ETH', amount: '1.000' }],
    'POST /api/withdraw': { tx_id: 'w1', amount: 10 },
    'GET /api/contract/balance': [{ chain: 'ETH', currency: 'ETH', amount: 10.31299 }],
    'GET /api/bln/balance': { balance: '0.00002518' },
    'POST /api/bln/order': {
      order_id: ORDER_ID,
      status: 'PENDING',
      amount: '0.00019044',
      create_time: 't',
      payment_request: 'lntb1',
      payment_addr: 'aa',
      pay_url: 'p',
      currency: 'BTC-LN',
    },
    'POST /api/bln/withdraw': {
      user_id: 'u',
      tx_id: 't',
      type: 'WITHDRAW',
      status: 'SUCCESS',
      chain: 'BLN',
      currency: 'BTC-LN',
      amount: '0.00004321',
      fee: '0',
      balance: '0.00277925368',
      update_time: 't',
    },
    'POST /api/user/login': { access_token: 'jwt.token.sig', expire: 86400 },
    'GET /api/plugin/key': { api_key: 'the-key', user_id: 'mct-1' },
  };
  return routes[`${method} ${path}`];
}

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer((_req, res, recorded) => {
    const data = answer(recorded.method, recorded.url.split('?')[0] ?? '');
    if (data === undefined) sendEnvelope(res, { code: 40400, message: 'no route', result: false }, 404);
    else sendEnvelope(res, ok(data));
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function last(): RecordedRequest {
  const req = server.requests.at(-1);
  if (req === undefined) throw new Error('no request reached the server');
  return req;
}

const apiKeyClient = () => new AurpayClient({ baseUrl: server.url, auth: { type: 'api-key', apiKey: 'the-api-key' } });

const calls: [string, (c: AurpayClient) => Promise<unknown>, string, string, unknown][] = [
  [
    'getPayUrl',
    (c) => c.getPayUrl({ price: 10, currency: 'USD', callback_url: 'https://shop/cb' }),
    'POST',
    '/api/order/pay-url',
    { price: 10, currency: 'USD', callback_url: 'https://shop/cb' },
  ],
  [
    'createPayInfo',
    (c) => c.createPayInfo({ chain: 'ETH', currency: 'USDT-ERC20', vs_currency: 'USD', vs_price: 18 }),
    'POST',
    '/api/order/pay-info',
    { chain: 'ETH', currency: 'USDT-ERC20', vs_currency: 'USD', vs_price: 18 },
  ],
  [
    'listOrders',
    (c) => c.listOrders({ page: 1, size: 10, status: 'PENDING' }),
    'GET',
    '/api/v2/order/?page=1&size=10&status=PENDING',
    undefined,
  ],
  ['getOrderDetail', (c) => c.getOrderDetail(ORDER_ID), 'GET', `/api/v2/order/detail/${ORDER_ID}`, undefined],
  ['getRefundInfo', (c) => c.getRefundInfo(ORDER_ID), 'GET', `/api/v2/order/refund-info/${ORDER_ID}`, undefined],
  ['refundOrder', (c) => c.refundOrder(ORDER_ID), 'POST', `/api/v2/order/refund/${ORDER_ID}`, undefined],
  [
    'listTransactions',
    (c) => c.listTransactions({ page: 2, size: 5, st: '2024-10-01 00:00:00' }),
    'GET',
    '/api/v2/tx?page=2&size=5&st=2024-10-01%2000%3A00%3A00',
    undefined,
  ],
  ['listRealCurrencies', (c) => c.listRealCurrencies(), 'GET', '/api/order/pay/real-currency', undefined],
  ['listCryptoCurrencies', (c) => c.listCryptoCurrencies(), 'GET', '/api/order/pay/crypto-currency', undefined],
  ['listWallets', (c) => c.listWallets(), 'GET', '/api/withdraw/wallets', undefined],
  [
    'withdraw',
    (c) => c.withdraw({ chain: 'ETH', currency: 'USDT-ERC20', amount: 10 }),
    'POST',
    '/api/withdraw',
    { chain: 'ETH', currency: 'USDT-ERC20', amount: 10 },
  ],
  ['getCustodyBalances', (c) => c.getCustodyBalances(), 'GET', '/api/contract/balance', undefined],
  ['getBlnBalance', (c) => c.getBlnBalance(), 'GET', '/api/bln/balance', undefined],
  ['createBlnOrder', (c) => c.createBlnOrder({ price: 20, currency: 'USD' }), 'POST', '/api/bln/order', { price: 20, currency: 'USD' }],
  [
    'createBlnWithdraw',
    (c) => c.createBlnWithdraw({ ln_invoices: 'lnbc1', amount: 0.00017293 }),
    'POST',
    '/api/bln/withdraw',
    { ln_invoices: 'lnbc1', amount: 0.00017293 },
  ],
];

describe('AurpayClient requests', () => {
  it.each(calls)('%s sends %s with the API-Key', async (_name, call, method, url, body) => {
    await call(apiKeyClient());
    const req = last();
    expect([req.method, req.url]).toEqual([method, url]);
    expect(req.headers['api-key']).toBe('the-api-key');
    expect(req.headers['signature']).toBeUndefined();
    if (body === undefined) {
      expect(req.body).toHaveLength(0);
    } else {
      expect(req.headers['content-type']).toBe('application/json');
      expect(JSON.parse(req.body.toString('utf8'))).toEqual(body);
    }
  });

  it.each(calls)('%s is signed over exactly what the server receives', async (_name, call) => {
    for (const algorithm of ['HMAC-SHA256', 'HMAC-SHA3_256'] as const) {
      const c = new AurpayClient({ baseUrl: server.url, auth: { type: 'signature', apiToken: 'tok', secretKey: 'sec', algorithm } });
      const before = Date.now();
      await call(c);
      const after = Date.now();
      const req = last();
      const md5 = req.method === 'GET' ? '' : CryptoJS.MD5(CryptoJS.lib.WordArray.create(req.body)).toString();
      expect(req.headers['body-md5']).toBe(md5);
      expect(req.headers['api-token']).toBe('tok');
      expect(req.headers['algorithm']).toBe(algorithm);
      // Dated when it was signed: within the call.
      expect(Date.parse(String(req.headers['date']))).toBeGreaterThanOrEqual(before);
      expect(Date.parse(String(req.headers['date']))).toBeLessThanOrEqual(after);
      const origin = `${algorithm} | ${String(req.headers['date'])} | ${req.method} ${req.url}${md5 === '' ? '' : ` | ${md5}`}`;
      if (algorithm === 'HMAC-SHA256') {
        expect(req.headers['signature']).toBe(CryptoJS.enc.Base64.stringify(CryptoJS.HmacSHA256(origin, 'sec')));
      } else {
        expect(req.headers['signature']).toBe(createHmac('sha3-256', 'sec').update(origin).digest('base64'));
      }
      expect(req.headers['api-key']).toBeUndefined();
    }
  });

  it('normalizes every answer: amounts as decimal strings, ids as strings', async () => {
    const c = apiKeyClient();
    expect(await c.createPayInfo({ chain: 'ETH', currency: 'ETH', vs_currency: 'USD', vs_price: 18 })).toMatchObject({
      order_id: ORDER_ID,
      amount: '18.0098',
      vs_price: '18',
    });
    expect((await c.listOrders({ page: 1, size: 10 })).data[0]).toMatchObject({ amount: '18.0098', vs_price: '18' });
    expect(await c.getOrderDetail(ORDER_ID)).toMatchObject({ fee: '0.2', obtained: null });
    expect(await c.refundOrder(ORDER_ID)).toMatchObject({ amount: '7.6883', network_fee: '0.353', obtained: '7.3353' });
    expect((await c.listTransactions({ page: 2, size: 5 })).data[0]).toMatchObject({ amount: '1.5', obtained: null, fee: '0' });
    expect(await c.listWallets()).toEqual([{ chain: 'ETH', currency: 'ETH', amount: '1' }]);
    expect(await c.withdraw({ chain: 'ETH', currency: 'ETH', amount: 10 })).toMatchObject({
      tx_id: 'w1',
      amount: '10',
      fee: null,
      complete: true,
      raw: { tx_id: 'w1', amount: '10' },
    });
    expect(await c.getCustodyBalances()).toEqual([{ chain: 'ETH', currency: 'ETH', amount: '10.31299' }]);
    expect(await c.getBlnBalance()).toEqual({ balance: '0.00002518' });
    expect(await c.createBlnOrder({ price: 20, currency: 'USD' })).toMatchObject({ amount: '0.00019044', complete: true });
    expect(await c.createBlnWithdraw({ ln_invoices: 'lnbc1' })).toMatchObject({ balance: '0.00277925368', complete: true });
  });

  it('login sends a form without API credentials; getApiKey sends only the bearer token', async () => {
    const c = new AurpayClient({ baseUrl: server.url, auth: { type: 'signature', apiToken: 'tok', secretKey: 'sec' } });
    expect(await c.login({ username: 'a@b.c', password: 'p&ss w=rd' })).toEqual({ access_token: 'jwt.token.sig', expire: 86400 });
    const login = last();
    expect(login.method).toBe('POST');
    expect(login.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(login.body.toString()))).toEqual({ username: 'a@b.c', password: 'p&ss w=rd' });
    expect(login.headers['signature']).toBeUndefined();
    expect(await c.getApiKey('jwt.token.sig')).toEqual({ api_key: 'the-key', user_id: 'mct-1' });
    const key = last();
    expect(key.headers['authorization']).toBe('Bearer jwt.token.sig');
    expect(key.headers['api-token']).toBeUndefined();
  });

  it('reports the base URL it talks to', () => {
    expect(apiKeyClient().baseUrl).toBe(server.url);
    expect(new AurpayClient({ auth: { type: 'api-key', apiKey: 'k' } }).baseUrl).toBe('https://dashboard.aurpay.net');
  });
});
