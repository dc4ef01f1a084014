import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { SANDBOX_ERROR_CODES as CODES } from '../http/sandboxErrorCodes.js';
import { signHeaders } from '../test-utils/signHeaders.js';
import { startTestSandbox, type TestAuth, type TestSandbox } from '../test-utils/sandboxClient.js';

const LIGHTNING_REFUSAL = {
  code: CODES.lightningKeyRequired,
  message: 'Only the key of the lightning network can pass the verification: use the API-Key of the BTCLN platform on /api/bln/*',
  data: {},
  result: false,
};

describe('Lightning credentials', () => {
  let lenient: TestSandbox;
  let strict: TestSandbox;

  beforeAll(async () => {
    lenient = await startTestSandbox();
    strict = await startTestSandbox({ requireLightningKey: true });
  });
  afterAll(async () => {
    await lenient.close();
    await strict.close();
  });

  it.each<TestAuth>(['lightning-api-key', 'lightning-signature'])('%s passes on /api/bln/* in both modes', async (auth) => {
    for (const sandbox of [lenient, strict]) {
      expect((await sandbox.api('GET', '/api/bln/balance', { auth })).json).toMatchObject({ code: 0, data: { balance: '0' } });
      const order = await sandbox.api('POST', '/api/bln/order', { auth, body: { price: 1, currency: 'USD' } });
      expect(order.json.code).toBe(0);
    }
  });

  it.each<TestAuth>(['api-key', 'signature', 'signature-sha3'])(
    "the merchant's %s passes on /api/bln/* unless the Lightning key is required",
    async (auth) => {
      expect((await lenient.api('GET', '/api/bln/balance', { auth })).json.code).toBe(0);
      for (const [method, path, body] of [
        ['GET', '/api/bln/balance', undefined],
        ['POST', '/api/bln/order', { price: 1, currency: 'USD' }],
        ['POST', '/api/bln/withdraw', {}],
      ] as const) {
        const answer = await strict.api(method, path, body === undefined ? { auth } : { auth, body });
        // Aurpay's 401 envelope: no trace_id, empty data, HTTP 200.
        expect([path, answer.status, answer.json]).toEqual([path, 200, LIGHTNING_REFUSAL]);
      }
    },
  );

  it('refuses the Lightning credentials outside /api/bln/*', async () => {
    for (const sandbox of [lenient, strict]) {
      expect((await sandbox.api('GET', '/api/v2/order/', { auth: 'lightning-api-key' })).json.code).toBe(CODES.apiKeyInvalid);
      expect((await sandbox.api('GET', '/api/v2/order/', { auth: 'lightning-signature' })).json.code).toBe(CODES.apiTokenUnknown);
    }
  });

  it('still checks a recognized token’s signature before anything else', async () => {
    const path = '/api/bln/balance';
    const o = strict.options;
    const wrongSecret = signHeaders({ method: 'GET', pathWithQuery: path, apiToken: o.lightningApiToken, secretKey: 'wrong' });
    expect((await strict.api('GET', path, { auth: 'none', headers: wrongSecret })).json.code).toBe(CODES.signatureMismatch);
    const merchantWrong = signHeaders({ method: 'GET', pathWithQuery: path, apiToken: o.apiToken, secretKey: 'wrong' });
    expect((await strict.api('GET', path, { auth: 'none', headers: merchantWrong })).json.code).toBe(CODES.signatureMismatch);
    expect((await strict.api('GET', path, { auth: 'none', headers: { 'API-Key': 'nobody' } })).json.code).toBe(CODES.apiKeyInvalid);
    expect((await strict.api('GET', path, { auth: 'none' })).json.code).toBe(CODES.apiKeyMissing);
  });

  it('reports the setting in /_sandbox/info', async () => {
    expect((await strict.control('GET', '/_sandbox/info')).json.data).toMatchObject({ require_lightning_key: true, profile: 'examples' });
    expect(strict.requireLightningKey).toBe(true);
  });
});
