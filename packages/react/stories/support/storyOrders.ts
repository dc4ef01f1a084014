import type { CheckoutOrder, CheckoutStatus, OrderStatusView } from '@aurpay-kit/core';
import { addAmounts, findCurrency, lightningLink, paymentLink, remainingAmount, toIsoUtc } from '@aurpay-kit/core';
import { INVOICE, aurpayStatusOf } from '@aurpay-kit/testing/checkout';

/**
 * The clock every deterministic story runs at: a few minutes after the example Lightning
 * invoice from Aurpay's API collection was issued, so that invoice is still payable.
 */
export const STORY_NOW = '2024-04-28T12:55:00.000Z';

/** A real, signed mainnet BOLT11 invoice (0.00019044 BTC, issued 2024-04-28T12:51:36Z, 24 h). */
export { INVOICE as EXAMPLE_INVOICE } from '@aurpay-kit/testing/checkout';

/** One payable currency of each family, with a well-formed mainnet address and a plausible quote. */
export interface StoryCurrency {
  chain: string;
  currency: string;
  address: string | null;
  amount: string;
  /** What a partial payment in the stories delivers. */
  partial: string;
  fiatAmount: string;
}

export const STORY_CURRENCIES = {
  BTC: {
    chain: 'BTC',
    currency: 'BTC',
    address: 'bc1qf99rryu849w8mmnuueyg4msmtel66e7qmyvrqn',
    amount: '0.00029134',
    partial: '0.0002',
    fiatAmount: '18.50',
  },
  LTC: {
    chain: 'LTC',
    currency: 'LTC',
    address: 'ltc1q5v4yt2sjx4f7p9sc5gket2esmphrwwr46kf950',
    amount: '0.22560976',
    partial: '0.15',
    fiatAmount: '18.50',
  },
  ETH: {
    chain: 'ETH',
    currency: 'ETH',
    address: '0x5557230E0397eb336Ab16B7789CE38149c1D3517',
    amount: '0.00569231',
    partial: '0.004',
    fiatAmount: '18.50',
  },
  ERC20: {
    chain: 'ETH',
    currency: 'USDT-ERC20',
    address: '0x5557230E0397eb336Ab16B7789CE38149c1D3517',
    amount: '18.5098',
    partial: '10',
    fiatAmount: '18.50',
  },
  BNB: {
    chain: 'BSC',
    currency: 'BNB',
    address: '0x70a9dC61D2ea50F73DdaCe1B83699Ce0deA9633F',
    amount: '0.03083333',
    partial: '0.02',
    fiatAmount: '18.50',
  },
  TRC20: {
    chain: 'TRX',
    currency: 'USDT-TRC20',
    address: 'TCRafLRFQFQgka9sLx22ticvUZPUVdQQKe',
    amount: '18.5098',
    partial: '9.25',
    fiatAmount: '18.50',
  },
  LIGHTNING: { chain: 'BLN', currency: 'BTC-LN', address: null, amount: '0.00019044', partial: '0', fiatAmount: '12.09' },
} as const satisfies Record<string, StoryCurrency>;

export type StoryFamily = keyof typeof STORY_CURRENCIES;

const MINUTE = 60_000;
let serial = 0;

/** A 20-digit Aurpay order id, new for each order the fake server creates. */
export function nextOrderId(): string {
  serial += 1;
  return `2024042812513${String(6_000_000 + serial).padStart(7, '0')}`;
}

/** What `POST /orders` answers for a currency, created four minutes before the story clock. */
export function createdOrder(currency: StoryCurrency, statusToken: string): CheckoutOrder {
  const lightning = currency.chain === 'BLN';
  // The example invoice's order: created when the invoice was issued.
  const createdAt = lightning ? Date.parse('2024-04-28T12:51:36Z') : Date.parse(STORY_NOW) - 4 * MINUTE;
  const { uri, qrValue } = lightning
    ? lightningLink(INVOICE)
    : paymentLink({ currency: currency.currency, chain: currency.chain, address: currency.address ?? '', amount: currency.amount });
  return {
    orderId: nextOrderId(),
    kind: lightning ? 'lightning' : 'crypto',
    status: 'awaiting_payment',
    aurpayStatus: 'PENDING',
    amount: currency.amount,
    paidAmount: '0',
    remainingAmount: currency.amount,
    currency: currency.currency,
    chain: currency.chain,
    address: currency.address,
    contractAddress: findCurrency(currency.currency, currency.chain)?.contract ?? null,
    paymentUri: uri,
    qrValue,
    paymentRequest: lightning ? INVOICE : null,
    fiatAmount: currency.fiatAmount,
    fiatCurrency: 'USD',
    createdAt: toIsoUtc(createdAt),
    expiresAt: toIsoUtc(createdAt + 30 * MINUTE),
    updatedAt: toIsoUtc(createdAt),
    payUrl: null,
    statusToken,
  };
}

/** What a story's order received beyond its status: a part of the amount, more than it, or nothing. */
export type StoryReceipt = 'none' | 'part' | 'over';

/** A transaction hash in the chain's format, the same on every run. */
export function storyTxHash(chain: string): string {
  if (chain === 'BLN') return '6119701499aa38d7c7aa0ebe39ee2b62e56690667399e2eb76a1f1c1c7f8f6d5';
  const hex = 'c2a9e3d6f1b04a7e85d2c6b91f3e07a4d58b2c19e6f0a3b74d8c5e21f96a0b3d';
  return chain === 'ETH' || chain === 'BSC' ? `0x${hex}` : hex;
}

/**
 * The order as the server reports it once it reached `status`, a minute before the story clock:
 * paid orders and those that received money list their transaction; `detected` and `confirming`
 * list the one on its way, with `confirmations`.
 */
export function orderInStatus(
  order: OrderStatusView & { chain?: string | null },
  status: CheckoutStatus,
  partial: string,
  receipt: StoryReceipt = 'none',
  confirmations: number | null = null,
): OrderStatusView {
  const paidAmount =
    status === 'overpaid' || receipt === 'over'
      ? addAmounts(order.amount, partial)
      : status === 'paid'
        ? order.amount
        : status === 'partially_paid' || receipt === 'part'
          ? partial
          : '0';
  const hash = storyTxHash(order.chain ?? 'BTC');
  const seen = paidAmount !== '0' || status === 'detected' || status === 'confirming';
  return {
    ...order,
    status,
    aurpayStatus: aurpayStatusOf(status),
    paidAmount,
    remainingAmount: remainingAmount(order.amount, paidAmount),
    transactions: seen ? [{ hash, confirmations: status === 'detected' ? 0 : confirmations }] : [],
    updatedAt: toIsoUtc(Date.parse(STORY_NOW) - MINUTE),
  };
}
