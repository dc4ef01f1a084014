import type {
  AurpayOrder,
  AurpayOrderDetail,
  AurpayTransaction,
  BlnOrderResponse,
  BlnWithdrawResponse,
  PayInfoResponse,
  RefundInfo,
} from '@aurpay-kit/core';

/**
 * What `AurpayClient` returns: Aurpay's wire shapes, field for field, except that every amount is
 * a canonical decimal string (`"18.0098"`, never a number) and every `order_id` a string.
 */

/** `POST /api/order/pay-info` */
export interface PayInfo extends Omit<PayInfoResponse, 'amount' | 'vs_price'> {
  amount: string;
  vs_price: string;
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

/** `GET /api/v2/order/refund-info/:order_id` and `POST /api/v2/order/refund/:order_id` */
export interface RefundQuote extends Omit<RefundInfo, 'amount' | 'network_fee' | 'obtained'> {
  amount: string;
  network_fee: string;
  obtained: string;
}

/** A transaction in `GET /api/v2/tx`. */
export interface Transaction extends Omit<AurpayTransaction, 'amount' | 'obtained' | 'fee'> {
  amount: string;
  obtained: string | null;
  fee: string | null;
}

/** `POST /api/bln/order` */
export interface BlnOrder extends Omit<BlnOrderResponse, 'amount'> {
  /** In BTC. */
  amount: string;
}

/** `POST /api/bln/withdraw` */
export interface BlnWithdrawal extends Omit<BlnWithdrawResponse, 'amount' | 'fee' | 'balance'> {
  amount: string;
  fee: string;
  balance: string;
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
