import { acceptedAnswer } from './acceptedAnswer.js';
import { AnswerReader } from './answerReader.js';
import type { Accepted, BlnOrder, BlnWithdrawal, PayInfo, PayUrl, Refund, Unread, Withdrawal } from './aurpayResults.js';

/**
 * Readers of the answers to calls that move money or create something, used once the gateway
 * accepted the call (envelope `code` 0): they never throw. What every documented shape of an
 * answer has is `required`; what only some shapes have is `optional` (null when absent). A
 * `result` other than `true` beside `code` 0 is listed as unreadable too.
 */

/** How the transport hands an accepted answer over: its `data` and the envelope's `result`. */
export interface AcceptedReading<T> {
  readAccepted: (data: unknown, result: unknown) => T;
}

function reading<T extends object>(read: (r: AnswerReader) => Unread<T>): AcceptedReading<Accepted<T>> {
  return {
    readAccepted(data, result) {
      const r = new AnswerReader(data);
      const fields = read(r);
      const unreadable = result === true ? r.unreadable : [...r.unreadable, 'result'];
      return acceptedAnswer<T>(fields, unreadable, data);
    },
  };
}

/** `pay-url`: `{ pay_url }`. */
export const readPayUrl = reading<PayUrl>((r) => ({ ...r.fields, pay_url: r.text('pay_url', 'required') }));

/** `pay-info`, as its description and example agree; `contract_addr` is absent or null for native coins. */
export const readPayInfo = reading<PayInfo>((r) => ({
  ...r.fields,
  order_id: r.orderId('order_id', 'required'),
  status: r.text('status', 'required'),
  amount: r.amount('amount', 'required'),
  create_time: r.text('create_time', 'required'),
  vs_currency: r.text('vs_currency', 'required'),
  vs_price: r.amount('vs_price', 'required'),
  address: r.text('address', 'required'),
  contract_addr: r.text('contract_addr', 'optional'),
  pay_url: r.text('pay_url', 'required'),
}));

/** `bln/order`: the example's shape, or the description's (number amount, no currency, no payment_addr). */
export const readBlnOrder = reading<BlnOrder>((r) => ({
  ...r.fields,
  order_id: r.orderId('order_id', 'required'),
  status: r.text('status', 'required'),
  amount: r.amount('amount', 'required'),
  create_time: r.text('create_time', 'required'),
  payment_request: r.text('payment_request', 'required'),
  pay_url: r.text('pay_url', 'required'),
  payment_addr: r.text('payment_addr', 'optional'),
  currency: r.text('currency', 'optional'),
}));

/** `bln/withdraw`: the example's shape, or the description's schema without `fee`. */
export const readBlnWithdrawal = reading<BlnWithdrawal>((r) => ({
  ...r.fields,
  user_id: r.text('user_id', 'required'),
  tx_id: r.text('tx_id', 'required'),
  type: r.text('type', 'required'),
  status: r.text('status', 'required'),
  chain: r.text('chain', 'required'),
  currency: r.text('currency', 'required'),
  amount: r.amount('amount', 'required'),
  fee: r.amount('fee', 'optional'),
  balance: r.amount('balance', 'required', { allowNegative: true }),
  update_time: r.text('update_time', 'required'),
}));

const REFUND_STATUS_KEYS = ['refund_status', 'refund_amount', 'refund_date'];

/** `refund`: the refund-info shape of the example, or the description's refund status. */
export const readRefund = reading<Refund>((r) => {
  if (REFUND_STATUS_KEYS.some((key) => r.has(key))) {
    return {
      ...r.fields,
      shape: 'refund-status',
      order_id: r.orderId('order_id', 'required'),
      refund_status: r.text('refund_status', 'required'),
      refund_amount: r.amount('refund_amount', 'required'),
      refund_date: r.text('refund_date', 'required'),
    };
  }
  return {
    ...r.fields,
    shape: 'refund-info',
    order_id: r.orderId('order_id', 'required'),
    chain: r.text('chain', 'required'),
    currency: r.text('currency', 'required'),
    amount: r.amount('amount', 'required'),
    network_fee: r.amount('network_fee', 'required'),
    obtained: r.amount('obtained', 'required'),
    from_addr: r.text('from_addr', 'required'),
    to_addr: r.text('to_addr', 'required'),
    refund_et: r.number('refund_et', 'required'),
  };
});

/** `withdraw`: no success answer is documented, so nothing is required; what is there is read. */
export const readWithdrawal = reading<Withdrawal>((r) => ({
  ...r.fields,
  tx_id: r.text('tx_id', 'optional'),
  status: r.text('status', 'optional'),
  chain: r.text('chain', 'optional'),
  currency: r.text('currency', 'optional'),
  amount: r.amount('amount', 'optional'),
  fee: r.amount('fee', 'optional'),
  balance: r.amount('balance', 'optional', { allowNegative: true }),
  update_time: r.text('update_time', 'optional'),
}));
