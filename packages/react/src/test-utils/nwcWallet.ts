import * as nip44 from 'nostr-tools/nip44';
import { finalizeEvent, generateSecretKey, getPublicKey } from 'nostr-tools/pure';
import type { NostrRelay } from './nostrRelay.js';

const INFO = 13194;
const REQUEST = 23194;
const RESPONSE = 23195;

/** What the wallet does with a `pay_invoice` request: a preimage, or a NIP-47 error. */
export type PayInvoice = (invoice: string) => Promise<{ preimage: string } | { error: { code: string; message: string } }>;

/**
 * A Nostr Wallet Connect wallet service (NIP-47, NIP-44 encryption) on a test relay: it publishes
 * its info event, answers `pay_invoice` with `pay`, and gives out a connection string.
 *
 * @example const wallet = nwcWallet(relay, async (invoice) => ({ preimage })); wallet.connection
 */
export function nwcWallet(relay: NostrRelay, pay: PayInvoice): { connection: string; requests: string[]; stop: () => void } {
  const walletKey = generateSecretKey();
  const walletPubkey = getPublicKey(walletKey);
  const clientKey = generateSecretKey();
  const requests: string[] = [];
  relay.publish(
    finalizeEvent(
      { kind: INFO, created_at: Math.floor(Date.now() / 1000), tags: [['encryption', 'nip44_v2']], content: 'pay_invoice get_info' },
      walletKey,
    ),
  );
  const stop = relay.onEvent((event) => {
    if (event.kind !== REQUEST || !event.tags.some(([name, value]) => name === 'p' && value === walletPubkey)) return;
    const key = nip44.getConversationKey(walletKey, event.pubkey);
    const request = JSON.parse(nip44.decrypt(event.content, key)) as { method: string; params: { invoice?: string } };
    requests.push(request.method);
    const answer = async () => {
      if (request.method !== 'pay_invoice' || !request.params.invoice)
        return { error: { code: 'NOT_IMPLEMENTED', message: request.method } };
      return pay(request.params.invoice);
    };
    void answer().then((result) => {
      const content = nip44.encrypt(
        JSON.stringify({ result_type: request.method, ...('error' in result ? { error: result.error } : { result }) }),
        key,
      );
      relay.publish(
        finalizeEvent(
          {
            kind: RESPONSE,
            created_at: Math.floor(Date.now() / 1000),
            tags: [
              ['p', event.pubkey],
              ['e', event.id],
            ],
            content,
          },
          walletKey,
        ),
      );
    });
  });
  const connection = `nostr+walletconnect://${walletPubkey}?relay=${encodeURIComponent(relay.url)}&secret=${Buffer.from(clientKey).toString('hex')}`;
  return { connection, requests, stop };
}
