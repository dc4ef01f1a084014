import { findCurrency } from '@aurpay-kit/core';
import type { OrderDetail } from '../../client/aurpayResults.js';
import type { StoredOrder } from '../stores/orderStore.js';

/** The upstream detail of a stored order, with the given Aurpay status and amount received. */
export function detailFor(order: StoredOrder, status: string, obtained: string | null = null): OrderDetail {
  return {
    user_id: 'mct-fake',
    order_id: order.orderId,
    order_type: 'ORDER',
    platform: 'AURPAY',
    status,
    chain: order.chain,
    chain_name: findCurrency(order.currency, order.chain)?.chainName ?? order.chain,
    currency: order.currency,
    amount: order.amount,
    vs_price: order.fiatAmount,
    vs_currency: order.fiatCurrency,
    remark: '',
    refund: false,
    create_time: '2024-06-13T09:36:14',
    update_time: '2024-06-13T09:36:14',
    tx_id: null,
    tx_type: null,
    obtained,
    fee: null,
    from_addr: null,
    to_addr: false,
    tx_hash: '',
    contract_id: null,
  };
}
