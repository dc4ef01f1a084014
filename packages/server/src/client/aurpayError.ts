import { AurpayKitError } from '@aurpay-kit/core';

/** The failure codes an `AurpayClient` call can end with. */
export type AurpayErrorCode =
  | 'aurpay_rejected'
  | 'aurpay_signature_rejected'
  | 'aurpay_http_error'
  | 'aurpay_bad_response'
  | 'aurpay_timeout'
  | 'aurpay_network'
  | 'aurpay_aborted';

export interface AurpayErrorDetails {
  /** The envelope's `code` when the gateway answered with one. */
  aurpayCode?: number | null;
  traceId?: string | null;
  httpStatus?: number | null;
  /** The `signature_origin` this client signed, in signature mode. */
  signatureOrigin?: string | null;
  /** The `signature_origin` the gateway computed, when it rejected the signature. */
  gatewaySignatureOrigin?: string | null;
  cause?: unknown;
}

/**
 * A call to Aurpay that did not succeed: the gateway said no (`aurpay_rejected`,
 * `aurpay_signature_rejected`), answered something unusable (`aurpay_http_error`,
 * `aurpay_bad_response`), or never answered (`aurpay_timeout`, `aurpay_network`, `aurpay_aborted`).
 *
 * @example
 * try { await client.getOrderDetail(id) } catch (e) {
 *   if (e instanceof AurpayError && e.code === 'aurpay_signature_rejected')
 *     console.error(e.signatureOrigin, '≠', e.gatewaySignatureOrigin);
 * }
 */
export class AurpayError extends AurpayKitError {
  declare readonly code: AurpayErrorCode;
  readonly aurpayCode: number | null;
  readonly traceId: string | null;
  readonly httpStatus: number | null;
  readonly signatureOrigin: string | null;
  readonly gatewaySignatureOrigin: string | null;

  constructor(code: AurpayErrorCode, message: string, details: AurpayErrorDetails = {}) {
    super(code, message, details.cause === undefined ? undefined : { cause: details.cause });
    this.aurpayCode = details.aurpayCode ?? null;
    this.traceId = details.traceId ?? null;
    this.httpStatus = details.httpStatus ?? null;
    this.signatureOrigin = details.signatureOrigin ?? null;
    this.gatewaySignatureOrigin = details.gatewaySignatureOrigin ?? null;
  }
}
