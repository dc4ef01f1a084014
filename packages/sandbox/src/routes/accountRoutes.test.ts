import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { SANDBOX_ERROR_CODES as CODES } from '../http/sandboxErrorCodes.js';
import { httpCall } from '../test-utils/httpCall.js';
import { startTestSandbox, type TestSandbox } from '../test-utils/sandboxClient.js';

let sandbox: TestSandbox;

beforeEach(async () => {
  sandbox = await startTestSandbox();
});

afterEach(async () => {
  await sandbox.close();
});

function login(username: string, password: string) {
  return httpCall(sandbox.url, {
    method: 'POST',
    path: '/api/user/login',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username, password }).toString(),
  });
}

describe('login and API key', () => {
  it('logs in with a form post and trades the access token for the API key', async () => {
    const answer = await login(sandbox.options.username, sandbox.options.password);
    expect(answer.json).toMatchObject({ code: 0, result: true, data: { expire: 86_400 } });
    const token = answer.json.data.access_token as string;
    expect(token.split('.')).toHaveLength(3);
    const key = await httpCall(sandbox.url, { path: '/api/plugin/key', headers: { Authorization: `Bearer ${token}` } });
    expect(key.json.data).toEqual({ api_key: sandbox.options.apiKey, user_id: expect.stringMatching(/^mct-[0-9a-f]{12}$/) });
  });

  it('accepts JSON as well', async () => {
    const answer = await httpCall(sandbox.url, {
      method: 'POST',
      path: '/api/user/login',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: sandbox.options.username, password: sandbox.options.password }),
    });
    expect(answer.json.code).toBe(0);
  });

  it("answers a wrong login with Aurpay's 404 body", async () => {
    for (const [user, password] of [
      [sandbox.options.username, 'nope'],
      ['nobody@x.test', sandbox.options.password],
    ] as const) {
      const answer = await login(user, password);
      expect(answer.status).toBe(200);
      expect(answer.json).toMatchObject({ result: false, code: 404, message: 'Invalid password or username' });
      expect(Object.keys(answer.json).sort()).toEqual(['code', 'message', 'result', 'trace_id']);
    }
    expect((await login('', '')).json.code).toBe(CODES.fieldMissing);
  });

  it('refuses the API key without a valid bearer token', async () => {
    const attempts: Record<string, string>[] = [
      {},
      { Authorization: 'Bearer made.up.token' },
      { Authorization: 'Basic abc' },
      { 'API-Key': sandbox.options.apiKey },
    ];
    for (const headers of attempts) {
      const answer = await httpCall(sandbox.url, { path: '/api/plugin/key', headers });
      expect(answer.json.code).toBe(CODES.accessTokenInvalid);
    }
  });
});
