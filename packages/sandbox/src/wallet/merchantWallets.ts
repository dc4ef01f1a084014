import { CURRENCIES } from '@aurpay-kit/core';

import { depositAddress } from '../chains/addresses.js';
import type { SandboxState } from '../sandboxState.js';

/** One of the merchant's withdrawal wallets. */
export interface MerchantWallet {
  chain: string;
  currency: string;
  address: string;
}

/**
 * The merchant's withdrawal wallet per on-chain currency, derived from the sandbox seed.
 *
 * @example merchantWallets(state).find((w) => w.currency === 'BTC')?.address // 'tb1q…'
 */
export function merchantWallets(state: SandboxState): MerchantWallet[] {
  return CURRENCIES.filter((c) => c.kind !== 'lightning').map((c) => ({
    chain: c.chain,
    currency: c.currency,
    address: depositAddress(c.chain, state.config.network, state.config.seed, 'merchant-wallet'),
  }));
}
