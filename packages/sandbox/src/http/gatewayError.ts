import { AurpayKitError } from '@aurpay-kit/core';

import { SANDBOX_ERROR_CODES, type SandboxErrorName } from './sandboxErrorCodes.js';

/**
 * A request the sandbox refuses, turned into an Aurpay-style error envelope by the request
 * handler. `code` is the snake_case name, `aurpayCode` the numeric envelope code.
 *
 * @example throw new GatewayError('fieldMissing', 'chain is required')
 */
export class GatewayError extends AurpayKitError {
  readonly aurpayCode: number;
  readonly data: unknown;
  readonly httpStatus: number;
  /** Answered in the shape of Aurpay's 401: `data: {}` and no `trace_id`. */
  readonly bare: boolean;

  constructor(name: SandboxErrorName, message: string, options: { data?: unknown; httpStatus?: number; bare?: boolean } = {}) {
    super(toSnakeCase(name), message);
    this.aurpayCode = SANDBOX_ERROR_CODES[name];
    this.data = options.data;
    this.httpStatus = options.httpStatus ?? 200;
    this.bare = options.bare ?? this.aurpayCode === SANDBOX_ERROR_CODES.apiKeyMissing;
  }
}

function toSnakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
