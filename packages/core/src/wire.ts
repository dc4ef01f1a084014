/**
 * Aurpay's wire format: the JSON bodies its HTTP API sends and receives, field for field.
 *
 * These types describe what travels over the network, so amounts are `number | string` exactly as
 * Aurpay mixes them (numbers in creation responses, strings in lists and details). Code that does
 * anything with an amount parses it with `parseAmount` first; see `amount.ts`.
 */

/** An amount as Aurpay sends it: a JSON number in creation responses, a string elsewhere. */
export type WireAmount = number | string;

/** The order statuses Aurpay documents. Any other string may arrive and must be handled. */
export const AURPAY_ORDER_STATUSES = ['PENDING', 'OVERDUE', 'SUCCESS', 'RESOLVED', 'PARTIAL', 'FAILED', 'TERMINATED', 'REFUNDED'] as const;
export type AurpayOrderStatus = (typeof AURPAY_ORDER_STATUSES)[number];

export type AurpayOrderType = 'ORDER' | 'INVOICE' | 'WITHDRAW';

/** The envelope around every response. Success is `code === 0 && result === true`. */
export interface AurpayEnvelope<T> {
  code: number;
  message: string;
  data?: T;
  result: boolean;
  trace_id?: string;
}

/** Optional redirect and callback settings shared by the order-creating endpoints. */
export interface AurpayOrderUrls {
  /** Where the hosted checkout sends the buyer after payment. */
  succeed_url?: string;
  /** Where the hosted checkout sends the buyer after the order times out. */
  timeout_url?: string;
  /** Requested by Aurpay when the order succeeds. */
  callback_url?: string;
  /** Requested by Aurpay when the order times out. */
  timeout_callback?: string;
}

// ---------------------------------------------------------------- orders

/** POST /api/order/pay-url */
export interface PayUrlRequest extends AurpayOrderUrls {
  price: number;
  /** Fiat currency code, e.g. "USD". */
  currency: string;
  fixed_encrypt_price?: boolean;
  enable_post_callback?: boolean;
}
export interface PayUrlResponse {
  pay_url: string;
}

/** POST /api/order/pay-info */
export interface PayInfoRequest extends AurpayOrderUrls {
  chain: string;
  /** Crypto currency code, e.g. "USDT-ERC20". */
  currency: string;
  /** Fiat currency code, e.g. "USD". */
  vs_currency: string;
  vs_price: number;
  fixed_encrypt_price?: boolean;
  enable_post_callback?: boolean;
}
export interface PayInfoResponse {
  order_id: string;
  status: string;
  amount: WireAmount;
  create_time: string;
  vs_currency: string;
  vs_price: WireAmount;
  address: string;
  /** The token contract; null or absent for a native coin (the documents show only a token's answer). */
  contract_addr?: string | null;
  pay_url: string;
}

/** GET /api/v2/order/ query. */
export interface ListOrdersQuery {
  page: number;
  /** 1 to 100. */
  size: number;
  order_id?: string;
  status?: string;
  order_type?: AurpayOrderType;
  chain?: string;
  currency?: string;
  /** Orders created at or after this Aurpay time (`2024-10-10T00:00:00`, UTC). */
  st?: string;
  /** Orders created at or before this Aurpay time. */
  et?: string;
}

/** An order as listed by GET /api/v2/order/. */
export interface AurpayOrder {
  user_id: string;
  order_id: string;
  order_type: AurpayOrderType | string;
  platform: string;
  status: string;
  chain: string;
  chain_name: string;
  currency: string;
  amount: WireAmount;
  vs_price: WireAmount;
  vs_currency: string;
  remark: string;
  refund: boolean;
  create_time: string;
  update_time: string;
}

/** GET /api/v2/order/detail/:order_id, also the body of a POST callback. */
export interface AurpayOrderDetail extends AurpayOrder {
  tx_id: string | null;
  tx_type: string | null;
  /** What the merchant received; null until something arrived. */
  obtained: WireAmount | null;
  fee: WireAmount | null;
  from_addr: string | null;
  /** Aurpay sends `false` here on unpaid orders. */
  to_addr: string | false | null;
  tx_hash: string | null;
  /** Every transaction hash of the order, in Aurpay's callback example; absent from the detail's. */
  tx_hash_list?: string[] | null;
  contract_id: string | null;
}

export interface Paged<T> {
  page: number;
  size: number;
  total: number;
  max_page: number;
  data: T[];
}

/** GET /api/v2/order/refund-info/:order_id and POST /api/v2/order/refund/:order_id */
export interface RefundInfo {
  order_id: string;
  chain: string;
  currency: string;
  amount: WireAmount;
  network_fee: WireAmount;
  obtained: WireAmount;
  from_addr: string;
  to_addr: string;
  refund_et: number;
}

/**
 * POST /api/v2/order/refund/:order_id as its description reads; the collection's example answers in
 * the `RefundInfo` shape instead, so a refund answer may come in either.
 */
export interface RefundStatusResponse {
  order_id: string;
  /** PENDING, SUCCESS, RESOLVED, PARTIAL, TERMINATED or REFUNDED, says the description. */
  refund_status: string;
  refund_amount: WireAmount;
  refund_date: string;
}

// ---------------------------------------------------------------- transactions

/** GET /api/v2/tx query. */
export interface ListTransactionsQuery {
  page: number;
  size: number;
  tx_id?: string;
  status?: string;
  type?: string;
  chain?: string;
  currency?: string;
  /** Start time. */
  st?: string;
  /** End time. */
  et?: string;
  sort?: string;
}

export interface AurpayTransaction {
  user_id: string;
  tx_id: string;
  tx_type: string;
  status: string;
  chain: string;
  currency: string;
  amount: WireAmount;
  obtained: WireAmount | null;
  fee: WireAmount | null;
  from_addr: string | null;
  to_addr: string | null;
  tx_hash: string | null;
  event_time: string;
}

// ---------------------------------------------------------------- currencies and wallets

/** GET /api/order/pay/real-currency */
export interface RealCurrency {
  currency: string;
  name: string;
}

/** GET /api/order/pay/crypto-currency */
export interface CryptoCurrency {
  chain: string;
  currency: string;
  status: boolean;
}

/** GET /api/withdraw/wallets: undocumented by Aurpay, kept open. */
export type WalletsResponse = unknown;

/** POST /api/withdraw */
export interface WithdrawRequest {
  chain: string;
  currency: string;
  amount: number;
  /** Lightning (chain BLN) only, with `verify_code`. */
  ln_invoices?: string;
  /** "Required only when chain is Lightning Network". */
  verify_code?: string;
}
export type WithdrawResponse = unknown;

/** GET /api/contract/balance */
export interface CustodyBalance {
  chain: string;
  currency: string;
  amount: WireAmount;
}

// ---------------------------------------------------------------- Lightning

/** GET /api/bln/balance */
export interface BlnBalance {
  balance: WireAmount;
}

/** POST /api/bln/order */
export interface BlnOrderRequest extends AurpayOrderUrls {
  price: number;
  /** Fiat currency code. */
  currency: string;
}
export interface BlnOrderResponse {
  order_id: string;
  status: string;
  /** In BTC: a string in the example, a number in the description. */
  amount: WireAmount;
  create_time: string;
  /** The BOLT11 invoice. */
  payment_request: string;
  /** The invoice's payment secret, hex; absent from the description's example. */
  payment_addr?: string;
  pay_url: string;
  /** Absent from the description's example. */
  currency?: 'BTC-LN' | string;
}

/** POST /api/bln/withdraw */
export interface BlnWithdrawRequest {
  ln_invoices: string;
  /** Only for an invoice without an amount. The description types it a string, the example sends a number. */
  amount?: number;
}
export interface BlnWithdrawResponse {
  user_id: string;
  tx_id: string;
  type: string;
  status: string;
  chain: string;
  currency: string;
  amount: WireAmount;
  /** In the example, not in the description's schema. */
  fee?: WireAmount;
  balance: WireAmount;
  update_time: string;
}

// ---------------------------------------------------------------- account

/** POST /api/user/login (form-urlencoded) */
export interface LoginRequest {
  username: string;
  password: string;
}
export interface LoginResponse {
  access_token: string;
  /** Seconds. */
  expire: number;
}

/** GET /api/plugin/key (OAuth2 bearer) */
export interface ApiKeyResponse {
  api_key: string;
  user_id: string;
}

/** Error codes the docs show. */
export const AURPAY_ERROR_CODES = {
  missingApiKey: 401,
  invalidLogin: 404,
  kybRequired: 40004,
  insufficientBalance: 40005,
} as const;

/** The paths of every endpoint, relative to the base URL. */
export const AURPAY_PATHS = {
  payUrl: '/api/order/pay-url',
  payInfo: '/api/order/pay-info',
  orders: '/api/v2/order/',
  orderDetail: '/api/v2/order/detail/',
  refundInfo: '/api/v2/order/refund-info/',
  refund: '/api/v2/order/refund/',
  transactions: '/api/v2/tx',
  realCurrencies: '/api/order/pay/real-currency',
  cryptoCurrencies: '/api/order/pay/crypto-currency',
  wallets: '/api/withdraw/wallets',
  withdraw: '/api/withdraw',
  custodyBalance: '/api/contract/balance',
  blnBalance: '/api/bln/balance',
  blnOrder: '/api/bln/order',
  blnWithdraw: '/api/bln/withdraw',
  login: '/api/user/login',
  apiKey: '/api/plugin/key',
} as const;

export const AURPAY_BASE_URL = 'https://dashboard.aurpay.net';
