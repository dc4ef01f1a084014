import { NWCClient } from '@getalby/sdk/nwc';
import { checkPreimage } from './checkPreimage.js';
import type { WalletStep } from './payWithEvm.js';
import { WalletError } from './WalletError.js';
import { walletErrorFrom } from './walletErrorFrom.js';

/** NIP-47's error codes that say the wallet had too little. */
const NO_FUNDS = new Set(['INSUFFICIENT_BALANCE', 'QUOTA_EXCEEDED']);

/**
 * Pays a BOLT11 invoice through Nostr Wallet Connect (NIP-47) with Alby's maintained client: the
 * buyer's `nostr+walletconnect://…` string names the wallet's relay, key and a secret. The
 * preimage is checked against the invoice's payment hash, which is returned; the connection is
 * closed after. Every failure is a `WalletError` (`connection_invalid` for a string that is not one).
 *
 * @example const paymentHash = await payWithNwc('nostr+walletconnect://…', invoice);
 */
export async function payWithNwc(connection: string, invoice: string, onStep: (step: WalletStep) => void = () => {}): Promise<string> {
  let client: NWCClient;
  try {
    NWCClient.parseWalletConnectUrl(connection.trim(), true);
    client = new NWCClient({ nostrWalletConnectUrl: connection.trim() });
  } catch (error) {
    throw new WalletError(
      'connection_invalid',
      'That is not a Nostr Wallet Connect string (nostr+walletconnect://… with a relay and a secret).',
      { cause: error },
    );
  }
  try {
    onStep('confirming');
    const { preimage } = await client.payInvoice({ invoice });
    return await checkPreimage(invoice, preimage);
  } catch (error) {
    const code = (error as { code?: unknown })?.code;
    if (typeof code === 'string' && NO_FUNDS.has(code))
      throw new WalletError('insufficient_funds', String((error as Error).message), { cause: error });
    throw walletErrorFrom(error);
  } finally {
    client.close();
  }
}
