import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AurpayClient } from './aurpayClient.js';
import type { LocalServer, RecordedRequest } from './test-utils/localServer.js';
import { ok, sendEnvelope, startLocalServer } from './test-utils/localServer.js';

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer((_req, res, recorded) => {
    const path = recorded.url.split('?')[0] ?? '';
    const data = path === '/api/bln/balance' ? { balance: '0' } : path === '/api/order/pay/real-currency' ? [] : {};
    sendEnvelope(res, ok(data));
  });
});
afterAll(() => server.close());

function last(): RecordedRequest {
  const req = server.requests.at(-1);
  if (req === undefined) throw new Error('no request reached the server');
  return req;
}

const calls: [string, (c: AurpayClient) => Promise<unknown>, boolean][] = [
  ['getBlnBalance', (c) => c.getBlnBalance(), true],
  ['createBlnOrder', (c) => c.createBlnOrder({ price: 20, currency: 'USD' }), true],
  ['createBlnWithdraw', (c) => c.createBlnWithdraw({ ln_invoices: 'lnbc1' }), true],
  ['listRealCurrencies', (c) => c.listRealCurrencies(), false],
  ['createPayInfo', (c) => c.createPayInfo({ chain: 'ETH', currency: 'ETH', vs_currency: 'USD', vs_price: 1 }), false],
  // Lightning through Withdraw Balance is a wallet endpoint, not under /api/bln/.
  ['withdraw BLN', (c) => c.withdraw({ chain: 'BLN', currency: 'BTC-LN', amount: 1, ln_invoices: 'lnbc1', verify_code: '0' }), false],
];

describe('AurpayClient with lightningAuth', () => {
  it.each(calls)('%s carries the Lightning credentials only on /api/bln/* (%s)', async (_name, call, lightning) => {
    const c = new AurpayClient({
      baseUrl: server.url,
      auth: { type: 'signature', apiToken: 'tok', secretKey: 'sec' },
      lightningAuth: { type: 'api-key', apiKey: 'ln-key' },
    });
    await call(c);
    expect(last().headers['api-key']).toBe(lightning ? 'ln-key' : undefined);
    expect(last().headers['api-token']).toBe(lightning ? undefined : 'tok');
  });

  it('signs the Lightning calls with Lightning signature credentials, and falls back to auth without any', async () => {
    const signed = new AurpayClient({
      baseUrl: server.url,
      auth: { type: 'api-key', apiKey: 'k' },
      lightningAuth: { type: 'signature', apiToken: 'ln-tok', secretKey: 's' },
    });
    await signed.getBlnBalance();
    expect(last().headers).toMatchObject({ 'api-token': 'ln-tok', algorithm: 'HMAC-SHA256' });
    await signed.listRealCurrencies();
    expect(last().headers['api-key']).toBe('k');
    await new AurpayClient({ baseUrl: server.url, auth: { type: 'api-key', apiKey: 'k' } }).getBlnBalance();
    expect(last().headers['api-key']).toBe('k');
  });
});
