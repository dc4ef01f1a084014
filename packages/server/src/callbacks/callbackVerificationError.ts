import { AurpayKitError } from '@aurpay-kit/core';

export type CallbackVerificationCode =
  | 'callback_header_missing'
  | 'callback_token_invalid'
  | 'callback_signature_invalid'
  | 'callback_date_invalid'
  | 'callback_date_out_of_range';

/** A callback that did not prove it came from Aurpay; answer it with 4xx and do nothing else. */
export class CallbackVerificationError extends AurpayKitError {
  declare readonly code: CallbackVerificationCode;

  constructor(code: CallbackVerificationCode, message: string) {
    super(code, message);
  }
}
