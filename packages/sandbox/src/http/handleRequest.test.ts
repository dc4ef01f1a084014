import { createHash, createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { handleRequest } from './handleRequest.js';
import { resolveSandboxOptions } from '../sandboxOptions.js';
import { createSandboxState } from '../sandboxState.js';
import { SANDBOX_ERROR_CODES as CODES } from './sandboxErrorCodes.js';
import { httpCall } from '../test-utils/httpCall.js';
import { startTestSandbox, type TestSandbox } from '../test-utils/sandboxClient.js';
import { signHeaders } from '../test-utils/signHeaders.js';

let sandbox: TestSandbox;

beforeEach(async () => {
  sandbox = await startTestSandbox();
});

afterEach(async () => {
  await sandbox.close();
});

function signed(method: string, path: string, body: string | undefined, overrides: Partial<Parameters<typeof signHeaders>[0]> = {}) {
  return signHeaders({
    method,
    pathWithQuery: path,
    body,
    apiToken: sandbox.options.apiToken,
    secretKey: sandbox.options.secretKey,
    ...overrides,
  });
}

describe('authentication', () => {
  it.each(['api-key', 'signature', 'signature-sha3'] as const)('accepts %s on GET and POST', async (auth) => {
    const balance = await sandbox.api('GET', '/api/bln/balance', { auth });
    expect(balance.json).toEqual({ code: 0, message: 'ok', data: { balance: '0' }, result: true });
    const created = await sandbox.api('POST', '/api/order/pay-info', {
      auth,
      body: { chain: 'BTC', currency: 'BTC', vs_currency: 'USD', vs_price: 10 },
    });
    expect(created.json.code).toBe(0);
  });

  it('signs over the query string exactly as sent', async () => {
    const path = '/api/v2/order/?size=20&page=2';
    const answer = await sandbox.api('GET', path, { auth: 'signature' });
    expect(answer.json.data).toMatchObject({ page: 2, size: 20 });
  });

  it("answers a request with no credentials with Aurpay's own 401 body", async () => {
    const answer = await sandbox.api('GET', '/api/bln/balance', { auth: 'none' });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ code: 401, message: 'The API-Key is missing in the request header', data: {}, result: false });
  });

  it('rejects a wrong API-Key', async () => {
    const answer = await sandbox.api('GET', '/api/bln/balance', { auth: 'none', headers: { 'API-Key': 'nope' } });
    expect(answer.json).toMatchObject({ code: CODES.apiKeyInvalid, result: false });
    expect(answer.json.trace_id).toMatch(/^[0-9a-f]{32}$/);
  });

  it('accepts a body-less POST signed with an empty Body-MD5 or with the MD5 of ""', async () => {
    const path = '/api/v2/order/refund/20240613093614690315';
    for (const bodyMd5 of ['', 'd41d8cd98f00b204e9800998ecf8427e', 'D41D8CD98F00B204E9800998ECF8427E']) {
      const answer = await httpCall(sandbox.url, { method: 'POST', path, headers: signed('POST', path, undefined, { bodyMd5 }) });
      // Authentication passed: what is left is that the order does not exist.
      expect(answer.json.code).toBe(CODES.orderNotFound);
    }
  });

  it.each([
    ['a missing Signature header', (h: Record<string, string>) => ({ ...h, Signature: '' }), CODES.signatureHeaderMissing],
    ['an unknown API-Token', (h: Record<string, string>) => ({ ...h, 'API-Token': 'who' }), CODES.apiTokenUnknown],
    ['an unsupported Algorithm', (h: Record<string, string>) => ({ ...h, Algorithm: 'HMAC-SHA1' }), CODES.algorithmUnsupported],
    ['a Date without a zone', (h: Record<string, string>) => ({ ...h, Date: '2024-06-17T00:00:00' }), CODES.dateInvalid],
  ])('rejects %s', async (_name, change, code) => {
    const path = '/api/bln/balance';
    const answer = await httpCall(sandbox.url, { path, headers: change(signed('GET', path, undefined)) });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ code, result: false });
  });

  // An hour out, far from the ±300 s edge (verifySignature's tests hold the edge on a fixed clock):
  // however long the request takes to arrive, the Date stays outside the window.
  it.each([
    ['stale', -3_600_000],
    ['future', 3_600_000],
  ])('rejects a %s Date', async (_name, offset) => {
    const path = '/api/bln/balance';
    const date = new Date(Date.now() + offset).toISOString();
    const answer = await httpCall(sandbox.url, { path, headers: signed('GET', path, undefined, { date }) });
    expect(answer.json.code).toBe(CODES.dateOutOfWindow);
  });

  it('rejects a Body-MD5 that does not match the bytes received', async () => {
    const path = '/api/bln/order';
    const headers = signed('POST', path, '{"price":20,"currency":"USD"}');
    const answer = await httpCall(sandbox.url, { method: 'POST', path, headers, body: '{"price":21,"currency":"USD"}' });
    expect(answer.json.code).toBe(CODES.bodyMd5Mismatch);
    expect(answer.json.data.body_md5).toBe(createHash('md5').update('{"price":21,"currency":"USD"}').digest('hex'));
  });

  it('rejects a wrong signature and shows the signature_origin the sandbox computed', async () => {
    const path = '/api/order/pay-info';
    const body = '{"chain":"BTC","currency":"BTC","vs_currency":"USD","vs_price":1}';
    const headers = signed('POST', path, body, { secretKey: 'wrong-secret' });
    const answer = await httpCall(sandbox.url, { method: 'POST', path, headers, body });
    expect(answer.json.code).toBe(CODES.signatureMismatch);
    const md5 = createHash('md5').update(body).digest('hex');
    expect(answer.json.data.signature_origin).toBe(`HMAC-SHA256 | ${headers.Date} | POST ${path} | ${md5}`);
    // The origin is what a correct signer signs: signing it with the real secret gives a valid request.
    const fixed = createHmac('sha256', sandbox.options.secretKey).update(answer.json.data.signature_origin).digest('base64');
    const retry = await httpCall(sandbox.url, { method: 'POST', path, headers: { ...headers, Signature: fixed }, body });
    expect(retry.json.code).toBe(0);
  });
});

describe('request rejections', () => {
  it('rejects malformed JSON and JSON that is not an object', async () => {
    for (const body of ['{"chain":', '[1,2]', 'null']) {
      const answer = await sandbox.api('POST', '/api/order/pay-info', { body });
      expect(answer.json.code).toBe(CODES.malformedJson);
    }
  });

  it('distinguishes a missing field from an invalid one', async () => {
    const missing = await sandbox.api('POST', '/api/order/pay-info', { body: { currency: 'BTC', vs_currency: 'USD', vs_price: 1 } });
    expect(missing.json).toMatchObject({ code: CODES.fieldMissing, message: 'chain is required' });
    const invalid = await sandbox.api('POST', '/api/order/pay-info', {
      body: { chain: 'BTC', currency: 'BTC', vs_currency: 'USD', vs_price: '1' },
    });
    expect(invalid.json.code).toBe(CODES.fieldInvalid);
  });

  it('answers an unknown path with HTTP 404 and says which methods a known path takes', async () => {
    const unknown = await sandbox.api('GET', '/api/v3/nothing');
    expect(unknown.status).toBe(404);
    expect(unknown.json).toMatchObject({ code: CODES.pathNotFound, result: false });
    const wrongMethod = await sandbox.api('GET', '/api/order/pay-info');
    expect(wrongMethod.status).toBe(404);
    expect(wrongMethod.json.message).toContain('this path takes POST');
  });

  it('answers an unknown order with its own code', async () => {
    const answer = await sandbox.api('GET', '/api/v2/order/detail/20240613093614690315');
    expect(answer.json.code).toBe(CODES.orderNotFound);
  });

  it('rejects a body over 1 MB and keeps serving', async () => {
    const big = JSON.stringify({ chain: 'BTC', pad: 'x'.repeat(1024 * 1024) });
    const answer = await sandbox.api('POST', '/api/order/pay-info', { body: big });
    expect(answer.json.code).toBe(CODES.bodyTooLarge);
    expect((await sandbox.api('GET', '/api/bln/balance')).json.code).toBe(0);
  });

  it('survives junk: odd paths, bad percent-encoding, odd methods', async () => {
    const paths = ['/api/v2/order/detail/%E0%A4%A', '//', '/api/v2/order/detail/', '/_sandbox/orders/%ZZ/pay', '/?%'];
    for (const path of paths) {
      const answer = await sandbox.api('POST', path, { body: '{}' });
      expect(answer.json.result).toBe(false);
    }
    const put = await sandbox.api('PUT', '/api/bln/balance');
    expect(put.status).toBe(404);
    expect((await sandbox.api('GET', '/api/bln/balance')).json.code).toBe(0);
  });
});

describe('unexpected errors', () => {
  it('become a 500 envelope and the server keeps running', async () => {
    const state = createSandboxState(resolveSandboxOptions({ quiet: true }));
    state.orders.all = () => {
      throw new Error('disk on fire');
    };
    const server = createServer((req, res) => void handleRequest(req, res, state));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const headers = { 'API-Key': state.config.apiKey };
      const answer = await httpCall(url, { path: '/api/v2/order/', headers });
      expect(answer.status).toBe(500);
      expect(answer.json).toMatchObject({ code: CODES.internalError, result: false });
      expect(answer.json.message).toContain('disk on fire');
      expect((await httpCall(url, { path: '/api/order/pay/real-currency', headers })).json.code).toBe(0);
    } finally {
      state.timers.clearAll();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
