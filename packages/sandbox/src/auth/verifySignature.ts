import { createHash, createHmac } from 'node:crypto';

import { constantTimeEqual } from './constantTimeEqual.js';
import { GatewayError } from '../http/gatewayError.js';

/** How far a signed request's `Date` may be from the sandbox's clock, either way. */
export const SIGNATURE_WINDOW_SECONDS = 300;

const HASHES: Readonly<Record<string, 'sha256' | 'sha3-256'>> = {
  'HMAC-SHA256': 'sha256',
  'HMAC-SHA3_256': 'sha3-256',
};
const REQUIRED = ['API-Token', 'Algorithm', 'Date', 'Signature'] as const;
// ISO-8601 date-time with a zone, as `new Date().toISOString()` writes it (fraction optional).
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export interface SignedRequest {
  method: string;
  /** Path and query exactly as the request line had them. */
  pathWithQuery: string;
  /** Header values by lower-case name. */
  headers: Readonly<Record<string, string | undefined>>;
  body: Uint8Array;
  /** The sandbox clock, ms since the epoch. */
  now: number;
  apiToken: string;
  secretKey: string;
}

/**
 * Checks Aurpay's Signature authentication: `Signature` must be
 * `base64(HMAC(secret, "{algorithm} | {date} | {METHOD} {path?query}[ | {body_md5}]"))`, with
 * `Body-MD5` the MD5 of the exact body bytes (compared without regard to case; empty or the MD5 of
 * "" both accepted for a body-less request) and `Date` within ±300 s. Throws a `GatewayError`
 * per failure; a wrong signature carries the `signature_origin` the sandbox computed.
 *
 * @example verifySignature({ method: 'GET', pathWithQuery: '/api/bln/balance', headers, body, now: Date.now(), apiToken, secretKey })
 */
export function verifySignature(request: SignedRequest): { signatureOrigin: string } {
  const { headers } = request;
  const missing = REQUIRED.filter((name) => !headers[name.toLowerCase()]);
  if (missing.length > 0) {
    throw new GatewayError('signatureHeaderMissing', `Signature authentication needs the header(s): ${missing.join(', ')}`, {
      data: { missing_headers: missing },
    });
  }
  const algorithm = headers.algorithm as string;
  const hash = HASHES[algorithm];
  if (hash === undefined) {
    throw new GatewayError('algorithmUnsupported', `Unsupported Algorithm ${JSON.stringify(algorithm)}: use HMAC-SHA256 or HMAC-SHA3_256`);
  }
  if (!constantTimeEqual(headers['api-token'] as string, request.apiToken)) {
    throw new GatewayError('apiTokenUnknown', 'Unknown API-Token');
  }
  const date = headers.date as string;
  checkDate(date, request.now);
  const bodyMd5 = checkBodyMd5(headers['body-md5'] ?? '', request.body);
  const signatureOrigin =
    `${algorithm} | ${date} | ${request.method.toUpperCase()} ${request.pathWithQuery}` + (bodyMd5 ? ` | ${bodyMd5}` : '');
  const expected = createHmac(hash, request.secretKey).update(signatureOrigin, 'utf8').digest('base64');
  if (!constantTimeEqual(headers.signature as string, expected)) {
    throw new GatewayError('signatureMismatch', 'Signature verification failed: compare your signature_origin with data.signature_origin', {
      data: { signature_origin: signatureOrigin, algorithm, date, body_md5: bodyMd5 },
    });
  }
  return { signatureOrigin };
}

function checkDate(date: string, now: number): void {
  const time = ISO_DATE.test(date) ? Date.parse(date) : Number.NaN;
  if (Number.isNaN(time)) {
    const example = '2024-06-17T00:00:00.000Z';
    throw new GatewayError(
      'dateInvalid',
      `Date must be an ISO-8601 timestamp with a zone, such as ${example}; got ${JSON.stringify(date)}`,
    );
  }
  const skewSeconds = (time - now) / 1000;
  if (Math.abs(skewSeconds) > SIGNATURE_WINDOW_SECONDS) {
    const which = skewSeconds < 0 ? 'stale' : 'in the future';
    const off = Math.round(Math.abs(skewSeconds));
    const message = `Date is ${which}: ${off} s from the server clock, more than ±${SIGNATURE_WINDOW_SECONDS} s`;
    throw new GatewayError('dateOutOfWindow', message, { data: { date, server_time: new Date(now).toISOString() } });
  }
}

/** Returns the Body-MD5 to sign with ('' when none), after checking it against the body. */
function checkBodyMd5(sent: string, body: Uint8Array): string {
  const actual = createHash('md5').update(body).digest('hex');
  if (sent === '') {
    if (body.length === 0) return '';
    throw new GatewayError('bodyMd5Mismatch', 'Body-MD5 is empty but the request has a body: send the MD5 hex of the exact body bytes', {
      data: { body_md5: actual },
    });
  }
  if (sent.toLowerCase() !== actual) {
    throw new GatewayError('bodyMd5Mismatch', `Body-MD5 ${sent} does not match the MD5 of the body received`, {
      data: { body_md5: actual },
    });
  }
  return sent;
}
