import { WalletError } from './WalletError.js';

// How wallets word a refusal, a closed prompt or an empty balance when they send no code.
const REFUSED = /reject|denied|declin|cancel|closed|abort/i;
const NO_FUNDS = /insufficient (funds|balance)|exceeds (the )?balance|not enough/i;

/** The EIP-1193 code of an error, or of the error it wraps (MetaMask nests 4902 in `data`). */
export function providerErrorCode(error: unknown): number | undefined {
  const { code, data } = (error ?? {}) as { code?: unknown; data?: { originalError?: { code?: unknown } } };
  if (typeof code === 'number') return code;
  const inner = data?.originalError?.code;
  return typeof inner === 'number' ? inner : undefined;
}

/** What a wallet threw, as a `WalletError` whose code the checkout can word. */
export function walletErrorFrom(error: unknown): WalletError {
  if (error instanceof WalletError) return error;
  const message = String((error as { message?: unknown })?.message ?? error).slice(0, 200);
  const code = providerErrorCode(error);
  if (code === 4001 || code === 4100 || REFUSED.test(message)) return new WalletError('rejected', message, { cause: error });
  if (NO_FUNDS.test(message)) return new WalletError('insufficient_funds', message, { cause: error });
  return new WalletError('failed', message, { cause: error });
}
