import {
  currencyInfo,
  findCurrency,
  formatAurpayTime,
  parseAurpayTime,
  type BlnOrderRequest,
  type CryptoCurrency,
  type ListOrdersQuery,
  type PayInfoRequest,
} from '@aurpay-kit/core';
import type { BlnOrder, Order, OrderDetail, Page, PayInfo } from '../../client/aurpayResults.js';
import type { CheckoutClient } from '../checkoutOptions.js';

/** Aurpay's example invoice (mainnet, 0.00019044 BTC, signed 2024-04-28T12:51:36Z, 24 h expiry). */
export const EXAMPLE_INVOICE =
  'lnbc190440n1pnzu3jcpp5vyvhqq2deguqqdcth5z0hslaawcd4jqv68n9w88fkc9yqm476fwsdp5xscrjcehv3jkyvpsvg6rgdpnxgungwp4x56njdm9xa3x2dfnxfsscqzzsxqyz5vqsp5cfk04pxdn64fe0hde6u2qpkw7eu3fdequ8vw7r4le4trr3mwryks9qyyssqlavvjxan9jqus8hpdztrtfp6v0t7saqflxp2srruzf8a3sta0lajwfacpnpfdz7eaagrvrzwzhcwma8f4x3rnzf9yq7z6f67pd8lxmqqsxf4hh';

export const EXAMPLE_CURRENCIES: CryptoCurrency[] = [
  { chain: 'ETH', currency: 'ETH', status: true },
  { chain: 'ETH', currency: 'USDT-ERC20', status: true },
  { chain: 'ETH', currency: 'USDC-ERC20', status: true },
  { chain: 'ETH', currency: 'DAI-ERC20', status: true },
  { chain: 'BTC', currency: 'BTC', status: true },
  { chain: 'BLN', currency: 'BTC-LN', status: true },
  { chain: 'LTC', currency: 'LTC', status: true },
  { chain: 'BSC', currency: 'BNB', status: true },
  { chain: 'TRX', currency: 'USDT-TRC20', status: true },
  { chain: 'TRX', currency: 'USDC-TRC20', status: false },
];

const ADDRESSES: Record<string, string> = {
  ETH: '0x686691e7b70e9239e19eB4cd080DDb8aB6F33cf3',
  BSC: '0x686691e7b70e9239e19eB4cd080DDb8aB6F33cf3',
  BTC: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq',
  LTC: 'ltc1qg82v6c6zpa5jvyw6k4cu0uzzd7aklk8vl3fv8r',
  TRX: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
};

/**
 * An in-memory stand-in for the `AurpayClient` methods the checkout calls, with call counts, a
 * settable upstream state per order, and a hook to make the next detail calls fail or wait. Its
 * order list honours `status`, `st`, `et` and paging as Aurpay documents them.
 */
export class FakeCheckoutClient implements CheckoutClient {
  readonly calls = { createPayInfo: 0, createBlnOrder: 0, getOrderDetail: 0, listCryptoCurrencies: 0, listOrders: 0 };
  /** Every list query, in order. */
  readonly listQueries: ListOrdersQuery[] = [];
  /** What `create_time` new orders get; default the real clock. */
  clock: () => number = Date.now;
  readonly orders = new Map<string, OrderDetail>();
  readonly requests: (PayInfoRequest | BlnOrderRequest)[] = [];
  currencies: CryptoCurrency[] = EXAMPLE_CURRENCIES;
  /** Replaces the detail answer when set: throw to fail, await to delay. */
  detailOverride: ((orderId: string) => Promise<OrderDetail>) | null = null;
  #next = 20240613093614000000n;

  async listCryptoCurrencies(): Promise<CryptoCurrency[]> {
    this.calls.listCryptoCurrencies += 1;
    return this.currencies.map((c) => ({ ...c }));
  }

  async createPayInfo(req: PayInfoRequest): Promise<PayInfo> {
    this.calls.createPayInfo += 1;
    this.requests.push(req);
    const info = currencyInfo(req.currency, req.chain);
    const orderId = this.#id();
    const order = this.#store(orderId, req.chain, req.currency, '18.0098', String(req.vs_price), req.vs_currency);
    return {
      order_id: orderId,
      status: 'PENDING',
      amount: order.amount,
      create_time: order.create_time,
      vs_currency: req.vs_currency,
      vs_price: String(req.vs_price),
      address: ADDRESSES[req.chain] ?? '',
      contract_addr: info.contract,
      pay_url: `https://dashboard.aurpay.net/#/cashier/${orderId}`,
    };
  }

  async createBlnOrder(req: BlnOrderRequest): Promise<BlnOrder> {
    this.calls.createBlnOrder += 1;
    this.requests.push(req);
    const orderId = this.#id();
    const order = this.#store(orderId, 'BLN', 'BTC-LN', '0.00019044', String(req.price), req.currency, '2024-04-28T12:00:00');
    return {
      order_id: orderId,
      status: 'PENDING',
      amount: order.amount,
      create_time: order.create_time,
      payment_request: EXAMPLE_INVOICE,
      payment_addr: 'c26cfa84cd9eaa9cbeedceb8a006cef67914b720e1d8ef0ebfcd5631c76e192d',
      pay_url: `https://dashboard.aurpay.net/#/cashier/${orderId}`,
      currency: 'BTC-LN',
    };
  }

  async getOrderDetail(orderId: string): Promise<OrderDetail> {
    this.calls.getOrderDetail += 1;
    if (this.detailOverride !== null) return this.detailOverride(orderId);
    const order = this.orders.get(orderId);
    if (order === undefined) throw new Error(`fake: no order ${orderId}`);
    return { ...order };
  }

  async listOrders(query: ListOrdersQuery): Promise<Page<Order>> {
    this.calls.listOrders += 1;
    this.listQueries.push({ ...query });
    const from = query.st === undefined ? -Infinity : parseAurpayTime(query.st);
    const to = query.et === undefined ? Infinity : parseAurpayTime(query.et);
    const matching = [...this.orders.values()]
      .filter(
        (order) =>
          (query.status === undefined || order.status === query.status) &&
          parseAurpayTime(order.create_time) >= from &&
          parseAurpayTime(order.create_time) <= to,
      )
      .sort((a, b) => (a.order_id < b.order_id ? 1 : -1));
    const start = (query.page - 1) * query.size;
    const data = matching
      .slice(start, start + query.size)
      .map(
        ({ tx_id: _a, tx_type: _b, obtained: _c, fee: _d, from_addr: _e, to_addr: _f, tx_hash: _g, contract_id: _h, ...order }) => order,
      );
    return { page: query.page, size: query.size, total: matching.length, max_page: Math.ceil(matching.length / query.size), data };
  }

  /** Changes the upstream order as a payment or the merchant would; its update time moves on. */
  setUpstream(orderId: string, status: string, obtained: string | null = null): void {
    const order = this.orders.get(orderId);
    if (order === undefined) throw new Error(`fake: no order ${orderId}`);
    const updated = Math.max(parseAurpayTime(order.update_time) + 1000, this.clock());
    this.orders.set(orderId, { ...order, status, obtained, update_time: formatAurpayTime(updated) });
  }

  #id(): string {
    this.#next += 1n;
    return this.#next.toString();
  }

  #store(
    orderId: string,
    chain: string,
    currency: string,
    amount: string,
    vsPrice: string,
    vsCurrency: string,
    createTime?: string,
  ): OrderDetail {
    const order: OrderDetail = {
      user_id: 'mct-fake',
      order_id: orderId,
      order_type: 'ORDER',
      platform: 'AURPAY',
      status: 'PENDING',
      chain,
      chain_name: findCurrency(currency, chain)?.chainName ?? chain,
      currency,
      amount,
      vs_price: vsPrice,
      vs_currency: vsCurrency,
      remark: '',
      refund: false,
      create_time: createTime ?? formatAurpayTime(this.clock()),
      update_time: createTime ?? formatAurpayTime(this.clock()),
      tx_id: null,
      tx_type: null,
      obtained: null,
      fee: null,
      from_addr: null,
      to_addr: false,
      tx_hash: '',
      contract_id: null,
    };
    this.orders.set(orderId, order);
    return order;
  }
}
