import type { CheckoutStatus } from './orderStatus.js';

/**
 * The JSON the checkout server routes send to the browser. The browser never sees Aurpay's wire
 * format or any key: only these shapes.
 */

export type CheckoutKind = 'crypto' | 'lightning';

/** A transaction the gateway (or the buyer's wallet) has reported for an order. */
export interface PaymentTransaction {
  /** The chain's transaction hash; a Lightning payment's payment hash. */
  hash: string;
  /** Blocks on top of it where the gateway says; null when it does not. */
  confirmations: number | null;
}

/** `GET /orders/:id`, each server-sent `status` event, and the base of a created order. */
export interface OrderStatusView {
  orderId: string;
  status: CheckoutStatus;
  /** Aurpay's own status string, for display and support. */
  aurpayStatus: string;
  /** What the buyer must send in total, decimal string in `currency` units. */
  amount: string;
  /** What has arrived so far, decimal string. */
  paidAmount: string;
  /** `amount − paidAmount`, never below zero. */
  remainingAmount: string;
  /** Crypto currency code: `BTC`, `USDT-ERC20`, `BTC-LN`… */
  currency: string;
  /** ISO-8601 UTC. */
  expiresAt: string;
  /** ISO-8601 UTC of the last change the server saw. */
  updatedAt: string;
  /**
   * The transactions seen for the order, oldest first: the hash of each and its confirmations
   * where known. Absent from servers that predate it; read it as empty then.
   */
  transactions?: PaymentTransaction[];
}

/** `POST /orders` answers 201 with this. */
export interface CheckoutOrder extends OrderStatusView {
  kind: CheckoutKind;
  /** Aurpay chain code: `BTC`, `ETH`, `BSC`, `TRX`, `LTC`, `BLN`. */
  chain: string;
  /** Where to send on-chain payments; null for Lightning. */
  address: string | null;
  /** The token contract for ERC-20 / TRC-20 currencies. */
  contractAddress: string | null;
  /** A wallet link (BIP21, EIP-681, `lightning:`), or null where no standard exists. */
  paymentUri: string | null;
  /** What the QR code encodes. */
  qrValue: string;
  /** BOLT11 invoice for Lightning orders. */
  paymentRequest: string | null;
  /** The price in fiat, decimal string. */
  fiatAmount: string;
  fiatCurrency: string;
  /** ISO-8601 UTC. */
  createdAt: string;
  /** Aurpay's hosted checkout page for this order. */
  payUrl: string | null;
  /** Authorises `GET /orders/:id` and its events for this order only. */
  statusToken: string;
}

/** `GET /currencies` */
export interface CheckoutCurrency {
  chain: string;
  currency: string;
}

/** The body of every error answer. */
export interface CheckoutErrorBody {
  error: { code: string; message: string };
}

/** The header (or `token` query parameter, for EventSource) carrying a status token. */
export const STATUS_TOKEN_HEADER = 'X-Status-Token';
export const STATUS_TOKEN_QUERY = 'token';
/** The server-sent event name carrying an `OrderStatusView`. */
export const STATUS_EVENT = 'status';
/**
 * The server-sent event that comes just before the server ends a stream that reached its maximum
 * lifetime: the EventSource then reconnects by itself, sending its `Last-Event-ID`, and resumes.
 */
export const RECONNECT_EVENT = 'reconnect';
