import { checkPreimage } from './checkPreimage.js';
import type { WalletStep } from './payWithEvm.js';
import { walletErrorFrom } from './walletErrorFrom.js';

/** A WebLN browser wallet (`window.webln`). */
export interface WeblnLike {
  enable(): Promise<unknown>;
  sendPayment(paymentRequest: string): Promise<{ preimage?: unknown } | undefined>;
}

/**
 * Pays a BOLT11 invoice with a WebLN wallet and checks its preimage against the invoice's
 * payment hash, which it returns. Every failure is a `WalletError`.
 *
 * @example const paymentHash = await payWithWebln(window.webln, invoice);
 */
export async function payWithWebln(webln: WeblnLike, invoice: string, onStep: (step: WalletStep) => void = () => {}): Promise<string> {
  try {
    onStep('connecting');
    await webln.enable();
    onStep('confirming');
    const answer = await webln.sendPayment(invoice);
    return await checkPreimage(invoice, answer?.preimage);
  } catch (error) {
    throw walletErrorFrom(error);
  }
}
