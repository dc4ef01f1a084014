import type {
  ApiKeyResponse,
  BlnOrderRequest,
  BlnWithdrawRequest,
  CryptoCurrency,
  ListOrdersQuery,
  ListTransactionsQuery,
  LoginRequest,
  LoginResponse,
  PayInfoRequest,
  PayUrlRequest,
  RealCurrency,
  WithdrawRequest,
} from '@aurpay-kit/core';
import { AURPAY_PATHS } from '@aurpay-kit/core';
import type {
  Accepted,
  BlnOrder,
  BlnWithdrawal,
  CustodyWalletBalance,
  LightningBalance,
  Order,
  OrderDetail,
  Page,
  PayInfo,
  PayUrl,
  Refund,
  RefundQuote,
  Transaction,
  Withdrawal,
} from './aurpayResults.js';
import type { CallOptions, GatewayRequest } from './sendGatewayRequest.js';
import { sendGatewayRequest } from './sendGatewayRequest.js';
import type { AurpayClientOptions, ClientConfig } from './clientConfig.js';
import { resolveClientConfig } from './clientConfig.js';
import type { Normalizer } from './normalize.js';
import * as n from './normalize.js';
import { looseAmounts } from './normalizeFields.js';
import type { QueryValue } from './pathWithQuery.js';
import type { AcceptedReading } from './readAccepted.js';
import * as read from './readAccepted.js';
import * as body from './requestBodies.js';
import * as check from './requestChecks.js';

const ORDER_LIST_KEYS = ['order_id', 'status', 'order_type', 'chain', 'currency', 'st', 'et'] as const;
const TX_LIST_KEYS = ['tx_id', 'status', 'type', 'chain', 'currency', 'st', 'et', 'sort'] as const;

type Auth = 'client' | 'lightning';

/**
 * Aurpay's merchant API over native fetch, signed (HMAC-SHA256 or HMAC-SHA3_256) or with an
 * API-Key; `/api/bln/*` with `lightningAuth` when set. Results come back with amounts as canonical
 * decimal strings and order ids as strings; failures are `AurpayError`s. GETs are retried after
 * network errors and 5xx; creations never are. Calls that move money or create something return
 * an `Accepted` answer and never throw once Aurpay accepted them; a timeout or network error on
 * one leaves its outcome unknown, so look the order or balance up before trying again.
 *
 * @example
 * const aurpay = new AurpayClient({ auth: { type: 'signature', apiToken, secretKey }, lightningAuth: { type: 'api-key', apiKey: lnKey } });
 * const order = await aurpay.createPayInfo({ chain: 'ETH', currency: 'USDT-ERC20', vs_currency: 'USD', vs_price: 18 });
 * if (order.complete) await aurpay.getOrderDetail(order.order_id, { timeoutMs: 5_000 });
 */
export class AurpayClient {
  readonly #config: ClientConfig;

  constructor(options: AurpayClientOptions) {
    this.#config = resolveClientConfig(options);
  }

  /** The origin requests go to. */
  get baseUrl(): string {
    return this.#config.baseUrl;
  }

  #get<T>(
    label: string,
    path: string,
    normalize: Normalizer<T>,
    options?: CallOptions,
    query?: Record<string, unknown>,
    auth: Auth = 'client',
  ): Promise<T> {
    const req: GatewayRequest = { label, method: 'GET', path, auth };
    if (query !== undefined) req.query = query as Record<string, QueryValue>;
    return sendGatewayRequest(this.#config, req, normalize, options);
  }

  /** A call that moves money or creates something: never retried, read by a reader that never throws. */
  #post<T>(
    label: string,
    path: string,
    reader: AcceptedReading<T>,
    options?: CallOptions,
    json?: unknown,
    auth: Auth = 'client',
  ): Promise<T> {
    const req: GatewayRequest = { label, method: 'POST', path, auth };
    if (json !== undefined) req.body = { json };
    return sendGatewayRequest(this.#config, req, reader, options);
  }

  /** Aurpay's hosted checkout URL, where the buyer picks the currency. `POST /api/order/pay-url` */
  async getPayUrl(req: PayUrlRequest, options?: CallOptions): Promise<Accepted<PayUrl>> {
    return this.#post('getPayUrl', AURPAY_PATHS.payUrl, read.readPayUrl, options, body.payUrlBody(req));
  }

  /** Creates an order in a given crypto currency: address, amount, contract. `POST /api/order/pay-info` */
  async createPayInfo(req: PayInfoRequest, options?: CallOptions): Promise<Accepted<PayInfo>> {
    return this.#post('createPayInfo', AURPAY_PATHS.payInfo, read.readPayInfo, options, body.payInfoBody(req));
  }

  /** A page of orders, newest first. `GET /api/v2/order/` */
  async listOrders(query: ListOrdersQuery, options?: CallOptions): Promise<Page<Order>> {
    const q = check.pageQuery('listOrders', query, ORDER_LIST_KEYS);
    return this.#get('listOrders', AURPAY_PATHS.orders, n.pageOf(n.normalizeOrder), options, q);
  }

  /** One order with its payment details. `GET /api/v2/order/detail/:order_id` */
  async getOrderDetail(orderId: string, options?: CallOptions): Promise<OrderDetail> {
    const id = check.orderIdSegment('getOrderDetail', orderId);
    return this.#get('getOrderDetail', AURPAY_PATHS.orderDetail + id, n.normalizeOrderDetail, options);
  }

  /** What a refund of the order would send back, fees deducted. `GET /api/v2/order/refund-info/:order_id` */
  async getRefundInfo(orderId: string, options?: CallOptions): Promise<RefundQuote> {
    const id = check.orderIdSegment('getRefundInfo', orderId);
    return this.#get('getRefundInfo', AURPAY_PATHS.refundInfo + id, n.normalizeRefundQuote, options);
  }

  /** Refunds the order, answered in either documented shape (see `Refund`). Never retried. `POST /api/v2/order/refund/:order_id` */
  async refundOrder(orderId: string, options?: CallOptions): Promise<Accepted<Refund>> {
    const id = check.orderIdSegment('refundOrder', orderId);
    return this.#post('refundOrder', AURPAY_PATHS.refund + id, read.readRefund, options);
  }

  /** A page of wallet transactions. `GET /api/v2/tx` */
  async listTransactions(query: ListTransactionsQuery, options?: CallOptions): Promise<Page<Transaction>> {
    const q = check.pageQuery('listTransactions', query, TX_LIST_KEYS);
    return this.#get('listTransactions', AURPAY_PATHS.transactions, n.pageOf(n.normalizeTransaction), options, q);
  }

  /** Fiat currencies prices may be given in. `GET /api/order/pay/real-currency` */
  async listRealCurrencies(options?: CallOptions): Promise<RealCurrency[]> {
    return this.#get('listRealCurrencies', AURPAY_PATHS.realCurrencies, n.listOf(n.normalizeRealCurrency), options);
  }

  /** Crypto currencies and chains enabled for the merchant. `GET /api/order/pay/crypto-currency` */
  async listCryptoCurrencies(options?: CallOptions): Promise<CryptoCurrency[]> {
    return this.#get('listCryptoCurrencies', AURPAY_PATHS.cryptoCurrencies, n.listOf(n.normalizeCryptoCurrency), options);
  }

  /** Withdrawal wallets; undocumented by Aurpay, returned as sent with amounts canonicalized. `GET /api/withdraw/wallets` */
  async listWallets(options?: CallOptions): Promise<unknown> {
    return this.#get('listWallets', AURPAY_PATHS.wallets, looseAmounts, options);
  }

  /** Withdraws a balance; Lightning (chain BLN) with `ln_invoices` and `verify_code`. Never retried. `POST /api/withdraw` */
  async withdraw(req: WithdrawRequest, options?: CallOptions): Promise<Accepted<Withdrawal>> {
    return this.#post('withdraw', AURPAY_PATHS.withdraw, read.readWithdrawal, options, body.withdrawBody(req));
  }

  /** Balances of the self-custody wallets. `GET /api/contract/balance` */
  async getCustodyBalances(options?: CallOptions): Promise<CustodyWalletBalance[]> {
    return this.#get('getCustodyBalances', AURPAY_PATHS.custodyBalance, n.listOf(n.normalizeCustodyBalance), options);
  }

  /** The Lightning balance in BTC. `GET /api/bln/balance` */
  async getBlnBalance(options?: CallOptions): Promise<LightningBalance> {
    return this.#get('getBlnBalance', AURPAY_PATHS.blnBalance, n.normalizeLightningBalance, options, undefined, 'lightning');
  }

  /** Creates a Lightning order with its BOLT11 invoice. Never retried. `POST /api/bln/order` */
  async createBlnOrder(req: BlnOrderRequest, options?: CallOptions): Promise<Accepted<BlnOrder>> {
    return this.#post('createBlnOrder', AURPAY_PATHS.blnOrder, read.readBlnOrder, options, body.blnOrderBody(req), 'lightning');
  }

  /** Pays BOLT11 invoices from the Lightning balance. Never retried. `POST /api/bln/withdraw` */
  async createBlnWithdraw(req: BlnWithdrawRequest, options?: CallOptions): Promise<Accepted<BlnWithdrawal>> {
    return this.#post(
      'createBlnWithdraw',
      AURPAY_PATHS.blnWithdraw,
      read.readBlnWithdrawal,
      options,
      body.blnWithdrawBody(req),
      'lightning',
    );
  }

  /** Exchanges a dashboard login for an access token (form-urlencoded, no API credentials). `POST /api/user/login` */
  async login(credentials: LoginRequest, options?: CallOptions): Promise<LoginResponse> {
    const form = body.loginForm(credentials);
    const req: GatewayRequest = { label: 'login', method: 'POST', path: AURPAY_PATHS.login, auth: 'none', body: { form } };
    return sendGatewayRequest(this.#config, req, n.normalizeLogin, options);
  }

  /** Fetches the account's API-Key with an access token from `login`. `GET /api/plugin/key` */
  async getApiKey(accessToken: string, options?: CallOptions): Promise<ApiKeyResponse> {
    const bearer = check.bearerToken('getApiKey', accessToken);
    const req: GatewayRequest = { label: 'getApiKey', method: 'GET', path: AURPAY_PATHS.apiKey, auth: { bearer } };
    return sendGatewayRequest(this.#config, req, n.normalizeApiKey, options);
  }
}
