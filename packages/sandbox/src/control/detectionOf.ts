import { GatewayError } from '../http/gatewayError.js';
import type { SandboxOrder } from '../orders/sandboxOrder.js';
import type { SandboxState } from '../sandboxState.js';
import { simulatedPayment } from '../chains/simulatedPayment.js';

/**
 * The payment a `/detect` body describes: `tx_hash` (default: the one already detected, or a new
 * random one in the chain's format) and `confirmations` (default 0).
 *
 * @example detectionOf({ confirmations: 2 }, order, state) // { txHash: '0x…', fromAddr: '0x…', confirmations: 2 }
 */
export function detectionOf(
  body: Record<string, unknown>,
  order: SandboxOrder,
  state: SandboxState,
): { txHash: string; fromAddr: string | null; confirmations: number } {
  const { tx_hash: txHash, confirmations = 0 } = body;
  if (txHash !== undefined && typeof txHash !== 'string') throw new GatewayError('fieldInvalid', 'tx_hash must be a string');
  if (typeof confirmations !== 'number') throw new GatewayError('fieldInvalid', 'confirmations must be a JSON number');
  const known = order.detected;
  if (known && (txHash === undefined || txHash.toLowerCase() === known.txHash.toLowerCase())) {
    return { txHash: known.txHash, fromAddr: known.fromAddr, confirmations };
  }
  const simulated = simulatedPayment(order, state.config.network);
  return { txHash: txHash ?? simulated.txHash, fromAddr: simulated.fromAddr, confirmations };
}
