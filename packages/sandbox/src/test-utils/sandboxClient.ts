import { startSandbox, type Sandbox } from '../startSandbox.js';
import type { SandboxOptions } from '../sandboxOptions.js';
import { httpCall, type HttpAnswer } from './httpCall.js';
import { signHeaders } from './signHeaders.js';

export type TestAuth = 'api-key' | 'signature' | 'signature-sha3' | 'lightning-api-key' | 'lightning-signature' | 'none';

/** A sandbox for one test, quiet, on a free loopback port, with helpers to call it. */
export interface TestSandbox extends Sandbox {
  /** Calls an Aurpay endpoint, authenticated as asked (API-Key by default). */
  api(method: string, path: string, options?: { body?: unknown; auth?: TestAuth; headers?: Record<string, string> }): Promise<HttpAnswer>;
  /** Calls the control API. */
  control(method: string, path: string, body?: unknown): Promise<HttpAnswer>;
  /** Creates a pay-info order and returns its data. */
  createOrder(body?: Record<string, unknown>): Promise<Record<string, unknown> & { order_id: string }>;
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ port: 0, quiet: true, ...options });
  const api: TestSandbox['api'] = (method, path, opts = {}) => {
    const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const auth = opts.auth ?? 'api-key';
    let headers: Record<string, string> = body === undefined ? {} : { 'Content-Type': 'application/json' };
    const o = sandbox.options;
    if (auth === 'api-key') headers['API-Key'] = o.apiKey;
    if (auth === 'lightning-api-key') headers['API-Key'] = o.lightningApiKey;
    if (auth === 'signature' || auth === 'signature-sha3' || auth === 'lightning-signature') {
      const lightning = auth === 'lightning-signature';
      headers = {
        ...headers,
        ...signHeaders({
          method,
          pathWithQuery: path,
          body,
          apiToken: lightning ? o.lightningApiToken : o.apiToken,
          secretKey: lightning ? o.lightningSecretKey : o.secretKey,
          algorithm: auth === 'signature-sha3' ? 'HMAC-SHA3_256' : 'HMAC-SHA256',
        }),
      };
    }
    return httpCall(sandbox.url, { method, path, headers: { ...headers, ...opts.headers }, body });
  };
  const control: TestSandbox['control'] = (method, path, body) =>
    httpCall(sandbox.url, {
      method,
      path,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
    });
  const createOrder: TestSandbox['createOrder'] = async (body = {}) => {
    const answer = await api('POST', '/api/order/pay-info', {
      body: { chain: 'ETH', currency: 'USDT-ERC20', vs_currency: 'USD', vs_price: 18, ...body },
    });
    if (answer.json?.code !== 0) throw new Error(`pay-info failed: ${answer.text}`);
    return answer.json.data;
  };
  return Object.assign(sandbox, { api, control, createOrder });
}
