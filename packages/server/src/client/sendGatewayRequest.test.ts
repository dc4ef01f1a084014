import { AurpayKitError } from '@aurpay-kit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { AurpayClient } from './aurpayClient.js';
import { AurpayError } from './aurpayError.js';
import { sendGatewayRequest } from './sendGatewayRequest.js';
import { resolveClientConfig } from './clientConfig.js';
import { abortableSleep } from './retryBackoff.js';
import { listOf, normalizeRealCurrency } from './normalize.js';
import type { LocalHandler, LocalServer } from './test-utils/localServer.js';
import { ok, sendEnvelope, startLocalServer } from './test-utils/localServer.js';

const currencies = ok([{ currency: 'USD', name: 'US Dollar' }]);
const payUrl = { price: 10, currency: 'USD' };
let server: LocalServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(handler: LocalHandler): Promise<LocalServer> {
  server = await startLocalServer(handler);
  return server;
}

function client(url: string, extra: { timeoutMs?: number; retries?: number } = {}): AurpayClient {
  return new AurpayClient({ baseUrl: url, auth: { type: 'api-key', apiKey: 'k' }, ...extra });
}

async function rejection(promise: Promise<unknown>): Promise<AurpayError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AurpayError);
  return error as AurpayError;
}

const hang: LocalHandler = () => undefined;
const drop: LocalHandler = (req) => void req.socket.destroy();

const LIST_CURRENCIES = { label: 'listRealCurrencies', method: 'GET', path: '/api/order/pay/real-currency', auth: 'client' } as const;

/** A call timer the test runs out by hand, recording the timeout the call asked for. */
function manualTimer() {
  const controller = new AbortController();
  const asked: number[] = [];
  return {
    asked,
    timeout: (ms: number) => {
      asked.push(ms);
      return controller.signal;
    },
    runOut: () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
  };
}

/** A handler that never answers, and a promise of the first request it gets. */
function hangSeen(): { handler: LocalHandler; seen: Promise<void> } {
  let seen!: () => void;
  const promise = new Promise<void>((resolve) => (seen = resolve));
  return { handler: () => seen(), seen: promise };
}

describe('transport against a local server', () => {
  it('times out a call that gets no answer, without retrying it', async () => {
    const { handler, seen } = hangSeen();
    const { url, requests } = await serve(handler);
    const timer = manualTimer();
    const config = resolveClientConfig({ baseUrl: url, auth: { type: 'api-key', apiKey: 'k' }, timeoutMs: 150 });
    const call = sendGatewayRequest(config, LIST_CURRENCIES, listOf(normalizeRealCurrency), undefined, { timeout: timer.timeout });
    // The timer runs out once the server holds the request, however slow the machine.
    await seen;
    timer.runOut();
    const error = await rejection(call);
    expect(error.code).toBe('aurpay_timeout');
    expect(error.message).toMatch(/within 150 ms/);
    expect(timer.asked).toEqual([150]);
    expect(requests).toHaveLength(1);
  });

  it('times out with a real timer too', async () => {
    const { url } = await serve(hang);
    const error = await rejection(client(url, { timeoutMs: 50 }).listRealCurrencies());
    expect(error.code).toBe('aurpay_timeout');
  });

  it('lets one call override the timeout', async () => {
    const { handler, seen } = hangSeen();
    const { url } = await serve(handler);
    const timer = manualTimer();
    const config = resolveClientConfig({ baseUrl: url, auth: { type: 'api-key', apiKey: 'k' }, timeoutMs: 60_000 });
    const call = sendGatewayRequest(config, LIST_CURRENCIES, listOf(normalizeRealCurrency), { timeoutMs: 100 }, { timeout: timer.timeout });
    await seen;
    timer.runOut();
    const error = await rejection(call);
    expect(error.code).toBe('aurpay_timeout');
    // The call's 100 ms, not the client's 60 s.
    expect(timer.asked).toEqual([100]);
    expect(error.message).toMatch(/within 100 ms/);
  });

  it('aborts on the caller’s signal, and never sends an already aborted call', async () => {
    const controller = new AbortController();
    // The caller gives up once the server holds the request.
    const { url, requests } = await serve(() => controller.abort());
    const error = await rejection(client(url).listRealCurrencies({ signal: controller.signal }));
    expect(error.code).toBe('aurpay_aborted');
    expect(requests).toHaveLength(1);
    const again = await rejection(client(url).listRealCurrencies({ signal: controller.signal }));
    expect(again.code).toBe('aurpay_aborted');
    expect(requests).toHaveLength(1);
  });

  it('aborts during the backoff between attempts', async () => {
    const controller = new AbortController();
    const { url, requests } = await serve((_req, res) => sendEnvelope(res, 'Service Unavailable', 503));
    const config = resolveClientConfig({ baseUrl: url, auth: { type: 'api-key', apiKey: 'k' } });
    const backoffs: number[] = [];
    // The caller gives up as the backoff starts; the real sleep must end at once.
    const sleep = (ms: number, signal: AbortSignal) => {
      backoffs.push(ms);
      controller.abort();
      return abortableSleep(60_000, signal);
    };
    const call = sendGatewayRequest(config, LIST_CURRENCIES, listOf(normalizeRealCurrency), { signal: controller.signal }, { sleep });
    const error = await rejection(call);
    expect(error.code).toBe('aurpay_aborted');
    expect(backoffs).toHaveLength(1);
    expect(requests).toHaveLength(1);
  });

  it('reports an HTML answer as aurpay_bad_response naming its content-type', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><html><body>Maintenance</body></html>');
    });
    const error = await rejection(client(url).listRealCurrencies());
    expect(error).toMatchObject({ code: 'aurpay_bad_response', httpStatus: 200 });
    expect(error.message).toMatch(/not Aurpay JSON \(content-type text\/html\): "<!doctype html><html><body>Maintenance/);
  });

  it('reports truncated JSON as aurpay_bad_response, not retried', async () => {
    const { url, requests } = await serve((_req, res) => sendEnvelope(res, '{"code":0,"message":"ok","data":[{"curr'));
    const error = await rejection(client(url).listRealCurrencies());
    expect(error.code).toBe('aurpay_bad_response');
    expect(error.message).toContain('{"code":0,"message":"ok","data":[{"curr');
    expect(requests).toHaveLength(1);
  });

  it('reports an empty answer as aurpay_bad_response', async () => {
    const { url } = await serve((_req, res) => void res.end());
    expect((await rejection(client(url).listRealCurrencies())).message).toMatch(/an empty body \(no content-type\)/);
  });

  it('retries a GET after a 500 and returns the later success', async () => {
    const { url, requests } = await serve((_req, res, _r, i) => {
      if (i === 0) sendEnvelope(res, 'Internal Server Error', 500);
      else sendEnvelope(res, currencies);
    });
    await expect(client(url).listRealCurrencies()).resolves.toEqual([{ currency: 'USD', name: 'US Dollar' }]);
    expect(requests).toHaveLength(2);
  });

  it('gives up after `retries` extra attempts with aurpay_http_error', async () => {
    const { url, requests } = await serve((_req, res) => sendEnvelope(res, 'Internal Server Error', 500));
    const error = await rejection(client(url).listRealCurrencies());
    expect(error).toMatchObject({ code: 'aurpay_http_error', httpStatus: 500 });
    expect(error.message).toMatch(/after 3 attempts/);
    expect(requests).toHaveLength(3);
    await rejection(client(url, { retries: 0 }).listRealCurrencies());
    expect(requests).toHaveLength(4);
  });

  it('never retries a POST, after a 500 or a dropped connection', async () => {
    const { url, requests } = await serve((req, res, _r, i) => (i === 0 ? sendEnvelope(res, 'oops', 500) : drop(req, res, _r, i)));
    expect((await rejection(client(url).getPayUrl(payUrl))).code).toBe('aurpay_http_error');
    expect(requests).toHaveLength(1);
    expect((await rejection(client(url).getPayUrl(payUrl))).code).toBe('aurpay_network');
    expect(requests).toHaveLength(2);
  });

  it('retries a GET after dropped connections', async () => {
    const { url, requests } = await serve((req, res, r, i) => (i < 2 ? drop(req, res, r, i) : sendEnvelope(res, currencies)));
    await expect(client(url).listRealCurrencies()).resolves.toHaveLength(1);
    expect(requests).toHaveLength(3);
  });

  it('reports a connection dropped mid-body as aurpay_network after the retries', async () => {
    const { url, requests } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '500' });
      // Cut once the first part of the body is on its way.
      res.write('{"code":0,"message":"ok","data":[', () => res.socket?.destroy());
    });
    const error = await rejection(client(url).listRealCurrencies());
    expect(error.code).toBe('aurpay_network');
    expect(error.message).toMatch(/after 3 attempts/);
    expect(requests).toHaveLength(3);
  });

  it('reports a refused connection as aurpay_network', async () => {
    const { url } = await serve(hang);
    await server?.close();
    server = undefined;
    const error = await rejection(client(url, { retries: 0 }).listRealCurrencies());
    expect(error.code).toBe('aurpay_network');
    expect(error.message).toMatch(/could not reach Aurpay at http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
  });

  it('does not follow redirects', async () => {
    const { url, requests } = await serve((_req, res) => {
      res.writeHead(302, { location: '/elsewhere' });
      res.end();
    });
    const error = await rejection(client(url).listRealCurrencies());
    expect(error).toMatchObject({ code: 'aurpay_http_error', httpStatus: 302 });
    expect(requests).toHaveLength(1);
  });

  it('keeps a bare 20-digit order_id exact', async () => {
    const { url } = await serve((_req, res) =>
      sendEnvelope(
        res,
        '{"code":0,"message":"ok","data":{"order_id": 20240613093614690315,"status":"PENDING","amount":18.0098,"vs_price":18,' +
          '"create_time":"2024-06-13T09:36:14","vs_currency":"USD","address":"0x1","contract_addr":null,"pay_url":"https://p"},"result":true}',
      ),
    );
    const info = await client(url).createPayInfo({ chain: 'ETH', currency: 'ETH', vs_currency: 'USD', vs_price: 18 });
    expect(info.order_id).toBe('20240613093614690315');
    expect(info.amount).toBe('18.0098');
    expect(info.vs_price).toBe('18');
  });
});

describe('sendGatewayRequest', () => {
  it('backs off exponentially with jitter between GET attempts', async () => {
    const { url, requests } = await serve((_req, res) => sendEnvelope(res, 'busy', 502));
    const delays: number[] = [];
    const config = resolveClientConfig({ baseUrl: url, auth: { type: 'api-key', apiKey: 'k' }, retries: 3 });
    const call = sendGatewayRequest(
      config,
      { label: 'listRealCurrencies', method: 'GET', path: '/api/order/pay/real-currency', auth: 'client' },
      listOf(normalizeRealCurrency),
      undefined,
      { sleep: async (ms) => void delays.push(ms), random: () => 1 },
    );
    expect((await rejection(call)).httpStatus).toBe(502);
    expect(requests).toHaveLength(4);
    expect(delays).toEqual([200, 400, 800]);
  });

  it('rejects bad call options before sending', async () => {
    const config = resolveClientConfig({ baseUrl: 'http://127.0.0.1:9', auth: { type: 'api-key', apiKey: 'k' } });
    const req = { label: 'x', method: 'GET', path: '/x', auth: 'client' } as const;
    for (const options of [{ timeoutMs: 0 }, { timeoutMs: 1.5 }, { signal: {} as AbortSignal }]) {
      await expect(sendGatewayRequest(config, req, (d) => d, options)).rejects.toMatchObject({ code: 'request_invalid' });
    }
    await expect(sendGatewayRequest(config, { ...req, path: '/x y' }, (d) => d)).rejects.toBeInstanceOf(AurpayKitError);
  });
});
