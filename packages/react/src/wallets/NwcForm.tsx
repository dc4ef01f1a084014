import { useId, useState } from 'react';
import type { WalletMessages } from './walletMessages.js';

/**
 * Nostr Wallet Connect: a disclosure with a field for the buyer's connection string, which is
 * used for this payment and kept nowhere.
 */
export function NwcForm({ texts, disabled, onPay }: { texts: WalletMessages; disabled: boolean; onPay: (connection: string) => void }) {
  const [open, setOpen] = useState(false);
  const [connection, setConnection] = useState('');
  const id = useId();
  if (!open) {
    return (
      <button type="button" className="aurpay-button" aria-expanded="false" disabled={disabled} onClick={() => setOpen(true)}>
        {texts.nwcOpen}
      </button>
    );
  }
  return (
    <form
      className="aurpay-nwc"
      onSubmit={(event) => {
        event.preventDefault();
        if (connection.trim()) onPay(connection);
      }}
    >
      <label htmlFor={`${id}-nwc`}>{texts.nwcLabel}</label>
      <input
        id={`${id}-nwc`}
        type="password"
        autoComplete="off"
        spellCheck={false}
        required
        aria-describedby={`${id}-hint`}
        value={connection}
        onChange={(event) => setConnection(event.target.value)}
      />
      <p id={`${id}-hint`} className="aurpay-detail">
        {texts.nwcHint}
      </p>
      <button type="submit" className="aurpay-button aurpay-primary" disabled={disabled}>
        {texts.nwcPay}
      </button>
    </form>
  );
}
