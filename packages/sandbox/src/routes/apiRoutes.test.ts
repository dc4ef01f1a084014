import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { API_ROUTES } from './apiRoutes.js';
import { SANDBOX_ERROR_CODES as CODES } from '../http/sandboxErrorCodes.js';
import { startTestSandbox, type TestAuth, type TestSandbox } from '../test-utils/sandboxClient.js';

const AUTH_FAILURES: number[] = [
  CODES.apiKeyMissing,
  CODES.apiKeyInvalid,
  CODES.signatureHeaderMissing,
  CODES.apiTokenUnknown,
  CODES.algorithmUnsupported,
  CODES.dateInvalid,
  CODES.dateOutOfWindow,
  CODES.bodyMd5Mismatch,
  CODES.signatureMismatch,
];

let sandbox: TestSandbox;
let orderId: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  orderId = (await sandbox.createOrder()).order_id;
});

afterAll(async () => {
  await sandbox.close();
});

// Lightning routes take the merchant's credentials too unless requireLightningKey is on.
const merchantRoutes = API_ROUTES.filter((route) => route.auth === 'merchant' || route.auth === 'lightning');

describe('every merchant endpoint', () => {
  it('is behind the Lightning credentials exactly on /api/bln/*', () => {
    const lightning = API_ROUTES.filter((route) => route.auth === 'lightning').map((r) => r.pattern);
    expect(lightning.sort()).toEqual(['/api/bln/balance', '/api/bln/order', '/api/bln/withdraw']);
  });

  it('serves exactly the paths of the endpoint table in docs/aurpay-api.md', () => {
    expect(merchantRoutes.map((r) => `${r.method} ${r.pattern}`).sort()).toEqual(
      [
        'GET /api/bln/balance',
        'GET /api/contract/balance',
        'GET /api/order/pay/crypto-currency',
        'GET /api/order/pay/real-currency',
        'GET /api/v2/order/',
        'GET /api/v2/order/detail/:order_id',
        'GET /api/v2/order/refund-info/:order_id',
        'GET /api/v2/tx',
        'GET /api/withdraw/wallets',
        'POST /api/bln/order',
        'POST /api/bln/withdraw',
        'POST /api/order/pay-info',
        'POST /api/order/pay-url',
        'POST /api/v2/order/refund/:order_id',
        'POST /api/withdraw',
      ].sort(),
    );
  });

  const cases = merchantRoutes.flatMap((route) =>
    (['api-key', 'signature', 'signature-sha3'] as TestAuth[]).map((auth) => [route.method, route.pattern, auth] as const),
  );

  it.each(cases)('%s %s passes %s authentication', async (method, pattern, auth) => {
    const path = pattern.replace(':order_id', () => orderId);
    const answer = await sandbox.api(method, path, method === 'POST' ? { auth, body: {} } : { auth });
    expect(answer.status).toBe(200);
    expect(AUTH_FAILURES).not.toContain(answer.json.code);
  });

  it.each(merchantRoutes.map((route) => [route.method, route.pattern] as const))(
    '%s %s refuses an unauthenticated call',
    async (method, pattern) => {
      const answer = await sandbox.api(
        method,
        pattern.replace(':order_id', () => orderId),
        { auth: 'none' },
      );
      expect(answer.json).toEqual({ code: 401, message: 'The API-Key is missing in the request header', data: {}, result: false });
    },
  );
});
