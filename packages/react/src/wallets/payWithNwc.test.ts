// @vitest-environment node
import { createHash } from 'node:crypto';
import { startSandbox } from '@aurpay-kit/sandbox';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NostrRelay } from '../test-utils/nostrRelay.js';
import { startNostrRelay } from '../test-utils/nostrRelay.js';
import { nwcWallet } from '../test-utils/nwcWallet.js';
import { WalletError } from './WalletError.js';

// Alby's client reads the global WebSocket when it loads, as in a browser: Node 20 has none.
Object.assign(globalThis, { WebSocket });
const { payWithNwc } = await import('./payWithNwc.js');

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let relay: NostrRelay;

beforeAll(async () => {
  [sandbox, relay] = await Promise.all([startSandbox({ port: 0, quiet: true }), startNostrRelay()]);
});
afterAll(async () => {
  await Promise.all([sandbox?.close(), relay?.close()]);
});

interface ControlOrder {
  order_id: string;
  status: string;
  lightning: { payment_request: string; payment_hash: string; preimage: string };
}

async function control(path: string, method = 'GET'): Promise<ControlOrder> {
  const response = await fetch(`${sandbox.url}/_sandbox/orders/${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: method === 'POST' ? '{}' : undefined,
  });
  return ((await response.json()) as { data: ControlOrder }).data;
}

/** A Lightning order at the sandbox: a real, signed BOLT11 invoice. */
async function lightningOrder(): Promise<ControlOrder> {
  const response = await fetch(`${sandbox.url}/api/bln/order`, {
    method: 'POST',
    headers: { 'API-Key': sandbox.options.lightningApiKey, 'Content-Type': 'application/json' },
    body: JSON.stringify({ price: 10, currency: 'USD' }),
  });
  const { data } = (await response.json()) as { data: { order_id: string } };
  return control(data.order_id);
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof WalletError ? error.code : String(error)),
  );

describe('payWithNwc against a Nostr relay and a NIP-47 wallet on loopback', () => {
  it("pays a sandbox invoice; the wallet's preimage hashes to the invoice's payment hash", async () => {
    const order = await lightningOrder();
    // The wallet pays the invoice (the sandbox settles it) and answers with the preimage it learnt.
    const wallet = nwcWallet(relay, async (invoice) => {
      expect(invoice).toBe(order.lightning.payment_request);
      const paid = await control(`${order.order_id}/pay`, 'POST');
      return { preimage: paid.lightning.preimage };
    });
    try {
      const paymentHash = await payWithNwc(wallet.connection, order.lightning.payment_request);
      expect(paymentHash).toBe(order.lightning.payment_hash);
      const settled = await control(order.order_id);
      expect(settled.status).toBe('SUCCESS');
      expect(createHash('sha256').update(Buffer.from(settled.lightning.preimage, 'hex')).digest('hex')).toBe(paymentHash);
      expect(wallet.requests).toEqual(['pay_invoice']);
    } finally {
      wallet.stop();
    }
  });

  it('refuses a preimage that does not fit the invoice', async () => {
    const order = await lightningOrder();
    const wallet = nwcWallet(relay, async () => ({ preimage: 'ab'.repeat(32) }));
    try {
      await expect(codeOf(payWithNwc(wallet.connection, order.lightning.payment_request))).resolves.toBe('preimage_mismatch');
    } finally {
      wallet.stop();
    }
  });

  it("words the wallet's refusals: too little balance, anything else", async () => {
    const order = await lightningOrder();
    const poor = nwcWallet(relay, async () => ({ error: { code: 'INSUFFICIENT_BALANCE', message: 'Not enough sats' } }));
    const broken = nwcWallet(relay, async () => ({ error: { code: 'INTERNAL', message: 'Route not found' } }));
    try {
      await expect(codeOf(payWithNwc(poor.connection, order.lightning.payment_request))).resolves.toBe('insufficient_funds');
      await expect(codeOf(payWithNwc(broken.connection, order.lightning.payment_request))).resolves.toBe('failed');
    } finally {
      poor.stop();
      broken.stop();
    }
  });

  it('refuses a string that is not a connection, before any network', async () => {
    for (const connection of [
      '',
      'https://example.com',
      'nostr+walletconnect://abc',
      `nostr+walletconnect://${'a'.repeat(64)}?relay=${relay.url}`,
    ]) {
      await expect(codeOf(payWithNwc(connection, 'lnbc1'))).resolves.toBe('connection_invalid');
    }
  });
});
