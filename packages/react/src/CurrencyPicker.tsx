import type { CheckoutCurrency } from '@aurpay-kit/core';
import { useId } from 'react';
import { useTexts } from './context.js';
import { CurrencyLogo } from './CurrencyLogo.js';
import { networkName, networkOf, tokenOf } from './format.js';

/** The server's currencies grouped by network, in the order given, each with its logos. */
export function CurrencyPicker({
  currencies,
  choose,
}: {
  currencies: readonly CheckoutCurrency[];
  choose: (currency: CheckoutCurrency) => void;
}) {
  const { messages } = useTexts();
  const id = useId();
  const networks: [string, CheckoutCurrency[]][] = [];
  for (const entry of currencies) {
    const group = networks.find(([chain]) => chain === entry.chain);
    if (group) group[1].push(entry);
    else networks.push([entry.chain, [entry]]);
  }
  return (
    <div role="group" aria-label={messages.idle} className="aurpay-picker">
      {networks.map(([chain, list]) => (
        <div key={chain} role="group" aria-labelledby={`${id}-${chain}`} className="aurpay-network">
          <p id={`${id}-${chain}`} className="aurpay-network-name">
            <CurrencyLogo chain={chain} size={20} />
            {networkName(chain)}
          </p>
          {list.map(({ currency }) => (
            <button key={currency} type="button" className="aurpay-button aurpay-choice" onClick={() => choose({ chain, currency })}>
              <CurrencyLogo currency={currency} />
              {tokenOf(currency)} <small>{networkOf(chain, currency)}</small>
            </button>
          ))}
        </div>
      ))}
    </div>
  );
}
