import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { SANDBOX_ERROR_CODES as CODES } from '../http/sandboxErrorCodes.js';
import { startTestSandbox, type TestSandbox } from '../test-utils/sandboxClient.js';

// The body of Aurpay's "Create BLN Withdraw" example: an any-amount mainnet invoice and its amount.
const DOCUMENTED = {
  amount: 0.00017293,
  ln_invoices:
    'lnbc1pnzusnspp500cnjqhkc8vhzysu5flta5r3354mhw6fwra6n6dxlrcjwum99t0sdqqcqzzgxqyz5vqrzjqwnvuc0u4txn35cafc7w94gxvq5p3cu9dd95f7hlrh0fvs46wpvhd59tt67suv0w3vqqqqryqqqqthqqpysp5qg253wxrjmjzycrgm09vkkhyhzl75622drjf4z2neuw4ldags33s9qrsgqk0q86t9mmhxp9vhc9z4ra3p0crhs8g7rjsksccdxp7sk6fwcul75ze7xav2fcn58rzqvweqt4yfle3x4h2f58c8maffqkwrzed7qx7cp6ytnn0',
};

let sandbox: TestSandbox;

beforeEach(async () => {
  sandbox = await startTestSandbox();
  const order = (await sandbox.api('POST', '/api/bln/order', { body: { price: 20, currency: 'USD' } })).json.data;
  await sandbox.control('POST', `/_sandbox/orders/${order.order_id}/pay`);
});

afterEach(async () => {
  await sandbox.close();
});

describe('Lightning withdrawals', () => {
  it("bln/withdraw takes Aurpay's own example body: an any-amount invoice and its amount", async () => {
    const answer = await sandbox.api('POST', '/api/bln/withdraw', { body: DOCUMENTED });
    expect(answer.json.data).toMatchObject({ status: 'SUCCESS', amount: '0.00017293', fee: '0', balance: '0.00022708' });
    const asText = await sandbox.api('POST', '/api/bln/withdraw', { body: { ...DOCUMENTED, amount: '0.00002708' } });
    expect(asText.json.data).toMatchObject({ amount: '0.00002708', balance: '0.0002' });
  });

  it('POST /api/withdraw with chain BLN pays the invoice, given ln_invoices and the verify_code', async () => {
    const body = {
      chain: 'BLN',
      currency: 'BTC-LN',
      amount: DOCUMENTED.amount,
      ln_invoices: DOCUMENTED.ln_invoices,
      verify_code: sandbox.options.verifyCode,
    };
    const answer = await sandbox.api('POST', '/api/withdraw', { body });
    expect(answer.json.data).toMatchObject({
      type: 'WITHDRAW',
      status: 'SUCCESS',
      chain: 'BLN',
      currency: 'BTC-LN',
      amount: '0.00017293',
      balance: '0.00022708',
    });
    expect((await sandbox.api('GET', '/api/bln/balance')).json.data.balance).toBe('0.00022708');
    const txs = (await sandbox.api('GET', '/api/v2/tx?type=WITHDRAW')).json.data.data;
    expect(txs).toMatchObject([{ chain: 'BLN', currency: 'BTC-LN', amount: '0.00017293', tx_id: answer.json.data.tx_id }]);
  });

  it('refuses a wrong or missing verify_code, a disagreeing amount, and more than the balance', async () => {
    const base = { chain: 'BLN', currency: 'BTC-LN', amount: DOCUMENTED.amount, ln_invoices: DOCUMENTED.ln_invoices };
    expect((await sandbox.api('POST', '/api/withdraw', { body: base })).json).toMatchObject({
      code: CODES.fieldMissing,
      message: 'verify_code is required',
    });
    expect((await sandbox.api('POST', '/api/withdraw', { body: { ...base, verify_code: '999999' } })).json.code).toBe(
      CODES.verifyCodeInvalid,
    );
    const withAmount = (await sandbox.api('POST', '/api/bln/order', { body: { price: 1, currency: 'USD' } })).json.data.payment_request;
    const clash = await sandbox.api('POST', '/api/withdraw', { body: { ...base, ln_invoices: withAmount, verify_code: '000000' } });
    expect(clash.json).toMatchObject({ code: CODES.fieldInvalid, message: "amount 0.00017293 differs from the invoice's 0.00002001 BTC" });
    const tooMuch = await sandbox.api('POST', '/api/withdraw', { body: { ...base, amount: 1, verify_code: '000000' } });
    expect(tooMuch.json).toMatchObject({ code: CODES.insufficientBalance, message: 'Insufficient account balance' });
  });
});
