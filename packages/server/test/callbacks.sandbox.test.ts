import { startSandbox } from '@aurpay-kit/sandbox';
import type { Sandbox, SandboxOptions } from '@aurpay-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Accepted, AurpayClientOptions } from '../src/index.js';
import { AurpayClient, CallbackVerificationError, verifyCallback } from '../src/index.js';
import type { LocalServer, RecordedRequest } from '../src/client/test-utils/localServer.js';
import { startLocalServer } from '../src/client/test-utils/localServer.js';
import { waitFor } from './sandboxControl.js';
import { control } from './sandboxControl.js';

/** The order a creation call returned, read in full. */
function placed<T extends { order_id: string }>(answer: Accepted<T>): T {
  if (!answer.complete) throw new Error(`the gateway's answer could not be read: ${answer.unreadable.join(', ')}`);
  return answer;
}

interface Started {
  sandbox: Sandbox;
  receiver: LocalServer;
  client: AurpayClient;
}

/** A sandbox on loopback, a client of it, and a local server that answers its callbacks 200. */
async function startWithReceiver(options: SandboxOptions, auth: (sandbox: Sandbox) => AurpayClientOptions['auth']): Promise<Started> {
  const receiver = await startLocalServer((_req, res) => {
    res.writeHead(200);
    res.end('ok');
  });
  const sandbox = await startSandbox({ port: 0, quiet: true, ...options });
  return { sandbox, receiver, client: new AurpayClient({ baseUrl: sandbox.url, auth: auth(sandbox) }) };
}

/** The sandbox's callbacks, received by a local HTTP server, pass `verifyCallback`. */
describe('sandbox callbacks pass verifyCallback', () => {
  let sandbox: Sandbox;
  let receiver: LocalServer;
  let client: AurpayClient;

  beforeAll(async () => {
    ({ sandbox, receiver, client } = await startWithReceiver({}, (started) => ({
      type: 'signature',
      apiToken: started.options.apiToken,
      secretKey: started.options.secretKey,
    })));
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
    const order = placed(
      await client.createPayInfo({ chain: 'BTC', currency: 'BTC', vs_currency: 'USD', vs_price: 30, callback_url: callbackUrl }),
    );
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
    const order = placed(
      await client.createPayInfo({
        chain: 'ETH',
        currency: 'ETH',
        vs_currency: 'USD',
        vs_price: 40,
        callback_url: callbackUrl,
        enable_post_callback: true,
      }),
    );
    await control(sandbox, 'POST', `/orders/${order.order_id}/pay`, {});
    const req = await waitFor(received(path), 'the POST callback');
    expect(req.method).toBe('POST');
    expect(verify(req, callbackUrl)).toEqual({ date: req.headers['date'] });
    expect(req.body.toString('utf8')).toContain(`"order_id":"${order.order_id}"`);
  });

  it('a timeout callback on a Lightning order', async () => {
    const path = '/aurpay/timeout?order=ln-1';
    const callbackUrl = `${receiver.url}${path}`;
    const order = placed(await client.createBlnOrder({ price: 7, currency: 'USD', timeout_callback: callbackUrl }));
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

/**
 * The worst-case sandbox: a merchant who set no callback authentication up gets callbacks without
 * Aurpay's headers, on every status change. Only the URL, as registered, tells them apart.
 */
describe('unsigned callbacks on every status change', () => {
  let sandbox: Sandbox;
  let receiver: LocalServer;
  let client: AurpayClient;

  beforeAll(async () => {
    ({ sandbox, receiver, client } = await startWithReceiver({ profile: 'worst-case' }, (started) => ({
      type: 'api-key',
      apiKey: started.options.apiKey,
    })));
  });
  afterAll(async () => {
    await sandbox.close();
    await receiver.close();
  });

  it('arrive on PARTIAL, OVERDUE and RESOLVED at the registered URLs, and verifyCallback finds no headers', async () => {
    const paid = `${receiver.url}/aurpay/callback?ref=r1&event=paid`;
    const expired = `${receiver.url}/aurpay/callback?ref=r1&event=expired`;
    const order = placed(
      await client.createPayInfo({
        chain: 'LTC',
        currency: 'LTC',
        vs_currency: 'USD',
        vs_price: 8,
        callback_url: paid,
        timeout_callback: expired,
      }),
    );
    const steps: Array<[string, unknown, string]> = [
      ['pay', { amount: '0.01' }, 'PARTIAL'],
      ['expire', undefined, 'OVERDUE'],
      ['resolve', undefined, 'RESOLVED'],
    ];
    for (const [index, [step, body, status]] of steps.entries()) {
      await control(sandbox, 'POST', `/orders/${order.order_id}/${step}`, body);
      const req = await waitFor(() => receiver.requests[index], `the ${status} callback`);
      expect(`${receiver.url}${req.url}`).toBe(status === 'OVERDUE' ? expired : paid);
      for (const header of ['callback-token', 'signature', 'date']) expect(req.headers[header]).toBeUndefined();
      expect(() => verifyCallback({ headers: req.headers, callbackUrl: paid, token: sandbox.options.callbackToken })).toThrow(
        expect.objectContaining({ code: 'callback_header_missing' }),
      );
      expect((await client.getOrderDetail(order.order_id)).status).toBe(status);
    }
  });
});
