import { addAmounts, compareAmounts, subtractAmounts } from '@aurpay-kit/core';

import type { SandboxOrder } from '../orders/sandboxOrder.js';

/** Money that left the merchant's balance. */
export interface Withdrawal {
  txId: string;
  chain: string;
  currency: string;
  amount: string;
  toAddr: string | null;
  txHash: string | null;
  at: number;
}

/**
 * The merchant's balances: everything orders received (refunded orders excepted), less
 * withdrawals, per currency.
 *
 * @example ledger.balance('BTC-LN', orders.all()) // '0.0004'
 */
export class Ledger {
  readonly withdrawals: Withdrawal[] = [];

  balance(currency: string, orders: readonly SandboxOrder[]): string {
    let total = '0';
    for (const order of orders) {
      if (order.currency === currency && order.status !== 'REFUNDED') total = addAmounts(total, order.paid);
    }
    for (const withdrawal of this.withdrawals) {
      if (withdrawal.currency === currency) total = subtractAmounts(total, withdrawal.amount);
    }
    return compareAmounts(total, '0') < 0 ? '0' : total;
  }

  record(withdrawal: Withdrawal): void {
    this.withdrawals.push(withdrawal);
  }
}
