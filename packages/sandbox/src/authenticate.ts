import { constantTimeEqual } from './constantTimeEqual.js';
import { GatewayError } from './gatewayError.js';
import { verifySignature } from './signatureAuth.js';

// `Date` is left out: any HTTP client may send one, but these four only come from a signer.
const SIGNATURE_HEADERS = ['api-token', 'algorithm', 'body-md5', 'signature'];

export interface AuthInput {
  method: string;
  pathWithQuery: string;
  headers: Readonly<Record<string, string | undefined>>;
  body: Uint8Array;
  now: number;
  credentials: { apiKey: string; apiToken: string; secretKey: string };
}

/** Which method a request authenticated with. */
export type AuthMethod = 'api-key' | 'signature';

/**
 * Authenticates an API request by either of Aurpay's methods: `API-Key` when that header is
 * sent, otherwise the Signature headers. With neither, Aurpay's own 401 answer.
 *
 * @example authenticate({ method: 'GET', pathWithQuery: '/api/bln/balance', headers: { 'api-key': 'k' }, body, now, credentials })
 */
export function authenticate(input: AuthInput): AuthMethod {
  const apiKey = input.headers['api-key'];
  if (apiKey !== undefined && apiKey !== '') {
    if (!constantTimeEqual(apiKey, input.credentials.apiKey)) throw new GatewayError('apiKeyInvalid', 'Invalid API-Key');
    return 'api-key';
  }
  if (SIGNATURE_HEADERS.some((name) => input.headers[name] !== undefined)) {
    verifySignature({
      method: input.method,
      pathWithQuery: input.pathWithQuery,
      headers: input.headers,
      body: input.body,
      now: input.now,
      apiToken: input.credentials.apiToken,
      secretKey: input.credentials.secretKey,
    });
    return 'signature';
  }
  throw new GatewayError('apiKeyMissing', 'The API-Key is missing in the request header');
}
