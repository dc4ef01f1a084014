import { Amount } from './Amount.js';

/** One line of what is being bought. */
export interface LineItem {
  label: string;
  /** Shown as "× 2" when above 1. */
  quantity?: number;
  /** The line's price, a decimal string in `currency` (ISO 4217). */
  amount?: string;
  currency?: string;
}

/** Who is paid and for what: the checkouts' merchant props. */
export interface MerchantDetails {
  /** The shop's name and logo, at the top and in "Contact …". */
  merchant?: { name: string; logoUrl?: string };
  /** What is being bought, in a sentence. */
  description?: string;
  lineItems?: readonly LineItem[];
}

/** The shop, the description and the line items above a checkout, when given. */
export function MerchantSummary({ merchant, description, lineItems }: MerchantDetails) {
  if (!merchant && !description && !lineItems?.length) return null;
  return (
    <div className="aurpay-summary">
      {merchant && (
        <p className="aurpay-merchant">
          {merchant.logoUrl && <img src={merchant.logoUrl} alt="" width={32} height={32} />}
          {merchant.name}
        </p>
      )}
      {description && <p className="aurpay-description">{description}</p>}
      {lineItems && lineItems.length > 0 && (
        <ul className="aurpay-items">
          {lineItems.map((item, i) => (
            <li key={i}>
              <span>
                {item.label}
                {(item.quantity ?? 1) > 1 && ` × ${item.quantity}`}
              </span>{' '}
              {item.amount && item.currency && <Amount value={item.amount} currency={item.currency} fiat />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
