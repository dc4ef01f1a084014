import type { AurpayOrder, AurpayOrderDetail, AurpayTransaction, BlnWithdrawResponse, PayInfoResponse, RefundInfo } from '@aurpay-kit/core';

/**
 * What `AurpayClient` returns: Aurpay's wire shapes, field for field, except that every amount is
 * a canonical decimal string (`"18.0098"`, never a number) and every `order_id` a string.
 */

/**
 * The answer to a call that moves money or creates something at the gateway (`getPayUrl`,
 * `createPayInfo`, `createBlnOrder`, `refundOrder`, `withdraw`, `createBlnWithdraw`), once Aurpay
 * accepted it (envelope `code` 0). Such a call never throws after that point, since a caller who
 * retried it would pay or create twice: it returns what it read, the `raw` data as it came (numbers
 * under money and id keys kept as their exact source text), and in `unreadable` the JSON paths it
 * could not read (their fields are `null`).
 *
 * `complete` is true when every field that every documented shape of this answer has was read;
 * narrow on it to get the fields non-null.
 *
 * @example
 * const order = await aurpay.createPayInfo(req);
 * if (!order.complete) log.warn('check order by hand', order.unreadable, order.raw);
 * else show(order.address, order.amount);
 */
export type Accepted<T> =
  | (T & { complete: true; unreadable: []; raw: unknown })
  | (Unread<T> & { complete: false; unreadable: [string, ...string[]]; raw: unknown });

/** Every field of `T` possibly null: what an answer that could not be read in full has. */
export type Unread<T> = { [K in keyof T]: T[K] | null };

/** `POST /api/order/pay-url` */
export interface PayUrl {
  pay_url: string;
}

/** `POST /api/order/pay-info` */
export interface PayInfo extends Omit<PayInfoResponse, 'amount' | 'vs_price' | 'contract_addr'> {
  amount: string;
  vs_price: string;
  /** The token contract; null for a native coin, whether Aurpay sends null, "" or nothing. */
  contract_addr: string | null;
}

/** An order in `GET /api/v2/order/`. */
export interface Order extends Omit<AurpayOrder, 'amount' | 'vs_price'> {
  amount: string;
  vs_price: string;
}

/** `GET /api/v2/order/detail/:order_id` */
export interface OrderDetail extends Omit<AurpayOrderDetail, 'amount' | 'vs_price' | 'obtained' | 'fee'> {
  amount: string;
  vs_price: string;
  obtained: string | null;
  fee: string | null;
}

/** `GET /api/v2/order/refund-info/:order_id`, and one reading of `POST /api/v2/order/refund/:order_id`. */
export interface RefundQuote extends Omit<RefundInfo, 'amount' | 'network_fee' | 'obtained'> {
  amount: string;
  network_fee: string;
  obtained: string;
}

/**
 * `POST /api/v2/order/refund/:order_id`, in whichever of its two documented shapes it came: the
 * collection's example answers like refund-info (`shape: 'refund-info'`), the description with
 * `refund_status`, `refund_amount` and `refund_date` (`shape: 'refund-status'`).
 */
export type Refund =
  | (RefundQuote & { shape: 'refund-info' })
  | { shape: 'refund-status'; order_id: string; refund_status: string; refund_amount: string; refund_date: string };

/** A transaction in `GET /api/v2/tx`. */
export interface Transaction extends Omit<AurpayTransaction, 'amount' | 'obtained' | 'fee'> {
  amount: string;
  obtained: string | null;
  fee: string | null;
}

/** `POST /api/bln/order` */
export interface BlnOrder {
  order_id: string;
  status: string;
  /** In BTC. */
  amount: string;
  create_time: string;
  /** The BOLT11 invoice. */
  payment_request: string;
  pay_url: string;
  /** The invoice's payment secret; null when absent, as in the description's example. */
  payment_addr: string | null;
  /** `BTC-LN`; null when absent, as in the description's example (the endpoint makes only BTC-LN orders). */
  currency: string | null;
}

/** `POST /api/bln/withdraw` */
export interface BlnWithdrawal extends Omit<BlnWithdrawResponse, 'amount' | 'fee' | 'balance'> {
  amount: string;
  /** In the example, not in the description's schema: null when absent. */
  fee: string | null;
  balance: string;
}

/** `POST /api/withdraw`: Aurpay documents no success answer, so every field may be absent (null). */
export interface Withdrawal {
  tx_id: string | null;
  status: string | null;
  chain: string | null;
  currency: string | null;
  amount: string | null;
  fee: string | null;
  balance: string | null;
  update_time: string | null;
}

/** `GET /api/bln/balance`, in BTC. */
export interface LightningBalance {
  balance: string;
}

/** An entry of `GET /api/contract/balance`. */
export interface CustodyWalletBalance {
  chain: string;
  currency: string;
  amount: string;
}

/** A page of a paged list. */
export interface Page<T> {
  page: number;
  size: number;
  total: number;
  max_page: number;
  data: T[];
}
