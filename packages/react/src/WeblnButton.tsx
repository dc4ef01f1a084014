import { useState, useSyncExternalStore } from 'react';
import { useTexts } from './context.js';

interface WebLN {
  enable(): Promise<unknown>;
  sendPayment(paymentRequest: string): Promise<unknown>;
}

const webln = () => (window as { webln?: WebLN }).webln;
const ignore = () => () => {};
// Known only in the browser: the server and the hydrating render both see no wallet.
const hasWallet = () => Boolean(webln());
const serverHasWallet = () => false;

/**
 * "Pay with browser wallet" through WebLN, shown only when the page has `window.webln`. A sent
 * payment changes nothing on screen: only the server's status says paid.
 */
export function WeblnButton({ paymentRequest }: { paymentRequest: string }) {
  const { messages } = useTexts();
  const available = useSyncExternalStore(ignore, hasWallet, serverHasWallet);
  const [state, setState] = useState<'idle' | 'paying' | 'failed'>('idle');
  if (!available) return null;
  const pay = async () => {
    setState('paying');
    try {
      const wallet = webln()!;
      await wallet.enable();
      await wallet.sendPayment(paymentRequest);
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <>
      <button
        type="button"
        className="aurpay-button aurpay-primary"
        data-state={state}
        disabled={state === 'paying'}
        onClick={pay}
      >
        {messages.webln}
      </button>
      {state === 'failed' && (
        <p role="alert" className="aurpay-message">
          {messages.error}
        </p>
      )}
    </>
  );
}
