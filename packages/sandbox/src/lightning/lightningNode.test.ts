import { createHash } from 'node:crypto';

import bolt11 from 'bolt11';
import { describe, expect, it } from 'vitest';

import { LightningNode } from './lightningNode.js';

describe('LightningNode', () => {
  it('derives one node key per seed', () => {
    expect(new LightningNode('a', 'testnet').publicKey).toBe(new LightningNode('a', 'mainnet').publicKey);
    expect(new LightningNode('a', 'testnet').publicKey).not.toBe(new LightningNode('b', 'testnet').publicKey);
  });

  it('issues invoices whose secrets fit together and whose signature recovers to the node', () => {
    const node = new LightningNode('seed', 'mainnet');
    const createdAt = Date.UTC(2024, 3, 28, 12, 0, 0, 750);
    const invoice = node.issueInvoice({ amountBtc: '0.00019044', createdAt });
    expect(invoice.paymentRequest.startsWith('lnbc190440n1')).toBe(true);
    expect(invoice.paymentHash).toBe(createHash('sha256').update(Buffer.from(invoice.preimage, 'hex')).digest('hex'));
    expect(invoice.description).toMatch(/^[0-9a-f]{32}$/);
    const decoded = bolt11.decode(invoice.paymentRequest);
    expect(decoded.payeeNodeKey).toBe(node.publicKey);
    expect(decoded.timestamp).toBe(Date.UTC(2024, 3, 28, 12, 0, 0) / 1000);
    expect(decoded.tagsObject.payment_secret).toBe(invoice.paymentSecret);
    expect(decoded.tagsObject.payment_hash).toBe(invoice.paymentHash);
  });

  it('never repeats a preimage, secret or description', () => {
    const node = new LightningNode('seed', 'testnet');
    const a = node.issueInvoice({ amountBtc: '0.001', createdAt: 0 });
    const b = node.issueInvoice({ amountBtc: '0.001', createdAt: 0 });
    expect([a.preimage, a.paymentSecret, a.description]).not.toContain(b.preimage);
    expect(a.paymentSecret).not.toBe(b.paymentSecret);
    expect(a.description).not.toBe(b.description);
  });
});
