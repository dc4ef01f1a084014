import { randomBytes } from 'node:crypto';

import type { GatewayError } from './gatewayError.js';

/** An HTTP answer: status, JSON-serializable body (or `raw` text sent as is), extra headers. */
export interface Reply {
  status: number;
  body: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

/** A fresh 32-hex-character trace id, as Aurpay puts on its error bodies. */
export function traceId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The success envelope, field for field as Aurpay sends it.
 *
 * @example okReply({ balance: '0' }).body // { code: 0, message: 'ok', data: { balance: '0' }, result: true }
 */
export function okReply(data: unknown): Reply {
  return { status: 200, body: { code: 0, message: 'ok', data, result: true } };
}

/**
 * The error envelope for a refused request. Aurpay's missing-key answer (and the sandbox's other
 * refusals of credentials in that style) carries `data: {}` and no trace id; its other errors carry a `trace_id`; the sandbox adds `data` where it helps debugging.
 *
 * @example errorReply(new GatewayError('fieldMissing', 'chain is required')).body.code // 40002
 */
export function errorReply(error: GatewayError): Reply {
  if (error.bare) {
    return { status: error.httpStatus, body: { code: error.aurpayCode, message: error.message, data: {}, result: false } };
  }
  const body: Record<string, unknown> = { result: false, code: error.aurpayCode, message: error.message };
  if (error.data !== undefined) body.data = error.data;
  body.trace_id = traceId();
  return { status: error.httpStatus, body };
}
