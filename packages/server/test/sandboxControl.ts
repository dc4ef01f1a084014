import type { Sandbox } from '@aurpay-kit/sandbox';
import type { AurpayAuth } from '../src/index.js';

/** Calls the sandbox's `/_sandbox/` control API and returns the envelope's `data`. */
export async function control<T = Record<string, unknown>>(
  sandbox: Sandbox,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const envelope = (await response.json()) as { code: number; message: string; data: T };
  if (envelope.code !== 0) throw new Error(`control ${method} ${path} failed: ${envelope.code} ${envelope.message}`);
  return envelope.data;
}

/** How many requests the sandbox counted for one endpoint pattern, e.g. `GET /api/bln/balance`. */
export async function requestCount(sandbox: Sandbox, pattern: string): Promise<number> {
  const stats = await control<{ requests: Record<string, number> }>(sandbox, 'GET', '/stats');
  return stats.requests[pattern] ?? 0;
}

/** The three ways a client can authenticate, built from a sandbox's credentials. */
export const AUTH_METHODS: [string, (sandbox: Sandbox) => AurpayAuth][] = [
  ['API-Key', (s) => ({ type: 'api-key', apiKey: s.options.apiKey })],
  ['Signature HMAC-SHA256', (s) => ({ type: 'signature', apiToken: s.options.apiToken, secretKey: s.options.secretKey })],
  [
    'Signature HMAC-SHA3_256',
    (s) => ({ type: 'signature', apiToken: s.options.apiToken, secretKey: s.options.secretKey, algorithm: 'HMAC-SHA3_256' }),
  ],
];

/** Waits, in bounded steps, until `check` returns something other than undefined. */
export async function waitFor<T>(check: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  for (let waited = 0; waited <= timeoutMs; waited += 25) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
