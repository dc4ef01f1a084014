import { randomUUID } from 'node:crypto';

import { CURRENCIES, type CurrencyInfo } from '@aurpay-kit/core';

import { depositAddress } from '../chains/addresses.js';
import { findFiat } from './fiatCurrencies.js';
import { GatewayError } from '../http/gatewayError.js';
import { quoteAmount, quoteUnits } from './rates.js';
import type { NewOrder, SandboxOrder } from './sandboxOrder.js';
import { CREATE_TIME_LAG_SECONDS } from '../sandboxProfile.js';
import type { SandboxState } from '../sandboxState.js';
import { serviceFee } from './serviceFee.js';

/**
 * The supported chain/currency pair, spelled exactly as Aurpay's crypto-currency list spells it.
 *
 * @example supportedCurrency('ETH', 'USDT-ERC20').contract // '0xdAC17F958D2ee523a2206206994597C13D831ec7'
 */
export function supportedCurrency(chain: string, currency: string): CurrencyInfo {
  const info = CURRENCIES.find((c) => c.chain === chain && c.currency === currency);
  if (info === undefined) {
    const known = CURRENCIES.map((c) => `${c.chain}/${c.currency}`).join(', ');
    throw new GatewayError('currencyUnsupported', `Unsupported chain/currency ${chain}/${currency}; supported: ${known}`);
  }
  return info;
}

/** The rate table entry for a fiat code, or a `currencyUnsupported` error. */
export function supportedFiat(code: string, field: string): { perUsd: string } {
  const fiat = findFiat(code);
  if (fiat === undefined) {
    const message = `${field} ${JSON.stringify(code)} is not a supported fiat currency (see /api/order/pay/real-currency)`;
    throw new GatewayError('currencyUnsupported', message);
  }
  return fiat;
}

/**
 * Creates and stores a PENDING order: its amount from the fixed rates plus the smallest increment
 * no other open order of that currency uses, its address (or, for Lightning, a signed invoice),
 * and its deadline. The profile's `laggingCreateTime` sets a Lightning order's shown creation time
 * back; its invoice, order id and deadline keep the true one.
 *
 * @example createOrder(state, { chain: 'BTC', currency: 'BTC', vsCurrency: 'USD', vsPrice: '10', urls: {}, postCallback: false })
 */
export function createOrder(state: SandboxState, input: NewOrder): SandboxOrder {
  const info = supportedCurrency(input.chain, input.currency);
  const fiat = supportedFiat(input.vsCurrency, 'vs_currency');
  const now = state.now();
  const orderId = state.orders.newOrderId(now);
  const base = quoteUnits(input.vsPrice, fiat.perUsd, info.currency);
  const units = state.orders.uniqueQuoteUnits(info.chain, info.currency, base);
  const amount = quoteAmount(units, info.currency);
  const invoice = info.kind === 'lightning' ? state.node.issueInvoice({ amountBtc: amount, createdAt: now }) : null;
  const lag = invoice !== null && state.config.profile.quirks.laggingCreateTime ? CREATE_TIME_LAG_SECONDS * 1000 : 0;
  const order: SandboxOrder = {
    orderId,
    userId: state.userId,
    orderType: 'ORDER',
    platform: 'AURPAY',
    status: 'PENDING',
    chain: info.chain,
    currency: info.currency,
    amount,
    quoteUnits: units,
    vsPrice: input.vsPrice,
    vsCurrency: input.vsCurrency,
    createdAt: now,
    shownCreatedAt: now - lag,
    updatedAt: now,
    deadline: now + state.config.orderTtlSeconds * 1000,
    address: invoice?.paymentRequest ?? depositAddress(info.chain, state.config.network, state.config.seed, orderId),
    contractAddr: info.contract,
    txId: randomUUID(),
    fee: serviceFee(amount),
    paid: '0',
    payments: [],
    urls: input.urls,
    postCallback: input.postCallback,
    invoice,
    refund: null,
    callbacks: [],
  };
  state.orders.add(order);
  return order;
}
