import { startSandbox } from '@aurpay-kit/sandbox';
import type { Sandbox } from '@aurpay-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AurpayClient, CallbackVerificationError, verifyCallback } from '../src/index.js';
import type { LocalServer, RecordedRequest } from '../src/test-utils/localServer.js';
import { startLocalServer } from '../src/test-utils/localServer.js';
import { waitFor } from './sandboxControl.js';
import { control } from './sandboxControl.js';

/** The sandbox's callbacks, received by a local HTTP server, pass `verifyCallback`. */
describe('sandbox callbacks pass verifyCallback', () => {
  let sandbox: Sandbox;
  let receiver: LocalServer;
  let client: AurpayClient;

  beforeAll(async () => {
    receiver = await startLocalServer((_req, res) => {
      res.writeHead(200);
      res.end('ok');
    });
    sandbox = await startSandbox({ port: 0, quiet: true });
    client = new AurpayClient({
      baseUrl: sandbox.url,
      auth: { type: 'signature', apiToken: sandbox.options.apiToken, secretKey: sandbox.options.secretKey },
    });
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  const received = (path: string) => () => receiver.requests.find((r: RecordedRequest) => r.url === path);
  const verify = (req: RecordedRequest, callbackUrl: string) =>
    verifyCallback({
      headers: req.headers,
      callbackUrl,
      token: sandbox.options.callbackToken,
      secret: sandbox.options.callbackSecret,
    });

  it('a GET success callback', async () => {
    const path = '/aurpay/success?order=get-1&sig=a%20b';
    const callbackUrl = `${receiver.url}${path}`;
    const order = await client.createPayInfo({ chain: 'BTC', currency: 'BTC', vs_currency: 'USD', vs_price: 30, callback_url: callbackUrl });
    await control(sandbox, 'POST', `/orders/${order.order_id}/pay`, {});
    const req = await waitFor(received(path), 'the success callback');
    expect(req.method).toBe('GET');
    expect(verify(req, callbackUrl).date).toEqual(String(req.headers['date']));
    // The same callback checked against another URL fails: the signature covers the URL.
    expect(() => verify(req, `${receiver.url}/aurpay/success?order=get-2`)).toThrow(CallbackVerificationError);
  });

  it('a POST success callback carrying the order', async () => {
    const path = '/aurpay/success?order=post-1';
    const callbackUrl = `${receiver.url}${path}`;
    const order = await client.createPayInfo({
      chain: 'ETH',
      currency: 'ETH',
      vs_currency: 'USD',
      vs_price: 40,
      callback_url: callbackUrl,
      enable_post_callback: true,
    });
    await control(sandbox, 'POST', `/orders/${order.order_id}/pay`, {});
    const req = await waitFor(received(path), 'the POST callback');
    expect(req.method).toBe('POST');
    expect(verify(req, callbackUrl)).toEqual({ date: req.headers['date'] });
    expect(req.body.toString('utf8')).toContain(`"order_id":"${order.order_id}"`);
  });

  it('a timeout callback on a Lightning order', async () => {
    const path = '/aurpay/timeout?order=ln-1';
    const callbackUrl = `${receiver.url}${path}`;
    const order = await client.createBlnOrder({ price: 7, currency: 'USD', timeout_callback: callbackUrl });
    await control(sandbox, 'POST', `/orders/${order.order_id}/expire`);
    const req = await waitFor(received(path), 'the timeout callback');
    expect(verify(req, callbackUrl).date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((await client.getOrderDetail(order.order_id)).status).toBe('OVERDUE');
  });

  it('a callback with the wrong token is refused', async () => {
    const req = receiver.requests[0];
    if (req === undefined) throw new Error('no callback received yet');
    expect(() => verifyCallback({ headers: req.headers, callbackUrl: `${receiver.url}${req.url}`, token: 'other-token' })).toThrow(
      expect.objectContaining({ code: 'callback_token_invalid' }),
    );
  });
});
