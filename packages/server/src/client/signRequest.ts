import * as crypto from 'node:crypto';
import { createHash, createHmac } from 'node:crypto';
import { AurpayKitError } from '@aurpay-kit/core';

/** The two algorithms Aurpay's signature authentication accepts. */
export type SignatureAlgorithm = 'HMAC-SHA256' | 'HMAC-SHA3_256';

export const SIGNATURE_ALGORITHMS: readonly SignatureAlgorithm[] = ['HMAC-SHA256', 'HMAC-SHA3_256'];

const NODE_HASH: Record<SignatureAlgorithm, string> = {
  'HMAC-SHA256': 'sha256',
  // NIST SHA3-256, as docs/aurpay-api.md decides; not the Keccak variant some JavaScript libraries call SHA3.
  'HMAC-SHA3_256': 'sha3-256',
};

export function isSignatureAlgorithm(value: unknown): value is SignatureAlgorithm {
  return typeof value === 'string' && Object.hasOwn(NODE_HASH, value);
}

/** The headers Aurpay's signature authentication sends with every request. */
export interface SignatureHeaders {
  'API-Token': string;
  Algorithm: string;
  Date: string;
  'Body-MD5': string;
  Signature: string;
}

export interface SignRequestInput {
  /** HTTP method; upper-cased before signing. */
  method: string;
  /** Path and query exactly as sent, no scheme or host: `/api/v2/order/?page=1&size=10`. */
  pathWithQuery: string;
  /** The exact body bytes (or text) sent. Ignored for GET. */
  body?: string | Uint8Array;
  apiToken: string;
  secretKey: string;
  /** Default `HMAC-SHA256`. */
  algorithm?: SignatureAlgorithm;
  /** Default: now, as `new Date().toISOString()`. */
  date?: string | Date;
}

export interface SignedRequest {
  headers: SignatureHeaders;
  signatureOrigin: string;
}

function invalid(message: string): AurpayKitError {
  return new AurpayKitError('signature_input_invalid', message);
}

/**
 * The lower-case hex MD5 of the exact body bytes, as Aurpay's `Body-MD5` header carries it.
 * Strings are hashed as their UTF-8 bytes.
 *
 * @example bodyMd5('') // 'd41d8cd98f00b204e9800998ecf8427e'
 */
export function bodyMd5(body: string | Uint8Array): string {
  if (typeof body !== 'string' && !(body instanceof Uint8Array)) {
    throw invalid('bodyMd5 takes the body as a string or a Uint8Array.');
  }
  return md5Hex(body);
}

// Node's one-shot crypto.hash (20.12+) skips the Hash object: a third cheaper for small bodies.
const oneShot = (crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: 'hex') => string }).hash;
function md5Hex(body: string | Uint8Array): string {
  return oneShot === undefined ? createHash('md5').update(body).digest('hex') : oneShot('md5', body, 'hex');
}

/**
 * The string Aurpay signs: `{algorithm} | {date} | {METHOD} {path_with_query}`, plus
 * ` | {body_md5}` only when `bodyMd5` is non-empty.
 *
 * @example
 * signatureOrigin({ algorithm: 'HMAC-SHA256', date: '2024-06-17T00:00:00Z', method: 'GET',
 *   pathWithQuery: '/test/logs?size=20&page=2', bodyMd5: '' })
 * // 'HMAC-SHA256 | 2024-06-17T00:00:00Z | GET /test/logs?size=20&page=2'
 */
export function signatureOrigin(parts: {
  algorithm: SignatureAlgorithm;
  date: string;
  method: string;
  pathWithQuery: string;
  bodyMd5: string;
}): string {
  const { algorithm, date, method, pathWithQuery } = parts;
  checkOriginParts(algorithm, method, pathWithQuery);
  if (typeof date !== 'string' || date === '') throw invalid('date must be a non-empty ISO-8601 string.');
  const md5 = parts.bodyMd5;
  if (typeof md5 !== 'string' || (md5 !== '' && !/^[0-9a-fA-F]{32}$/.test(md5))) {
    throw invalid('bodyMd5 must be 32 hex characters, or "" when there is no body.');
  }
  return joinOrigin(algorithm, date, method.toUpperCase(), pathWithQuery, md5);
}

function joinOrigin(algorithm: string, date: string, method: string, pathWithQuery: string, md5: string): string {
  const base = `${algorithm} | ${date} | ${method} ${pathWithQuery}`;
  return md5 === '' ? base : `${base} | ${md5}`;
}

function checkOriginParts(algorithm: unknown, method: unknown, pathWithQuery: unknown): asserts algorithm is SignatureAlgorithm {
  if (!isSignatureAlgorithm(algorithm)) {
    throw invalid(`Unsupported algorithm ${JSON.stringify(algorithm)}: use one of ${SIGNATURE_ALGORITHMS.join(', ')}.`);
  }
  if (typeof method !== 'string' || !/^[A-Za-z]+$/.test(method)) {
    throw invalid(`method must be an HTTP method such as GET or POST, got ${JSON.stringify(method)}.`);
  }
  if (typeof pathWithQuery !== 'string' || !pathWithQuery.startsWith('/') || /[\s#]/.test(pathWithQuery)) {
    throw invalid(
      `pathWithQuery must be the path and query exactly as sent, starting with "/" (no host, spaces or fragment), got ${JSON.stringify(pathWithQuery)}.`,
    );
  }
}

function requireSecret(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(`${name} must be a non-empty string.`);
  return value;
}

function isoDate(date: string | Date | undefined): string {
  if (date === undefined) return new Date().toISOString();
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) throw invalid('date is an invalid Date.');
    return date.toISOString();
  }
  if (typeof date !== 'string' || date === '') throw invalid('date must be an ISO-8601 string or a Date.');
  return date;
}

/**
 * Signs one request the way Aurpay's official Postman script does and returns the five headers
 * plus the `signature_origin` they were computed from (keep it for debugging a rejection).
 * A non-GET request without a body hashes the empty string, as the script does.
 *
 * @example
 * const { headers } = signRequest({ method: 'POST', pathWithQuery: '/api/order/pay-url',
 *   body: JSON.stringify({ price: 10, currency: 'USD' }), apiToken, secretKey });
 * await fetch(url, { method: 'POST', headers, body });
 */
export function signRequest(input: SignRequestInput): SignedRequest {
  if (typeof input !== 'object' || input === null) throw invalid('signRequest takes an options object.');
  const apiToken = requireSecret('apiToken', input.apiToken);
  const secretKey = requireSecret('secretKey', input.secretKey);
  const algorithm = input.algorithm ?? 'HMAC-SHA256';
  const date = isoDate(input.date);
  const method = typeof input.method === 'string' ? input.method.toUpperCase() : input.method;
  const md5 = method === 'GET' ? '' : bodyMd5(input.body ?? '');
  // The inputs are checked as signatureOrigin checks them, but the MD5 computed just above is not
  // re-checked: this runs on every gateway call.
  checkOriginParts(algorithm, method, input.pathWithQuery);
  const origin = joinOrigin(algorithm, date, method, input.pathWithQuery, md5);
  const signature = createHmac(NODE_HASH[algorithm], secretKey).update(origin, 'utf8').digest('base64');
  return {
    headers: { 'API-Token': apiToken, Algorithm: algorithm, Date: date, 'Body-MD5': md5, Signature: signature },
    signatureOrigin: origin,
  };
}
