import { useState } from 'react';
import { useTexts } from './context.js';
import { fill } from './format.js';
import { invoiceDetails } from './invoiceDetails.js';

interface WebLN {
  enable(): Promise<unknown>;
  sendPayment(paymentRequest: string): Promise<unknown>;
}

const webln = () => (window as { webln?: WebLN }).webln;
// How wallets (Alby, Zeus, Mutiny…) word a buyer's refusal or a closed prompt.
const REFUSED = /reject|denied|declin|cancel|closed|abort/i;

/**
 * "Pay with browser wallet" through WebLN, loaded only when the page has `window.webln`. Once the
 * wallet says it sent, `onSent` gets the invoice's payment hash and the checkout shows the
 * payment sent and waiting for confirmation (the button goes with the view); only the server's
 * status says paid. A refusal and a failure each get their own message.
 */
export function WeblnButton({ paymentRequest, onSent }: { paymentRequest: string; onSent: (paymentHash: string | null) => void }) {
  const { messages } = useTexts();
  const [state, setState] = useState<{ step: 'idle' | 'paying' | 'failed'; problem?: string }>({ step: 'idle' });
  const pay = async () => {
    setState({ step: 'paying' });
    try {
      const wallet = webln()!;
      await wallet.enable();
      await wallet.sendPayment(paymentRequest);
      setState({ step: 'idle' });
      onSent(invoiceDetails(paymentRequest)?.paymentHash ?? null);
    } catch (error) {
      const reason = String((error as Error)?.message ?? error).slice(0, 160);
      setState({ step: 'failed', problem: REFUSED.test(reason) ? messages.weblnRejected : fill(messages.weblnFailed, { reason }) });
    }
  };
  return (
    <>
      <button
        type="button"
        className="aurpay-button aurpay-primary"
        data-state={state.step}
        disabled={state.step === 'paying'}
        onClick={pay}
      >
        {messages.webln}
      </button>
      {state.problem && (
        <p role="alert" className="aurpay-message aurpay-problem">
          {state.problem}
        </p>
      )}
    </>
  );
}
