import { AurpayKitError } from '@aurpay-kit/core';
import { AurpayError } from './aurpayError.js';
import type { ClientConfig } from './clientConfig.js';
import { MAX_TIMEOUT_MS } from './clientConfig.js';
import type { ResponseContext } from './interpretResponse.js';
import { interpretResponse } from './interpretResponse.js';
import type { Normalizer } from './normalize.js';
import type { QueryValue } from './pathWithQuery.js';
import { pathWithQuery } from './pathWithQuery.js';
import type { AcceptedReading } from './readAccepted.js';
import { abortableSleep, backoffDelay } from './retryBackoff.js';
import { signRequest } from './signRequest.js';

const LIGHTNING_HINT =
  "Aurpay's Lightning endpoints take only the key of the Lightning network: set lightningAuth to the API-Key from the Key page for the BTCLN platform.";

/** Per-call options every client method takes last. */
export interface CallOptions {
  /** Aborts the call, retries and backoff included. */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
}

export interface GatewayRequest {
  /** The client method, for messages. */
  label: string;
  method: 'GET' | 'POST';
  /** Already encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: { json: unknown } | { form: Record<string, string> };
  /**
   * `client`: the configured API-Key or signature; `lightning`: the Lightning credentials, or the
   * client's when none are set; `bearer`: an OAuth2 access token; `none`.
   */
  auth: 'client' | 'lightning' | 'none' | { bearer: string };
}

/** Seams for tests: how to wait between attempts, where the jitter comes from, and the call's timer. */
export interface TransportHooks {
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
  /** A signal that aborts once the call's `ms` are up. Default `AbortSignal.timeout`. */
  timeout?: (ms: number) => AbortSignal;
}

function callTimeout(options: CallOptions | undefined, fallback: number): number {
  const ms = options?.timeoutMs;
  if (ms === undefined) return fallback;
  if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 1 || ms > MAX_TIMEOUT_MS) {
    throw new AurpayKitError('request_invalid', `options.timeoutMs must be an integer from 1 to ${MAX_TIMEOUT_MS}, got ${String(ms)}.`);
  }
  return ms;
}

function encodeBody(body: GatewayRequest['body']): { bytes: Uint8Array<ArrayBuffer>; type: string } | undefined {
  if (body === undefined) return undefined;
  // Serialized once: these exact bytes are hashed for Body-MD5 and sent.
  if ('json' in body) return { bytes: new TextEncoder().encode(JSON.stringify(body.json)), type: 'application/json' };
  return { bytes: new TextEncoder().encode(new URLSearchParams(body.form).toString()), type: 'application/x-www-form-urlencoded' };
}

interface Prepared {
  headers: Record<string, string>;
  signatureOrigin: string | null;
}

function prepareHeaders(config: ClientConfig, req: GatewayRequest, target: string, body: ReturnType<typeof encodeBody>): Prepared {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = body.type;
  if (typeof req.auth === 'object') {
    headers['Authorization'] = `Bearer ${req.auth.bearer}`;
    return { headers, signatureOrigin: null };
  }
  if (req.auth === 'none') return { headers, signatureOrigin: null };
  const auth = req.auth === 'lightning' ? (config.lightningAuth ?? config.auth) : config.auth;
  if (auth.type === 'api-key') {
    headers['API-Key'] = auth.apiKey;
    return { headers, signatureOrigin: null };
  }
  const signed = signRequest({
    method: req.method,
    pathWithQuery: target,
    body: body?.bytes ?? '',
    apiToken: auth.apiToken,
    secretKey: auth.secretKey,
    algorithm: auth.algorithm,
  });
  return { headers: { ...headers, ...signed.headers }, signatureOrigin: signed.signatureOrigin };
}

/**
 * Sends one gateway request: signs it, bounds it by the call's timeout and the caller's signal,
 * retries a GET after a network error or a 5xx, and returns the normalized `data`.
 */
export async function sendGatewayRequest<T>(
  config: ClientConfig,
  req: GatewayRequest,
  normalize: Normalizer<T> | AcceptedReading<T>,
  options?: CallOptions,
  hooks: TransportHooks = {},
): Promise<T> {
  const sleep = hooks.sleep ?? abortableSleep;
  const random = hooks.random ?? Math.random;
  const caller = options?.signal;
  if (caller !== undefined && !(caller instanceof AbortSignal)) {
    throw new AurpayKitError('request_invalid', 'options.signal must be an AbortSignal.');
  }
  const timeoutMs = callTimeout(options, config.timeoutMs);
  const target = pathWithQuery(req.path, req.query);
  const url = new URL(config.baseUrl + target);
  if (url.pathname + url.search !== target) {
    throw new AurpayKitError('request_invalid', `${req.label}: ${target} would not be sent as signed.`);
  }
  const body = encodeBody(req.body);
  if (caller?.aborted === true) {
    throw new AurpayError('aurpay_aborted', `${req.label}: aborted before it was sent.`, { cause: caller.reason });
  }
  const timeout = hooks.timeout === undefined ? AbortSignal.timeout(timeoutMs) : hooks.timeout(timeoutMs);
  const signal = caller === undefined ? timeout : AbortSignal.any([caller, timeout]);
  const attempts = req.method === 'GET' ? config.retries + 1 : 1;
  let origin: string | null = null;

  const failure = (error: unknown, attempt: number): AurpayError => {
    const tries = attempt === 0 ? '' : ` (after ${attempt + 1} attempts)`;
    if (caller?.aborted === true) {
      return new AurpayError('aurpay_aborted', `${req.label}: aborted by the caller${tries}.`, { signatureOrigin: origin, cause: error });
    }
    if (timeout.aborted) {
      return new AurpayError('aurpay_timeout', `${req.label}: no answer from Aurpay within ${timeoutMs} ms${tries}.`, {
        signatureOrigin: origin,
        cause: error,
      });
    }
    const why = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return new AurpayError('aurpay_network', `${req.label}: could not reach Aurpay at ${config.baseUrl}${tries}: ${why}.`, {
      signatureOrigin: origin,
      cause: error,
    });
  };

  for (let attempt = 0; ; attempt++) {
    const canRetry = attempt + 1 < attempts;
    let status: number;
    let contentType: string | null;
    let text: string;
    // Signed per attempt: each carries a fresh Date.
    const prepared = prepareHeaders(config, req, target, body);
    origin = prepared.signatureOrigin;
    try {
      const response = await config.fetch(url, {
        method: req.method,
        headers: prepared.headers,
        ...(body === undefined ? {} : { body: body.bytes }),
        signal,
        // A redirect would change the signed path, and could carry credentials to another host.
        redirect: 'manual',
      });
      status = response.status;
      contentType = response.headers.get('content-type');
      text = await response.text();
    } catch (error) {
      const err = failure(error, attempt);
      if (err.code !== 'aurpay_network' || !canRetry) throw err;
      await sleep(backoffDelay(attempt, random), signal).catch((e: unknown) => {
        throw failure(e, attempt);
      });
      continue;
    }
    if (status >= 500 && canRetry) {
      await sleep(backoffDelay(attempt, random), signal).catch((e: unknown) => {
        throw failure(e, attempt);
      });
      continue;
    }
    const ctx: ResponseContext = { label: req.label, signatureOrigin: origin, attempts: attempt + 1 };
    if (req.auth === 'lightning' && config.lightningAuth === null) ctx.authHint = LIGHTNING_HINT;
    return interpretResponse({ status, contentType, body: text }, ctx, normalize);
  }
}
