import { AurpayKitError } from '@aurpay-kit/core';

/**
 * Why a wallet payment did not go out: `rejected` (the buyer declined, EIP-1193's 4001),
 * `wrong_chain` (the wallet stayed on another network), `insufficient_funds`, `token_unsupported`
 * (the wallet's network has no such token, or the order names another contract),
 * `preimage_mismatch` (a Lightning wallet's proof does not fit the invoice), `connection_invalid`
 * (a Nostr Wallet Connect string that is not one), `amount_invalid`, or `failed` (anything else).
 */
export type WalletErrorCode =
  | 'rejected'
  | 'wrong_chain'
  | 'insufficient_funds'
  | 'token_unsupported'
  | 'preimage_mismatch'
  | 'connection_invalid'
  | 'amount_invalid'
  | 'failed';

/**
 * A wallet payment that did not go out, with a code the checkout words for the buyer.
 *
 * @example if (error instanceof WalletError && error.code === 'rejected') showDeclined();
 */
export class WalletError extends AurpayKitError {
  declare readonly code: WalletErrorCode;

  constructor(code: WalletErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}
