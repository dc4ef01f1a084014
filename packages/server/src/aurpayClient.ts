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
  PayUrlResponse,
  RealCurrency,
  WithdrawRequest,
} from '@aurpay-kit/core';
import { AURPAY_PATHS } from '@aurpay-kit/core';
import type {
  BlnOrder,
  BlnWithdrawal,
  CustodyWalletBalance,
  LightningBalance,
  Order,
  OrderDetail,
  Page,
  PayInfo,
  RefundQuote,
  Transaction,
} from './aurpayResults.js';
import type { CallOptions, GatewayRequest } from './aurpayTransport.js';
import { sendGatewayRequest } from './aurpayTransport.js';
import type { AurpayClientOptions, ClientConfig } from './clientConfig.js';
import { resolveClientConfig } from './clientConfig.js';
import type { Normalizer } from './normalize.js';
import * as n from './normalize.js';
import { looseAmounts } from './normalizeFields.js';
import type { QueryValue } from './pathWithQuery.js';
import * as check from './requestChecks.js';

const ORDER_LIST_KEYS = ['order_id', 'status', 'order_type', 'chain', 'currency', 'st', 'et'] as const;
const TX_LIST_KEYS = ['tx_id', 'status', 'type', 'chain', 'currency', 'st', 'et', 'sort'] as const;
const ORDER_FLAGS = ['fixed_encrypt_price', 'enable_post_callback'] as const;

/**
 * Aurpay's merchant API over native fetch, signed (HMAC-SHA256 or HMAC-SHA3_256) or with an
 * API-Key. Results come back with amounts as canonical decimal strings and order ids as strings;
 * failures are `AurpayError`s. GETs are retried after network errors and 5xx; creations never are.
 *
 * @example
 * const aurpay = new AurpayClient({ auth: { type: 'signature', apiToken, secretKey } });
 * const order = await aurpay.createPayInfo({ chain: 'ETH', currency: 'USDT-ERC20', vs_currency: 'USD', vs_price: 18 });
 * const detail = await aurpay.getOrderDetail(order.order_id, { timeoutMs: 5_000 });
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

  #get<T>(label: string, path: string, normalize: Normalizer<T>, options?: CallOptions, query?: Record<string, unknown>): Promise<T> {
    const req: GatewayRequest = { label, method: 'GET', path, auth: 'client' };
    if (query !== undefined) req.query = query as Record<string, QueryValue>;
    return sendGatewayRequest(this.#config, req, normalize, options);
  }

  #post<T>(label: string, path: string, normalize: Normalizer<T>, options?: CallOptions, json?: unknown): Promise<T> {
    const req: GatewayRequest = { label, method: 'POST', path, auth: 'client' };
    if (json !== undefined) req.body = { json };
    return sendGatewayRequest(this.#config, req, normalize, options);
  }

  /** Aurpay's hosted checkout URL, where the buyer picks the currency. `POST /api/order/pay-url` */
  async getPayUrl(req: PayUrlRequest, options?: CallOptions): Promise<PayUrlResponse> {
    const body = check.requestObject('getPayUrl', req);
    check.positiveNumber('getPayUrl', body, 'price');
    check.requiredText('getPayUrl', body, 'currency');
    check.optionalUrls('getPayUrl', body);
    check.optionalFlags('getPayUrl', body, ORDER_FLAGS);
    return this.#post('getPayUrl', AURPAY_PATHS.payUrl, n.normalizePayUrl, options, body);
  }

  /** Creates an order in a given crypto currency: address, amount, contract. `POST /api/order/pay-info` */
  async createPayInfo(req: PayInfoRequest, options?: CallOptions): Promise<PayInfo> {
    const body = check.requestObject('createPayInfo', req);
    for (const key of ['chain', 'currency', 'vs_currency']) check.requiredText('createPayInfo', body, key);
    check.positiveNumber('createPayInfo', body, 'vs_price');
    check.optionalUrls('createPayInfo', body);
    check.optionalFlags('createPayInfo', body, ORDER_FLAGS);
    return this.#post('createPayInfo', AURPAY_PATHS.payInfo, n.normalizePayInfo, options, body);
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

  /** Refunds the order. Never retried. `POST /api/v2/order/refund/:order_id` */
  async refundOrder(orderId: string, options?: CallOptions): Promise<RefundQuote> {
    const id = check.orderIdSegment('refundOrder', orderId);
    return this.#post('refundOrder', AURPAY_PATHS.refund + id, n.normalizeRefundQuote, options);
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

  /** Withdraws a balance. Never retried. `POST /api/withdraw` */
  async withdraw(req: WithdrawRequest, options?: CallOptions): Promise<unknown> {
    const body = check.requestObject('withdraw', req);
    check.requiredText('withdraw', body, 'chain');
    check.requiredText('withdraw', body, 'currency');
    check.positiveNumber('withdraw', body, 'amount');
    check.optionalText('withdraw', body, 'ln_invoices');
    check.optionalText('withdraw', body, 'verify_code');
    return this.#post('withdraw', AURPAY_PATHS.withdraw, looseAmounts, options, body);
  }

  /** Balances of the self-custody wallets. `GET /api/contract/balance` */
  async getCustodyBalances(options?: CallOptions): Promise<CustodyWalletBalance[]> {
    return this.#get('getCustodyBalances', AURPAY_PATHS.custodyBalance, n.listOf(n.normalizeCustodyBalance), options);
  }

  /** The Lightning balance in BTC. `GET /api/bln/balance` */
  async getBlnBalance(options?: CallOptions): Promise<LightningBalance> {
    return this.#get('getBlnBalance', AURPAY_PATHS.blnBalance, n.normalizeLightningBalance, options);
  }

  /** Creates a Lightning order with its BOLT11 invoice. Never retried. `POST /api/bln/order` */
  async createBlnOrder(req: BlnOrderRequest, options?: CallOptions): Promise<BlnOrder> {
    const body = check.requestObject('createBlnOrder', req);
    check.positiveNumber('createBlnOrder', body, 'price');
    check.requiredText('createBlnOrder', body, 'currency');
    check.optionalUrls('createBlnOrder', body);
    return this.#post('createBlnOrder', AURPAY_PATHS.blnOrder, n.normalizeBlnOrder, options, body);
  }

  /** Pays BOLT11 invoices from the Lightning balance. Never retried. `POST /api/bln/withdraw` */
  async createBlnWithdraw(req: BlnWithdrawRequest, options?: CallOptions): Promise<BlnWithdrawal> {
    const body = check.requestObject('createBlnWithdraw', req);
    check.requiredText('createBlnWithdraw', body, 'ln_invoices');
    check.positiveNumber('createBlnWithdraw', body, 'amount', true);
    return this.#post('createBlnWithdraw', AURPAY_PATHS.blnWithdraw, n.normalizeBlnWithdrawal, options, body);
  }

  /** Exchanges a dashboard login for an access token (form-urlencoded, no API credentials). `POST /api/user/login` */
  async login(credentials: LoginRequest, options?: CallOptions): Promise<LoginResponse> {
    const body = check.requestObject('login', credentials, 'the credentials');
    check.requiredText('login', body, 'username');
    check.requiredText('login', body, 'password');
    const form = { username: body['username'] as string, password: body['password'] as string };
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
