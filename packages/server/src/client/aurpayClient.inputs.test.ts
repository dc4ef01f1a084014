import { AurpayKitError } from '@aurpay-kit/core';
import { describe, expect, it, vi } from 'vitest';
import { AurpayClient } from './aurpayClient.js';

const ORDER_ID = '20240613093614690315';

describe('AurpayClient bad inputs', () => {
  const fetchSpy = vi.fn<typeof fetch>();
  const c = new AurpayClient({ auth: { type: 'api-key', apiKey: 'k' }, fetch: fetchSpy });
  const bad: [string, () => Promise<unknown>, string, RegExp][] = [
    [
      'getPayUrl without price',
      () => c.getPayUrl({ currency: 'USD' } as never),
      'request_invalid',
      /price must be a positive finite number/,
    ],
    ['getPayUrl NaN price', () => c.getPayUrl({ price: Number.NaN, currency: 'USD' }), 'request_invalid', /price/],
    [
      'getPayUrl bad url',
      () => c.getPayUrl({ price: 1, currency: 'USD', callback_url: '/cb' }),
      'request_invalid',
      /callback_url must be an absolute URL/,
    ],
    [
      'getPayUrl bad flag',
      () => c.getPayUrl({ price: 1, currency: 'USD', enable_post_callback: 'yes' as never }),
      'request_invalid',
      /enable_post_callback/,
    ],
    ['createPayInfo null', () => c.createPayInfo(null as never), 'request_invalid', /createPayInfo: the request must be an object/],
    [
      'createPayInfo no chain',
      () => c.createPayInfo({ currency: 'ETH', vs_currency: 'USD', vs_price: 1 } as never),
      'request_invalid',
      /chain must be a non-empty string/,
    ],
    [
      'createPayInfo negative',
      () => c.createPayInfo({ chain: 'ETH', currency: 'ETH', vs_currency: 'USD', vs_price: -1 }),
      'request_invalid',
      /vs_price/,
    ],
    ['listOrders page 0', () => c.listOrders({ page: 0, size: 10 }), 'request_invalid', /page must be an integer ≥ 1/],
    ['listOrders size 101', () => c.listOrders({ page: 1, size: 101 }), 'request_invalid', /size must be an integer from 1 to 100/],
    ['listOrders status type', () => c.listOrders({ page: 1, size: 1, status: 5 as never }), 'request_invalid', /status must be a string/],
    ['listTransactions no query', () => c.listTransactions(undefined as never), 'request_invalid', /the query must be an object/],
    ['getOrderDetail path', () => c.getOrderDetail('../../api/withdraw'), 'order_id_invalid', /numeric order id/],
    ['getOrderDetail number', () => c.getOrderDetail(Number(ORDER_ID) as never), 'order_id_invalid', /as a string/],
    ['getRefundInfo empty', () => c.getRefundInfo(''), 'order_id_invalid', /orderId/],
    ['refundOrder query', () => c.refundOrder('123?x=1'), 'order_id_invalid', /orderId/],
    ['withdraw amount', () => c.withdraw({ chain: 'ETH', currency: 'ETH', amount: 0 }), 'request_invalid', /amount/],
    [
      'withdraw code',
      () => c.withdraw({ chain: 'ETH', currency: 'ETH', amount: 1, verify_code: 1 as never }),
      'request_invalid',
      /verify_code/,
    ],
    [
      'withdraw Lightning invoices',
      () => c.withdraw({ chain: 'BLN', currency: 'BTC-LN', amount: 1, verify_code: '1' }),
      'request_invalid',
      /ln_invoices must be a non-empty string for a Lightning withdrawal/,
    ],
    [
      'withdraw Lightning code',
      () => c.withdraw({ chain: 'BLN', currency: 'BTC-LN', amount: 1, ln_invoices: 'lnbc1' }),
      'request_invalid',
      /verify_code must be a non-empty string for a Lightning withdrawal/,
    ],
    ['createBlnOrder currency', () => c.createBlnOrder({ price: 1, currency: '' }), 'request_invalid', /currency/],
    ['createBlnWithdraw invoices', () => c.createBlnWithdraw({} as never), 'request_invalid', /ln_invoices/],
    [
      'createBlnWithdraw amount',
      () => c.createBlnWithdraw({ ln_invoices: 'ln', amount: Number.POSITIVE_INFINITY }),
      'request_invalid',
      /amount/,
    ],
    ['login password', () => c.login({ username: 'u', password: '' }), 'request_invalid', /password/],
    ['login null', () => c.login(null as never), 'request_invalid', /credentials must be an object/],
    ['getApiKey header injection', () => c.getApiKey('tok\r\nX-Evil: 1'), 'request_invalid', /accessToken/],
    ['getApiKey empty', () => c.getApiKey(''), 'request_invalid', /accessToken/],
    ['bad timeout', () => c.listRealCurrencies({ timeoutMs: -5 }), 'request_invalid', /timeoutMs/],
  ];

  it.each(bad)('%s', async (_name, call, code, message) => {
    const error: unknown = await call().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AurpayKitError);
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('throws at construction when misconfigured', () => {
    expect(() => new AurpayClient({ auth: { type: 'signature', apiToken: 't' } } as never)).toThrow(/set auth\.secretKey/);
    expect(() => new AurpayClient({ baseUrl: 'http://example.com', auth: { type: 'api-key', apiKey: 'k' } })).toThrow(/https/);
  });
});
