import type { CheckoutDetails } from '@aurpay-kit/core';
import type { AurpayKitError } from '@aurpay-kit/core';
import { findCurrency, toExactBaseUnits } from '@aurpay-kit/core';
import { WalletError } from './WalletError.js';

/** What a wallet must send for an order, exactly, in base units. */
export type WalletPaymentPlan =
  | {
      family: 'evm';
      /** EIP-155 chain id: 1 for Ethereum, 56 for BNB Smart Chain. */
      chainId: number;
      to: `0x${string}`;
      /** The ERC-20 / BEP-20 contract; null for the chain's own coin. */
      token: `0x${string}` | null;
      value: bigint;
    }
  | { family: 'tron'; to: string; token: string; value: bigint }
  | { family: 'lightning'; invoice: string };

const EVM_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * What a wallet pays for `order` when `amount` is due: null where no browser wallet can pay it
 * (BTC, LTC, a currency the kit does not know, nothing due). A token contract on the order that
 * differs from the kit's table is refused (`token_unsupported`): the kit never sends to a
 * contract it does not know. An amount finer than the currency's decimals is `amount_invalid`.
 *
 * @example walletPaymentPlan(order, order.remainingAmount) // { family: 'evm', chainId: 1, token: '0xdAC1…', value: 18000100n, … }
 */
export function walletPaymentPlan(order: CheckoutDetails, amount: string): WalletPaymentPlan | null {
  const info = findCurrency(order.currency, order.chain);
  if (!info) return null;
  if (info.kind === 'lightning') return order.paymentRequest ? { family: 'lightning', invoice: order.paymentRequest } : null;
  if (info.scheme !== 'ethereum' && info.scheme !== 'tron') return null;
  const to = order.address;
  if (!to) return null;
  if (order.contractAddress && order.contractAddress.toLowerCase() !== info.contract?.toLowerCase()) {
    throw new WalletError(
      'token_unsupported',
      `The order names the contract ${order.contractAddress} for ${info.currency}; the kit knows ${info.contract ?? 'none'}.`,
    );
  }
  let value: bigint;
  try {
    value = toExactBaseUnits(amount, info.decimals);
  } catch (error) {
    throw new WalletError('amount_invalid', (error as AurpayKitError).message, { cause: error });
  }
  if (value === 0n) return null;
  if (info.scheme === 'tron') return info.contract ? { family: 'tron', to, token: info.contract, value } : null;
  if (!EVM_ADDRESS.test(to) || info.chainId === null) return null;
  return { family: 'evm', chainId: info.chainId, to: to as `0x${string}`, token: info.contract as `0x${string}` | null, value };
}
