import { randomBytes } from 'node:crypto';

import { chainAddress } from './addresses.js';
import type { SandboxOrder } from '../orders/sandboxOrder.js';
import type { SandboxState } from '../sandboxState.js';

/**
 * The on-chain traces of a simulated payment: a transaction hash in the chain's format (0x-prefixed
 * on EVM chains) and a random payer address; a Lightning payment shows its payment hash and no payer.
 *
 * @example simulatedPayment(order, state) // { txHash: '0x…', fromAddr: '0x…' }
 */
export function simulatedPayment(order: SandboxOrder, state: SandboxState): { txHash: string; fromAddr: string | null } {
  if (order.invoice !== null) return { txHash: order.invoice.paymentHash, fromAddr: null };
  return {
    txHash: randomTxHash(order.chain),
    fromAddr: chainAddress(order.chain, state.config.network, randomBytes(20)),
  };
}

/**
 * A random transaction hash as the chain writes them: 0x-prefixed on ETH and BSC, bare hex elsewhere.
 *
 * @example randomTxHash('ETH') // '0x…64 hex'
 */
export function randomTxHash(chain: string): string {
  const hash = randomBytes(32).toString('hex');
  return chain === 'ETH' || chain === 'BSC' ? `0x${hash}` : hash;
}
