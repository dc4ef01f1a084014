import type { CheckoutOrder, CheckoutStatus, OrderStatusView } from '@aurpay-kit/core';
import { lightningLink, paymentLink } from '@aurpay-kit/core';

/** A real mainnet BOLT11 invoice from Aurpay's examples: 0.00019044 BTC, 24 h expiry. */
export const INVOICE =
  'lnbc190440n1pnzu3jcpp5vyvhqq2deguqqdcth5z0hslaawcd4jqv68n9w88fkc9yqm476fwsdp5xscrjcehv3jkyvpsvg6rgdpnxgungwp4x56njdm9xa3x2dfnxfsscqzzsxqyz5vqsp5cfk04pxdn64fe0hde6u2qpkw7eu3fdequ8vw7r4le4trr3mwryks9qyyssqlavvjxan9jqus8hpdztrtfp6v0t7saqflxp2srruzf8a3sta0lajwfacpnpfdz7eaagrvrzwzhcwma8f4x3rnzf9yq7z6f67pd8lxmqqsxf4hh';
/** The invoice's own timestamp and expiry, ms. */
export const INVOICE_CREATED = 1_714_308_696_000;
export const INVOICE_EXPIRES = INVOICE_CREATED + 86_400_000;
/** Test clocks start a minute after the invoice was made. */
export const START = INVOICE_CREATED + 60_000;

export const ADDRESSES: Record<string, string> = {
  BTC: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
  ETH: '0x52908400098527886E0F7030069857D2E4169EE7',
  BSC: '0x52908400098527886E0F7030069857D2E4169EE7',
  TRX: 'TJRabPrwbZy45sbavfcjinPJC18kjpRTv8',
  LTC: 'ltc1qg82jm3ludmvtd7p3hnx2wpxpaqzjy7ta4vu4s2',
};

export const AMOUNTS: Record<string, string> = {
  BTC: '0.00125',
  'USDT-ERC20': '18.0098',
  'USDT-TRC20': '18.0098',
  ETH: '0.0071',
  LTC: '0.2',
};

const iso = (ms: number) => new Date(ms).toISOString();

/** An on-chain order as the router creates it, with the server's payment link. */
export function cryptoOrder(overrides: Partial<CheckoutOrder> & { chain?: string; currency?: string } = {}): CheckoutOrder {
  const chain = overrides.chain ?? 'BTC';
  const currency = overrides.currency ?? 'BTC';
  const address = overrides.address ?? ADDRESSES[chain] ?? ADDRESSES.BTC!;
  const amount = overrides.amount ?? AMOUNTS[currency] ?? '1';
  const link = paymentLink({ currency, chain, address, amount });
  const now = Date.now();
  return {
    orderId: '20240428125136000001',
    kind: 'crypto',
    status: 'awaiting_payment',
    aurpayStatus: 'PENDING',
    amount,
    paidAmount: '0',
    remainingAmount: amount,
    currency,
    chain,
    address,
    contractAddress: null,
    paymentUri: link.uri,
    qrValue: link.qrValue,
    paymentRequest: null,
    fiatAmount: '18.00',
    fiatCurrency: 'USD',
    createdAt: iso(now),
    expiresAt: iso(now + 1_800_000),
    updatedAt: iso(now),
    payUrl: null,
    statusToken: 'token-1',
    ...overrides,
  };
}

/** A Lightning order carrying `INVOICE`. */
export function lightningOrder(overrides: Partial<CheckoutOrder> = {}): CheckoutOrder {
  const now = Date.now();
  return {
    ...cryptoOrder(),
    orderId: '20240428125136000002',
    kind: 'lightning',
    chain: 'BLN',
    currency: 'BTC-LN',
    amount: '0.00019044',
    remainingAmount: '0.00019044',
    address: null,
    paymentUri: lightningLink(INVOICE).uri,
    qrValue: lightningLink(INVOICE).qrValue,
    paymentRequest: INVOICE,
    expiresAt: iso(now + 1_800_000),
    statusToken: 'token-ln',
    ...overrides,
  };
}

/** The status part of an order, as `GET /orders/:id` and its event stream answer. */
export function statusView(order: CheckoutOrder): OrderStatusView {
  const {
    kind: _kind,
    chain: _chain,
    address: _address,
    contractAddress: _contractAddress,
    paymentUri: _paymentUri,
    qrValue: _qrValue,
    paymentRequest: _paymentRequest,
    fiatAmount: _fiatAmount,
    fiatCurrency: _fiatCurrency,
    createdAt: _createdAt,
    payUrl: _payUrl,
    statusToken: _statusToken,
    ...view
  } = order;
  return view;
}

const AURPAY_STATUS: Record<CheckoutStatus, string> = {
  awaiting_payment: 'PENDING',
  // Seen on the network, not counted yet: Aurpay still says PENDING.
  detected: 'PENDING',
  confirming: 'PENDING',
  partially_paid: 'PARTIAL',
  paid: 'SUCCESS',
  overpaid: 'SUCCESS',
  expired: 'OVERDUE',
  failed: 'FAILED',
  refunded: 'REFUNDED',
  // A status the kit does not know, as Aurpay might add one.
  unknown: 'HELD',
};

/**
 * An Aurpay status that maps to `status`, for orders that fakes move along.
 *
 * @example aurpayStatusOf('partially_paid') // 'PARTIAL'
 */
export function aurpayStatusOf(status: CheckoutStatus): string {
  return AURPAY_STATUS[status];
}
