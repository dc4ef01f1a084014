import { SANDBOX_ERROR_CODES, startSandbox } from '@aurpay-kit/sandbox';
import type { Sandbox } from '@aurpay-kit/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AurpayAuth } from '../src/index.js';
import { AurpayClient, AurpayError } from '../src/index.js';
import { control, requestCount } from './sandboxControl.js';

const DETAIL = 'GET /api/v2/order/detail/:order_id';

async function failure(promise: Promise<unknown>): Promise<AurpayError> {
  const error: unknown = await promise.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AurpayError);
  return error as AurpayError;
}

/** The gateway saying no, and the gateway failing, over real HTTP against the sandbox. */
describe('AurpayClient failures against the sandbox', () => {
  let sandbox: Sandbox;
  let orderId: string;
  const client = (auth?: Partial<AurpayAuth>, timeoutMs = 10_000) =>
    new AurpayClient({
      baseUrl: sandbox.url,
      auth: { type: 'signature', apiToken: sandbox.options.apiToken, secretKey: sandbox.options.secretKey, ...auth } as AurpayAuth,
      timeoutMs,
    });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, quiet: true });
    const order = await client().createPayInfo({ chain: 'LTC', currency: 'LTC', vs_currency: 'USD', vs_price: 3 });
    if (!order.complete) throw new Error(`pay-info unreadable: ${order.unreadable.join(', ')}`);
    orderId = order.order_id;
  });
  afterAll(() => sandbox.close());
  beforeEach(async () => {
    await control(sandbox, 'DELETE', '/faults');
    await control(sandbox, 'POST', '/stats/reset');
  });

  it('a wrong secret: aurpay_signature_rejected with both origins, which agree', async () => {
    for (const algorithm of ['HMAC-SHA256', 'HMAC-SHA3_256'] as const) {
      const error = await failure(client({ secretKey: 'not-the-secret', algorithm }).getOrderDetail(orderId));
      expect(error).toMatchObject({ code: 'aurpay_signature_rejected', aurpayCode: SANDBOX_ERROR_CODES.signatureMismatch });
      expect(error.signatureOrigin).toMatch(new RegExp(`^${algorithm} \\| \\S+ \\| GET /api/v2/order/detail/${orderId}$`));
      // Same origin on both sides: only the key differs, which is what the message must point at.
      expect(error.gatewaySignatureOrigin).toBe(error.signatureOrigin);
    }
  });

  it('a wrong secret on a POST: the gateway signed the same body MD5', async () => {
    const error = await failure(client({ secretKey: 'nope' }).getPayUrl({ price: 12.5, currency: 'EUR' }));
    expect(error.code).toBe('aurpay_signature_rejected');
    expect(error.signatureOrigin).toMatch(/ \| POST \/api\/order\/pay-url \| [0-9a-f]{32}$/);
    expect(error.gatewaySignatureOrigin).toBe(error.signatureOrigin);
  });

  it('an unknown token or API-Key: aurpay_rejected with the gateway code', async () => {
    expect(await failure(client({ apiToken: 'who' }).listRealCurrencies())).toMatchObject({
      code: 'aurpay_rejected',
      aurpayCode: SANDBOX_ERROR_CODES.apiTokenUnknown,
    });
    const apiKey = new AurpayClient({ baseUrl: sandbox.url, auth: { type: 'api-key', apiKey: 'wrong' } });
    expect(await failure(apiKey.listRealCurrencies())).toMatchObject({
      code: 'aurpay_rejected',
      aurpayCode: SANDBOX_ERROR_CODES.apiKeyInvalid,
    });
  });

  it('an unknown order, a bad login, a bad access token', async () => {
    const missing = await failure(client().getOrderDetail('99999999999999999999'));
    expect(missing).toMatchObject({ code: 'aurpay_rejected', aurpayCode: SANDBOX_ERROR_CODES.orderNotFound });
    expect(missing.traceId).toEqual(expect.any(String));
    expect(await failure(client().login({ username: sandbox.options.username, password: 'wrong' }))).toMatchObject({
      aurpayCode: SANDBOX_ERROR_CODES.loginInvalid,
    });
    expect(await failure(client().getApiKey('not.a.token'))).toMatchObject({ aurpayCode: SANDBOX_ERROR_CODES.accessTokenInvalid });
  });

  it('an order that cannot be refunded yet', async () => {
    expect(await failure(client().refundOrder(orderId))).toMatchObject({
      code: 'aurpay_rejected',
      aurpayCode: SANDBOX_ERROR_CODES.orderStateInvalid,
    });
  });

  it('a GET is retried after one HTTP 500 and succeeds', async () => {
    await control(sandbox, 'POST', '/faults', { path: '/api/v2/order/detail/', kind: 'http500', count: 1 });
    expect((await client().getOrderDetail(orderId)).order_id).toBe(orderId);
    expect(await requestCount(sandbox, DETAIL)).toBe(2);
  });

  it('a GET gives up after two retries', async () => {
    await control(sandbox, 'POST', '/faults', { path: '/api/v2/order/detail/', kind: 'http500', count: 5 });
    expect(await failure(client().getOrderDetail(orderId))).toMatchObject({ code: 'aurpay_http_error', httpStatus: 500 });
    expect(await requestCount(sandbox, DETAIL)).toBe(3);
  });

  it('a GET is retried after a dropped connection', async () => {
    await control(sandbox, 'POST', '/faults', { path: '/api/v2/order/detail/', kind: 'drop', count: 2 });
    expect((await client().getOrderDetail(orderId)).order_id).toBe(orderId);
    expect(await requestCount(sandbox, DETAIL)).toBe(3);
  });

  it('a POST is never retried', async () => {
    await control(sandbox, 'POST', '/faults', { path: '/api/order/pay-info', kind: 'http500', count: 1 });
    const req = { chain: 'LTC', currency: 'LTC', vs_currency: 'USD', vs_price: 3 };
    expect((await failure(client().createPayInfo(req))).code).toBe('aurpay_http_error');
    expect(await requestCount(sandbox, 'POST /api/order/pay-info')).toBe(1);
    await control(sandbox, 'POST', '/faults', { path: '/api/order/pay-info', kind: 'drop', count: 1 });
    expect((await failure(client().createPayInfo(req))).code).toBe('aurpay_network');
    expect(await requestCount(sandbox, 'POST /api/order/pay-info')).toBe(2);
  });

  it('a malformed answer is aurpay_bad_response', async () => {
    await control(sandbox, 'POST', '/faults', { path: '/api/bln/balance', kind: 'malformed', count: 1 });
    const error = await failure(client().getBlnBalance());
    expect(error.code).toBe('aurpay_bad_response');
    expect(error.message).toMatch(/content-type|body/);
  });

  it('a slow answer is aurpay_timeout', async () => {
    await control(sandbox, 'POST', '/faults', { path: '/api/bln/balance', kind: 'latency', latencyMs: 2_000, count: 1 });
    expect((await failure(client().getBlnBalance({ timeoutMs: 300 }))).code).toBe('aurpay_timeout');
  });

  it('a caller’s abort is aurpay_aborted', async () => {
    await control(sandbox, 'POST', '/faults', { path: '/api/bln/balance', kind: 'latency', latencyMs: 2_000, count: 1 });
    const controller = new AbortController();
    const call = client().getBlnBalance({ signal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    expect((await failure(call)).code).toBe('aurpay_aborted');
  });

  it('an injected Aurpay error keeps its code and message', async () => {
    await control(sandbox, 'POST', '/faults', {
      path: '/api/withdraw',
      kind: 'aurpay_error',
      code: 40005,
      message: 'Insufficient account balance',
    });
    const error = await failure(client().withdraw({ chain: 'LTC', currency: 'LTC', amount: 1 }));
    expect(error).toMatchObject({ code: 'aurpay_rejected', aurpayCode: 40005 });
    expect(error.message).toMatch(/Insufficient account balance/);
  });

  it("Lightning with the merchant's key where the Lightning key is required: rejected, with what to set", async () => {
    const strict = await startSandbox({ port: 0, quiet: true, requireLightningKey: true });
    try {
      const o = strict.options;
      const merchantOnly = new AurpayClient({ baseUrl: strict.url, auth: { type: 'api-key', apiKey: o.apiKey } });
      const error = await failure(merchantOnly.createBlnOrder({ price: 5, currency: 'USD' }));
      expect(error).toMatchObject({ code: 'aurpay_rejected', aurpayCode: SANDBOX_ERROR_CODES.lightningKeyRequired, traceId: null });
      expect(error.message).toMatch(
        /Only the key of the lightning network.*set lightningAuth to the API-Key from the Key page for the BTCLN platform\.$/,
      );
      const signed = new AurpayClient({ baseUrl: strict.url, auth: { type: 'signature', apiToken: o.apiToken, secretKey: o.secretKey } });
      expect((await failure(signed.getBlnBalance())).message).toMatch(/set lightningAuth/);
      // The merchant's calls elsewhere are untouched, and the hint is only given where it helps.
      expect(await merchantOnly.listRealCurrencies()).not.toHaveLength(0);
      const withKey = new AurpayClient({
        baseUrl: strict.url,
        auth: { type: 'api-key', apiKey: o.apiKey },
        lightningAuth: { type: 'api-key', apiKey: 'not-it' },
      });
      const wrongKey = await failure(withKey.getBlnBalance());
      expect(wrongKey).toMatchObject({ aurpayCode: SANDBOX_ERROR_CODES.apiKeyInvalid });
      expect(wrongKey.message).not.toMatch(/lightningAuth/);
    } finally {
      await strict.close();
    }
  });

  it('a refund answered with no readable envelope is aurpay_bad_response: nothing says Aurpay accepted it', async () => {
    const order = await client().createPayInfo({ chain: 'TRX', currency: 'USDT-TRC20', vs_currency: 'USD', vs_price: 4 });
    if (!order.complete) throw new Error('pay-info unreadable');
    await control(sandbox, 'POST', `/orders/${order.order_id}/pay`, {});
    await control(sandbox, 'POST', '/faults', { path: '/api/v2/order/refund/', kind: 'malformed', count: 1 });
    // A body cut off mid-object: no code 0 to read, so the caller must look before trying again.
    expect((await failure(client().refundOrder(order.order_id))).code).toBe('aurpay_bad_response');
    // The sandbox's fault answers before the refund runs, so here looking shows it still to do.
    expect((await client().getOrderDetail(order.order_id)).status).toBe('SUCCESS');
    const refunded = await client().refundOrder(order.order_id);
    expect(refunded).toMatchObject({ complete: true, shape: 'refund-info' });
  });
});
