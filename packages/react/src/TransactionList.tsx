import type { CheckoutDetails } from '@aurpay-kit/core';
import { explorerUrl, findCurrency } from '@aurpay-kit/core';
import { useTexts } from './context.js';
import { fill, shortHash } from './format.js';

/**
 * The order's transactions: each hash, shortened, linked to its block explorer page (a new tab)
 * where the chain has one, with its confirmations where known.
 */
export function TransactionList({ order }: { order: CheckoutDetails }) {
  const { messages, explorers, locale } = useTexts();
  const transactions = order.transactions ?? [];
  if (transactions.length === 0) return null;
  const chain = order.chain ?? findCurrency(order.currency)?.chain ?? '';
  const count = new Intl.NumberFormat(locale, { numberingSystem: 'latn' });
  return (
    <ul className="aurpay-txs">
      {transactions.map(({ hash, confirmations }) => {
        const url = explorerUrl(chain, hash, explorers);
        const name = (
          <>
            <span className="aurpay-sr">{messages.transaction} </span>
            <code dir="ltr">{shortHash(hash)}</code>
          </>
        );
        return (
          <li key={hash}>
            {url ? (
              <a href={url} target="_blank" rel="noopener noreferrer">
                {name}
              </a>
            ) : (
              name
            )}
            {confirmations !== null && confirmations > 0 && (
              <span className="aurpay-confirmations"> {fill(messages.confirmations, { count: count.format(confirmations) })}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}
