import type { StoredOrder } from '../stores/orderStore.js';

/** A stored crypto order awaiting payment, with any field overridden. */
export function storedOrder(overrides: Partial<StoredOrder> = {}): StoredOrder {
  return {
    orderId: '20240613093614690315',
    callbackRef: 'AAAAAAAAAAAAAAAAAAAAAA',
    kind: 'crypto',
    chain: 'ETH',
    currency: 'USDT-ERC20',
    amount: '18.0098',
    address: '0x686691e7b70e9239e19eB4cd080DDb8aB6F33cf3',
    contractAddress: '0xdAC17F958D2ee523a2206206994597C13D831ec7',
    paymentRequest: null,
    fiatAmount: '18',
    fiatCurrency: 'USD',
    payUrl: null,
    createdAt: 1_000_000,
    expiresAt: 2_800_000,
    status: 'awaiting_payment',
    aurpayStatus: 'PENDING',
    paidAmount: '0',
    updatedAt: 1_000_000,
    gatewayUpdatedAt: null,
    openOrderKey: null,
    version: 1,
    metadata: {},
    ...overrides,
  };
}
