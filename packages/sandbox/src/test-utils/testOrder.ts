import type { SandboxOrder } from '../orders/sandboxOrder.js';

/** A PENDING USDT-TRC20 order as the sandbox keeps it, with `overrides`. */
export function testOrder(overrides: Partial<SandboxOrder> = {}): SandboxOrder {
  return {
    orderId: '20240613093614690315',
    userId: 'mct-1',
    orderType: 'ORDER',
    platform: 'AURPAY',
    status: 'PENDING',
    chain: 'TRX',
    currency: 'USDT-TRC20',
    amount: '7.6883',
    quoteUnits: 76883n,
    vsPrice: '7.68',
    vsCurrency: 'USD',
    createdAt: 0,
    shownCreatedAt: 0,
    updatedAt: 0,
    deadline: 1_800_000,
    address: 'TMiJBaNdRVABNhZGwBx5vKWYCafCwGzuWn',
    contractAddr: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
    txId: 'tx',
    fee: '0.0615064',
    paid: '0',
    payments: [],
    urls: {},
    postCallback: false,
    invoice: null,
    refund: null,
    callbacks: [],
    ...overrides,
  };
}
