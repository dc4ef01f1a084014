import { AURPAY_BASE_URL } from '@aurpay-kit/core';
import { OptionChecks } from '../shared/optionChecks.js';
import type { SignatureAlgorithm } from './signRequest.js';
import { isSignatureAlgorithm, SIGNATURE_ALGORITHMS } from './signRequest.js';

/** How the client authenticates: Aurpay accepts either on every endpoint. */
export type AurpayAuth =
  { type: 'api-key'; apiKey: string } | { type: 'signature'; apiToken: string; secretKey: string; algorithm?: SignatureAlgorithm };

export interface AurpayClientOptions {
  /** Default `https://dashboard.aurpay.net`. Plain http only for loopback hosts. */
  baseUrl?: string;
  auth: AurpayAuth;
  /**
   * Credentials for the Lightning endpoints (`/api/bln/*`); without them those calls use `auth`.
   * In production set the API-Key from the Key page for the BTCLN platform: Aurpay's Lightning
   * documents say "Only the key of the lightning network can pass the verification."
   */
  lightningAuth?: AurpayAuth;
  /** Bounds each call, retries included. Default 15 000 ms. */
  timeoutMs?: number;
  /** Extra attempts for GETs after a network error or a 5xx. Default 2. */
  retries?: number;
  fetch?: typeof fetch;
}

/** Credentials after checking, the algorithm filled in. */
export type ResolvedAuth =
  { type: 'api-key'; apiKey: string } | { type: 'signature'; apiToken: string; secretKey: string; algorithm: SignatureAlgorithm };

export interface ClientConfig {
  /** The origin, without a trailing slash. */
  baseUrl: string;
  auth: ResolvedAuth;
  /** For `/api/bln/*`; null when not set, and `auth` serves those calls too. */
  lightningAuth: ResolvedAuth | null;
  timeoutMs: number;
  retries: number;
  fetch: typeof fetch;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const MAX_TIMEOUT_MS = 600_000;
export const DEFAULT_RETRIES = 2;
export const MAX_RETRIES = 10;

const check = new OptionChecks('client_config_invalid', 'AurpayClient: ');
const configError = (message: string) => check.invalid(message);

function credential(value: unknown, name: string, where: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw configError(`set ${name} (${where}).`);
  if (/[\r\n\0]/.test(value)) throw configError(`${name} must not contain line breaks or NUL characters.`);
  return value;
}

function resolveAuth(auth: unknown, name: 'auth' | 'lightningAuth'): ResolvedAuth {
  if (typeof auth !== 'object' || auth === null) {
    if (name === 'lightningAuth') {
      throw configError(
        "lightningAuth, when given, must be { type: 'api-key', apiKey } with the BTCLN platform's key (or signature credentials).",
      );
    }
    throw configError("set `auth`: { type: 'signature', apiToken, secretKey } for production, or { type: 'api-key', apiKey } for testing.");
  }
  const a = auth as Record<string, unknown>;
  if (a['type'] === 'api-key') {
    const where =
      name === 'auth' ? "the API-Key from Aurpay's Get API-Key endpoint" : "the API-Key from Aurpay's Key page for the BTCLN platform";
    return { type: 'api-key', apiKey: credential(a['apiKey'], `${name}.apiKey`, where) };
  }
  if (a['type'] === 'signature') {
    const where = "from Aurpay's API management page";
    const apiToken = credential(a['apiToken'], `${name}.apiToken`, `the API token ${where}`);
    const secretKey = credential(a['secretKey'], `${name}.secretKey`, `the secret key ${where}`);
    const algorithm = a['algorithm'] ?? 'HMAC-SHA256';
    if (!isSignatureAlgorithm(algorithm)) {
      throw configError(
        `${name}.algorithm ${JSON.stringify(algorithm)} is not supported: set one of ${SIGNATURE_ALGORITHMS.join(', ')}, or leave it out for HMAC-SHA256.`,
      );
    }
    return { type: 'signature', apiToken, secretKey, algorithm };
  }
  throw configError(`${name}.type must be 'signature' or 'api-key', got ${JSON.stringify(a['type'])}.`);
}

function isLoopback(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true;
  const parts = hostname.split('.');
  return parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

function resolveBaseUrl(baseUrl: unknown): string {
  if (baseUrl === undefined) return AURPAY_BASE_URL;
  if (typeof baseUrl !== 'string') throw configError(`baseUrl must be a string such as ${AURPAY_BASE_URL}.`);
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw configError(`baseUrl ${JSON.stringify(baseUrl)} is not an absolute URL: set it like ${AURPAY_BASE_URL}.`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
    throw configError(
      `baseUrl must use https (plain http is allowed only for localhost, 127.0.0.0/8 and [::1]), got ${JSON.stringify(baseUrl)}.`,
    );
  }
  if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '' || url.pathname !== '/') {
    throw configError(`baseUrl must be an origin only (no path, query, fragment or credentials), got ${JSON.stringify(baseUrl)}.`);
  }
  return url.origin;
}

/**
 * Checks `AurpayClient` options and fills in defaults; every problem names what to set.
 *
 * @example resolveClientConfig({ auth: { type: 'api-key', apiKey: 'k' } }).timeoutMs // 15000
 */
export function resolveClientConfig(options: AurpayClientOptions): ClientConfig {
  if (typeof options !== 'object' || options === null) {
    throw configError("pass an options object, e.g. new AurpayClient({ auth: { type: 'signature', apiToken, secretKey } }).");
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  if (typeof fetchImpl !== 'function') {
    throw configError('no fetch available: pass `fetch` (Node 18+ has one built in).');
  }
  return {
    baseUrl: resolveBaseUrl(options.baseUrl),
    auth: resolveAuth(options.auth, 'auth'),
    lightningAuth: options.lightningAuth === undefined ? null : resolveAuth(options.lightningAuth, 'lightningAuth'),
    timeoutMs: check.integer('timeoutMs', options.timeoutMs, DEFAULT_TIMEOUT_MS, { min: 1, max: MAX_TIMEOUT_MS }),
    retries: check.integer('retries', options.retries, DEFAULT_RETRIES, { min: 0, max: MAX_RETRIES }),
    fetch: fetchImpl,
  };
}
