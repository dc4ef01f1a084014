import { createHash } from 'node:crypto';

import bolt11 from 'bolt11';
import { decode as lightDecode } from 'light-bolt11-decoder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { encodeBolt11 } from '../lightning/bolt11Encoder.js';
import { SANDBOX_ERROR_CODES as CODES } from '../http/sandboxErrorCodes.js';
import { startTestSandbox, type TestSandbox } from '../test-utils/sandboxClient.js';

let sandbox: TestSandbox;

beforeEach(async () => {
  sandbox = await startTestSandbox();
});

afterEach(async () => {
  await sandbox.close();
});

const TESTNET = { bech32: 'tb', pubKeyHash: 111, scriptHash: 196, validWitnessVersions: [0, 1] };

describe('POST /api/bln/order', () => {
  it('issues a real signed BOLT11 invoice for the order amount', async () => {
    const answer = await sandbox.api('POST', '/api/bln/order', {
      body: { price: 20, currency: 'USD', callback_url: 'https://shop.test/cb' },
    });
    const data = answer.json.data;
    expect(Object.keys(data)).toEqual([
      'order_id',
      'status',
      'amount',
      'create_time',
      'payment_request',
      'payment_addr',
      'pay_url',
      'currency',
    ]);
    expect(answer.text).toContain('"amount":"0.00040001"');
    expect(data).toMatchObject({ status: 'PENDING', currency: 'BTC-LN', pay_url: `${sandbox.url}/#/cashier/${data.order_id}` });
    expect(data.order_id).toMatch(/^\d{20}$/);
    expect(data.payment_request.startsWith('lntb400010n1')).toBe(true);

    const decoded = bolt11.decode(data.payment_request, TESTNET);
    expect(decoded.payeeNodeKey).toBe(sandbox.nodePublicKey);
    expect(decoded.millisatoshis).toBe('40001000');
    expect(decoded.timestamp).toBe(Date.parse(`${data.create_time}Z`) / 1000);
    expect(decoded.tagsObject.expire_time).toBe(86_400);
    expect(decoded.tagsObject.payment_secret).toBe(data.payment_addr);
    expect(decoded.tagsObject.description).toMatch(/^[0-9a-f]{32}$/);

    const control = (await sandbox.control('GET', `/_sandbox/orders/${data.order_id}`)).json.data;
    const preimage = Buffer.from(control.lightning.preimage, 'hex');
    expect(decoded.tagsObject.payment_hash).toBe(createHash('sha256').update(preimage).digest('hex'));
    expect(control.lightning.payment_hash).toBe(decoded.tagsObject.payment_hash);

    const sections = lightDecode(data.payment_request).sections;
    const value = (name: string) => (sections.find((s) => s.name === name) as { value?: unknown } | undefined)?.value;
    expect(value('amount')).toBe('40001000');
    expect(value('payment_secret')).toBe(data.payment_addr);
    expect(value('description')).toBe(decoded.tagsObject.description);
    expect(lightDecode(data.payment_request).expiry).toBe(86_400);
  });

  it('signs with the node key of its seed: same seed, same node', async () => {
    const twin = await startTestSandbox();
    const other = await startTestSandbox({ seed: 'another-seed', network: 'regtest' });
    try {
      expect(twin.nodePublicKey).toBe(sandbox.nodePublicKey);
      expect(other.nodePublicKey).not.toBe(sandbox.nodePublicKey);
      const invoice = (await other.api('POST', '/api/bln/order', { body: { price: 1, currency: 'USD' } })).json.data.payment_request;
      expect(invoice.startsWith('lnbcrt')).toBe(true);
      const decoded = bolt11.decode(invoice, { bech32: 'bcrt', pubKeyHash: 111, scriptHash: 196, validWitnessVersions: [0] });
      expect(decoded.payeeNodeKey).toBe(other.nodePublicKey);
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it('is also reachable through pay-info with chain BLN, the invoice as the address', async () => {
    const data = await sandbox.createOrder({ chain: 'BLN', currency: 'BTC-LN', vs_price: 10 });
    expect(data.contract_addr).toBeNull();
    expect(bolt11.decode(data.address as string, TESTNET).payeeNodeKey).toBe(sandbox.nodePublicKey);
  });

  it('validates price and currency', async () => {
    expect((await sandbox.api('POST', '/api/bln/order', { body: { currency: 'USD' } })).json.code).toBe(CODES.fieldMissing);
    expect((await sandbox.api('POST', '/api/bln/order', { body: { price: 1, currency: 'BTC' } })).json.code).toBe(
      CODES.currencyUnsupported,
    );
  });
});

describe('BLN balance and withdraw', () => {
  async function fundedSandbox(): Promise<string> {
    const order = (await sandbox.api('POST', '/api/bln/order', { body: { price: 20, currency: 'USD' } })).json.data;
    await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
    return order.amount;
  }

  function invoiceFor(amountBtc: string | null): string {
    const key = createHash('sha256').update('payer').digest();
    return encodeBolt11(
      {
        network: 'mainnet',
        amountBtc,
        timestamp: 1_700_000_000,
        paymentHash: new Uint8Array(32),
        paymentSecret: new Uint8Array(32),
        description: 'x',
        expirySeconds: 3600,
        minFinalCltvExpiry: 18,
      },
      key,
    );
  }

  it('adds paid Lightning orders to the balance and withdraws to an invoice', async () => {
    expect((await sandbox.api('GET', '/api/bln/balance')).json.data).toEqual({ balance: '0' });
    expect(await fundedSandbox()).toBe('0.00040001');
    expect((await sandbox.api('GET', '/api/bln/balance')).json.data).toEqual({ balance: '0.00040001' });
    const answer = await sandbox.api('POST', '/api/bln/withdraw', { body: { ln_invoices: invoiceFor('0.0001') } });
    expect(answer.json.data).toMatchObject({
      type: 'WITHDRAW',
      status: 'SUCCESS',
      chain: 'BLN',
      currency: 'BTC-LN',
      amount: '0.0001',
      fee: '0',
      balance: '0.00030001',
    });
    expect(answer.json.data.update_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    expect((await sandbox.api('GET', '/api/bln/balance')).json.data.balance).toBe('0.00030001');
  });

  it('takes the amount from the body for an any-amount invoice', async () => {
    await fundedSandbox();
    const missing = await sandbox.api('POST', '/api/bln/withdraw', { body: { ln_invoices: invoiceFor(null) } });
    expect(missing.json.code).toBe(CODES.fieldMissing);
    const ok = await sandbox.api('POST', '/api/bln/withdraw', { body: { ln_invoices: invoiceFor(null), amount: 0.00017293 } });
    expect(ok.json.data.amount).toBe('0.00017293');
    const clash = await sandbox.api('POST', '/api/bln/withdraw', { body: { ln_invoices: invoiceFor('0.0001'), amount: 0.0002 } });
    expect(clash.json.code).toBe(CODES.fieldInvalid);
  });

  it("answers Aurpay's 40005 when the balance is short, and rejects what is not an invoice", async () => {
    const short = await sandbox.api('POST', '/api/bln/withdraw', { body: { ln_invoices: invoiceFor('0.0001') } });
    expect(short.json).toMatchObject({ result: false, code: 40005, message: 'Insufficient account balance' });
    expect(short.json.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(short.json).not.toHaveProperty('data');
    for (const ln_invoices of ['lnbc1notaninvoice', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 42]) {
      const answer = await sandbox.api('POST', '/api/bln/withdraw', { body: { ln_invoices } });
      expect(answer.json.code).toBe(CODES.fieldInvalid);
    }
    expect((await sandbox.api('POST', '/api/bln/withdraw', { body: {} })).json.code).toBe(CODES.fieldMissing);
  });
});
