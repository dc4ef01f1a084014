import { randomBytes } from 'node:crypto';

import type { SandboxOrder } from '../orders/sandboxOrder.js';
import { chainAddress, type SandboxNetwork } from './addresses.js';
import { randomTxHash } from './randomTxHash.js';

/**
 * The on-chain traces of a simulated payment: a transaction hash in the chain's format (0x-prefixed
 * on EVM chains) and a random payer address on `network`; a Lightning payment shows its payment
 * hash and no payer.
 *
 * @example simulatedPayment(order, 'testnet') // { txHash: '0x…', fromAddr: '0x…' }
 */
export function simulatedPayment(order: SandboxOrder, network: SandboxNetwork): { txHash: string; fromAddr: string | null } {
  if (order.invoice !== null) return { txHash: order.invoice.paymentHash, fromAddr: null };
  return {
    txHash: randomTxHash(order.chain),
    fromAddr: chainAddress(order.chain, network, randomBytes(20)),
  };
}
