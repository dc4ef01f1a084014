import type { AurpayOrderStatus } from '@aurpay-kit/core';

import type { LightningInvoice } from '../lightning/lightningNode.js';

/** One payment the control API simulated. */
export interface OrderPayment {
  amount: string;
  txHash: string;
  fromAddr: string | null;
  at: number;
}

/** A payment seen on the network and not counted yet (`POST /_sandbox/orders/:order_id/detect`). */
export interface DetectedPayment {
  txHash: string;
  fromAddr: string | null;
  /** Blocks on top of it: 0 while it waits in the mempool. */
  confirmations: number;
  at: number;
}

/** One attempt to deliver a callback, as `GET /_sandbox/orders/:order_id` shows it. */
export interface CallbackAttempt {
  /** Which URL: `callback_url` ('success') or `timeout_callback` ('timeout'). */
  event: 'success' | 'timeout';
  /** The order status the callback announced. */
  order_status: AurpayOrderStatus;
  url: string;
  method: 'GET' | 'POST';
  attempt: number;
  /** ISO time the attempt started. */
  at: string;
  /** The receiver's HTTP status, null when no answer came. */
  status: number | null;
  error: string | null;
  durationMs: number;
}

/** The redirect and callback settings given at creation. */
export interface OrderUrls {
  succeed_url?: string;
  timeout_url?: string;
  callback_url?: string;
  timeout_callback?: string;
}

/** What a new order is made from: `pay-info`, or a hosted checkout once the buyer chose. */
export interface NewOrder {
  chain: string;
  currency: string;
  vsCurrency: string;
  /** Canonical decimal. */
  vsPrice: string;
  urls: OrderUrls;
  postCallback: boolean;
}

/** An order as the sandbox keeps it. Amounts are canonical decimal strings. */
export interface SandboxOrder {
  orderId: string;
  userId: string;
  orderType: 'ORDER' | 'INVOICE';
  platform: string;
  status: AurpayOrderStatus;
  chain: string;
  currency: string;
  amount: string;
  /** The amount in quote units (see rates.ts); keeps open orders' amounts apart. */
  quoteUnits: bigint;
  vsPrice: string;
  vsCurrency: string;
  /** ms since the epoch. */
  createdAt: number;
  /** What `create_time` says: `createdAt`, or earlier under the `laggingCreateTime` quirk. */
  shownCreatedAt: number;
  updatedAt: number;
  deadline: number;
  /** Where the buyer pays: an address, or the BOLT11 invoice for Lightning. */
  address: string;
  contractAddr: string | null;
  txId: string;
  fee: string;
  paid: string;
  payments: OrderPayment[];
  /** A transaction on its way, shown in the detail before it counts; none when absent. */
  detected?: DetectedPayment | null;
  urls: OrderUrls;
  postCallback: boolean;
  invoice: LightningInvoice | null;
  refund: { networkFee: string; obtained: string; at: number; txId: string; txHash: string } | null;
  callbacks: CallbackAttempt[];
}

/** Statuses in which an order still waits for money and can time out. */
export function isOpen(order: SandboxOrder): boolean {
  return order.status === 'PENDING' || order.status === 'PARTIAL';
}
