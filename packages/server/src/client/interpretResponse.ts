import { AurpayError } from './aurpayError.js';
import type { Normalizer } from './normalize.js';
import { parseGatewayJson } from './parseGatewayJson.js';
import type { AcceptedReading } from './readAccepted.js';
import { signatureOriginIn } from './signatureOriginIn.js';

export interface RawResponse {
  status: number;
  contentType: string | null;
  body: string;
}

export interface ResponseContext {
  /** The client method, for messages: `getOrderDetail`. */
  label: string;
  /** What the client signed, in signature mode. */
  signatureOrigin: string | null;
  /** How many attempts the call took, when more than one. */
  attempts?: number;
  /** Added to the message when the gateway refuses the credentials (e.g. which key to set). */
  authHint?: string;
}

interface Envelope {
  code: number;
  message: string;
  data: unknown;
  result: unknown;
  traceId: string | null;
  gatewayOrigin: string | null;
}

/** A short, single-line excerpt of a body for error messages. */
export function snippet(body: string, max = 120): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function describeBody(raw: RawResponse): string {
  const type = raw.contentType === null ? 'no content-type' : `content-type ${raw.contentType}`;
  if (raw.body.trim() === '') return `an empty body (${type})`;
  return `a body that is not Aurpay JSON (${type}): "${snippet(raw.body)}"`;
}

function compareOrigins(mine: string | null, theirs: string | null): string {
  if (mine === null) return `The gateway computed ${JSON.stringify(theirs)}.`;
  if (mine === theirs) return `Both sides signed ${JSON.stringify(mine)}, so the secret key differs: check secretKey.`;
  return `Signed ${JSON.stringify(mine)} but the gateway computed ${JSON.stringify(theirs)}: check the clock, and that path, query and body are sent as signed.`;
}

function readEnvelope(body: string): Envelope | null {
  let parsed: unknown;
  try {
    parsed = parseGatewayJson(body);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const obj = parsed as Record<string, unknown>;
  if (typeof obj['code'] !== 'number') return null;
  return {
    code: obj['code'],
    message: typeof obj['message'] === 'string' ? obj['message'] : '',
    data: obj['data'],
    result: obj['result'],
    traceId: typeof obj['trace_id'] === 'string' ? obj['trace_id'] : null,
    gatewayOrigin: signatureOriginIn(obj),
  };
}

// Aurpay documents 401 for a missing key; the sandbox answers its other credential refusals with 401xx.
function refusedCredentials(code: number): boolean {
  return code === 401 || (code >= 40100 && code < 40200);
}

function rejection(env: Envelope, raw: RawResponse, ctx: ResponseContext): AurpayError {
  const details = {
    aurpayCode: env.code,
    traceId: env.traceId,
    httpStatus: raw.status,
    signatureOrigin: ctx.signatureOrigin,
    gatewaySignatureOrigin: env.gatewayOrigin,
  };
  const trace = env.traceId === null ? '' : `, trace_id ${env.traceId}`;
  const hint = ctx.authHint !== undefined && (env.gatewayOrigin !== null || refusedCredentials(env.code)) ? ` ${ctx.authHint}` : '';
  const said = `${env.message || 'no message'} (code ${env.code}${trace})`;
  // The gateway answers a failed signature check with the origin it computed: that is the mark.
  if (env.gatewayOrigin !== null) {
    return new AurpayError(
      'aurpay_signature_rejected',
      `${ctx.label}: Aurpay rejected the request signature: ${said}. ${compareOrigins(ctx.signatureOrigin, env.gatewayOrigin)}${hint}`,
      details,
    );
  }
  return new AurpayError('aurpay_rejected', `${ctx.label}: Aurpay rejected the request: ${said}.${hint}`, details);
}

/**
 * Turns an HTTP answer into the normalized `data`, or the `AurpayError` that says what went wrong.
 * 5xx and other non-2xx answers are `aurpay_http_error`, except a 4xx carrying Aurpay's error
 * envelope, where the gateway's own verdict (`aurpay_rejected` / `aurpay_signature_rejected`) wins.
 * With an `AcceptedReading` (calls that move money), an envelope with `code` 0 is read whatever
 * the HTTP status and `result`, and never throws: the gateway did what was asked.
 */
export function interpretResponse<T>(raw: RawResponse, ctx: ResponseContext, normalize: Normalizer<T> | AcceptedReading<T>): T {
  const env = readEnvelope(raw.body);
  // Aurpay answers HTTP 200 even for refusals, so its envelope, not the status, says what happened.
  if (typeof normalize !== 'function' && env?.code === 0) return normalize.readAccepted(env.data, env.result);
  const ok = raw.status >= 200 && raw.status < 300;
  const failed = env !== null && !(env.code === 0 && env.result === true);
  if (raw.status >= 500 || (!ok && !failed)) {
    const said = env === null ? describeBody(raw) : `${env.message || 'no message'} (code ${env.code})`;
    const hint = raw.status >= 300 && raw.status < 400 ? ' (redirects are not followed: check baseUrl)' : '';
    const tries = ctx.attempts === undefined || ctx.attempts < 2 ? '' : ` (after ${ctx.attempts} attempts)`;
    throw new AurpayError('aurpay_http_error', `${ctx.label}: Aurpay answered HTTP ${raw.status}${hint} with ${said}${tries}.`, {
      aurpayCode: env?.code ?? null,
      traceId: env?.traceId ?? null,
      httpStatus: raw.status,
      signatureOrigin: ctx.signatureOrigin,
      gatewaySignatureOrigin: env?.gatewayOrigin ?? null,
    });
  }
  if (env === null) {
    throw new AurpayError('aurpay_bad_response', `${ctx.label}: Aurpay answered HTTP ${raw.status} with ${describeBody(raw)}.`, {
      httpStatus: raw.status,
      signatureOrigin: ctx.signatureOrigin,
    });
  }
  if (failed) throw rejection(env, raw, ctx);
  if (typeof normalize !== 'function') return normalize.readAccepted(env.data, env.result);
  try {
    return normalize(env.data);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new AurpayError('aurpay_bad_response', `${ctx.label}: Aurpay's answer has an unexpected shape: ${why}.`, {
      aurpayCode: env.code,
      traceId: env.traceId,
      httpStatus: raw.status,
      signatureOrigin: ctx.signatureOrigin,
      cause: error,
    });
  }
}
