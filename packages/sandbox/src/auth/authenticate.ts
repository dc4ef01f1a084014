import { constantTimeEqual } from './constantTimeEqual.js';
import { GatewayError } from '../http/gatewayError.js';
import { verifySignature } from './verifySignature.js';

// `Date` is left out: any HTTP client may send one, but these four only come from a signer.
const SIGNATURE_HEADERS = ['api-token', 'algorithm', 'body-md5', 'signature'];

/** One set of credentials an endpoint knows: an API-Key, and a token and secret for signatures. */
export interface CredentialSet {
  apiKey: string;
  apiToken: string;
  secretKey: string;
  /** When set, these credentials are recognized but refused here, with this error. */
  refusal?: () => GatewayError;
}

export interface AuthInput {
  method: string;
  pathWithQuery: string;
  headers: Readonly<Record<string, string | undefined>>;
  body: Uint8Array;
  now: number;
  /** The credentials the endpoint knows, the first one preferred. */
  credentials: readonly [CredentialSet, ...CredentialSet[]];
}

/** Which method a request authenticated with. */
export type AuthMethod = 'api-key' | 'signature';

function matching(sets: readonly CredentialSet[], pick: (set: CredentialSet) => string, sent: string): CredentialSet | undefined {
  // Every set is compared, so the time taken does not say which one matched.
  const matches = sets.map((set) => constantTimeEqual(sent, pick(set)));
  return sets[matches.indexOf(true)];
}

/**
 * Authenticates an API request by either of Aurpay's methods against the endpoint's credential
 * sets: `API-Key` when that header is sent, otherwise the Signature headers (checked with the
 * secret of the set whose `API-Token` was sent). With neither, Aurpay's own 401 answer.
 * Recognized credentials that the endpoint refuses throw their set's `refusal`.
 *
 * @example authenticate({ method: 'GET', pathWithQuery: '/api/bln/balance', headers: { 'api-key': 'k' }, body, now, credentials: [set] })
 */
export function authenticate(input: AuthInput): AuthMethod {
  const apiKey = input.headers['api-key'];
  if (apiKey !== undefined && apiKey !== '') {
    const set = matching(input.credentials, (s) => s.apiKey, apiKey);
    if (set === undefined) throw new GatewayError('apiKeyInvalid', 'Invalid API-Key');
    if (set.refusal !== undefined) throw set.refusal();
    return 'api-key';
  }
  if (SIGNATURE_HEADERS.some((name) => input.headers[name] !== undefined)) {
    const set = matching(input.credentials, (s) => s.apiToken, input.headers['api-token'] ?? '') ?? input.credentials[0];
    verifySignature({
      method: input.method,
      pathWithQuery: input.pathWithQuery,
      headers: input.headers,
      body: input.body,
      now: input.now,
      apiToken: set.apiToken,
      secretKey: set.secretKey,
    });
    if (set.refusal !== undefined) throw set.refusal();
    return 'signature';
  }
  throw new GatewayError('apiKeyMissing', 'The API-Key is missing in the request header');
}
