import { describe, expect, it } from 'vitest';
import { decodeInvoice } from './decodeInvoice.js';
import type { AurpayKitError } from './errors.js';
import { TAG, joinInvoice, splitInvoice } from './test-utils/bolt11Words.js';
import { errorCode } from './test-utils/errorCode.js';

// The two invoices in Aurpay's API examples ("Create BLN Order" and the BLN order page).
const MAINNET =
  'lnbc190440n1pnzu3jcpp5vyvhqq2deguqqdcth5z0hslaawcd4jqv68n9w88fkc9yqm476fwsdp5xscrjcehv3jkyvpsvg6rgdpnxgungwp4x56njdm9xa3x2dfnxfsscqzzsxqyz5vqsp5cfk04pxdn64fe0hde6u2qpkw7eu3fdequ8vw7r4le4trr3mwryks9qyyssqlavvjxan9jqus8hpdztrtfp6v0t7saqflxp2srruzf8a3sta0lajwfacpnpfdz7eaagrvrzwzhcwma8f4x3rnzf9yq7z6f67pd8lxmqqsxf4hh';
const TESTNET =
  'lntb1554190n1pnzhprnpp5xtqfy2fuaucnpfw6yw7h4hap7t8rurt8f3qgkf369knf4zhwxjdqdp58yukydt9xs6nsc3hve3rgcmyvgunqwp3x3nrqetrxucnsdpsvfjscqzzsxqyz5vqsp5fs2adjrcrcded6nzc2g3wj56kku89uflg9nh0t4ry5avdasp7shq9qyyssqdjs3txpu2w482w55gpnzauqdd20qjg4x8276u2kje2295tk8wg73rgxna2pqrw5w60ra8cy2lnx6yvn5wcjzqy42p5rh9ap5ymhv2jgqmk3j9g';
// The invoice in the "Create BLN Withdraw" example: no amount, empty description.
const NO_AMOUNT =
  'lnbc1pnzusnspp500cnjqhkc8vhzysu5flta5r3354mhw6fwra6n6dxlrcjwum99t0sdqqcqzzgxqyz5vqrzjqwnvuc0u4txn35cafc7w94gxvq5p3cu9dd95f7hlrh0fvs46wpvhd59tt67suv0w3vqqqqryqqqqthqqpysp5qg253wxrjmjzycrgm09vkkhyhzl75622drjf4z2neuw4ldags33s9qrsgqk0q86t9mmhxp9vhc9z4ra3p0crhs8g7rjsksccdxp7sk6fwcul75ze7xav2fcn58rzqvweqt4yfle3x4h2f58c8maffqkwrzed7qx7cp6ytnn0';

/** The testnet invoice rebuilt with other fields or another prefix (checksum recomputed). */
function variant(change: (parts: ReturnType<typeof splitInvoice>) => void): string {
  const parts = splitInvoice(TESTNET);
  change(parts);
  return joinInvoice(parts);
}

describe('decodeInvoice', () => {
  it('decodes the mainnet example: 0.00019044 BTC, a day of expiry, payment_addr as its secret', () => {
    expect(decodeInvoice(MAINNET)).toEqual({
      network: 'mainnet',
      amountMsat: 19_044_000n,
      amountBtc: '0.00019044',
      timestamp: 1_714_308_696,
      expirySeconds: 86_400,
      expiresAt: 1_714_308_696 + 86_400,
      paymentHash: '611970014dca3800370bbd04fbc3fdebb0dac80cd1e6571ce9b60a406ebed25d',
      paymentSecret: 'c26cfa84cd9eaa9cbeedceb8a006cef67914b720e1d8ef0ebfcd5631c76e192d',
      description: '409c7deb00b4443294855597e7be532a',
    });
  });

  it('decodes the testnet example, whose timestamp is its order create_time read as UTC', () => {
    const invoice = decodeInvoice(TESTNET);
    expect(invoice).toMatchObject({
      network: 'testnet',
      amountMsat: 155_419_000n,
      amountBtc: '0.00155419',
      expirySeconds: 86_400,
      paymentHash: '32c092293cef3130a5da23bd7adfa1f2ce3e0d674c408b263a2da69a8aee349a',
      paymentSecret: '4c15d6c8781e1b96ea62c291174a9ab5b872f13f416777aea3253ac6f601f42e',
    });
    // create_time "2024-04-26T10:39:47"
    expect(invoice.timestamp).toBe(Date.UTC(2024, 3, 26, 10, 39, 47) / 1000);
    expect(invoice.expiresAt).toBe(invoice.timestamp + 86_400);
    expect(invoice.description).toMatch(/^[0-9a-f]{32}$/);
  });

  it('reads an invoice without an amount', () => {
    expect(decodeInvoice(NO_AMOUNT)).toMatchObject({
      network: 'mainnet',
      amountMsat: null,
      amountBtc: null,
      description: '',
      paymentHash: '7bf13902f6c1d971121ca27ebed0718d2bbbbb4970fba9e9a6f8f12773652adf',
    });
  });

  it.each([
    ['upper case', MAINNET.toUpperCase()],
    ['a lightning: prefix', `lightning:${MAINNET}`],
    ['an upper-case QR value', `LIGHTNING:${MAINNET.toUpperCase()}`],
    ['surrounding whitespace', `  ${MAINNET}\n`],
  ])('accepts %s', (_label, input) => {
    expect(decodeInvoice(input)).toEqual(decodeInvoice(MAINNET));
  });

  it.each([
    ['lntbs', 'signet'],
    ['lnbcrt', 'regtest'],
  ])('names the network of a %s invoice', (prefix, network) => {
    const invoice = variant((p) => {
      p.hrp = p.hrp.replace(/^lntb/, prefix);
    });
    expect(decodeInvoice(invoice).network).toBe(network);
  });

  it('uses the BOLT11 default of 3600 s when the invoice has no expiry field', () => {
    const invoice = decodeInvoice(variant((p) => (p.fields = p.fields.filter((f) => f.tag !== TAG.expiry))));
    expect(invoice.expirySeconds).toBe(3600);
    expect(invoice.expiresAt).toBe(invoice.timestamp + 3600);
  });

  it('gives null description and secret when the invoice has neither', () => {
    // 256 bits in 52 five-bit words: the last word's low four bits are padding and must be zero.
    const descriptionHash = { tag: TAG.descriptionHash, data: [...new Array<number>(51).fill(3), 16] };
    const invoice = decodeInvoice(
      variant((p) => {
        p.fields = p.fields.filter((f) => f.tag !== TAG.description && f.tag !== TAG.paymentSecret);
        p.fields.push(descriptionHash);
      }),
    );
    expect(invoice.description).toBeNull();
    expect(invoice.paymentSecret).toBeNull();
    expect(invoice.amountBtc).toBe('0.00155419');
  });

  const wrongChecksum = MAINNET.slice(0, -1) + (MAINNET.endsWith('h') ? 'q' : 'h');
  const flippedChar = MAINNET.slice(0, 60) + (MAINNET[60] === 'q' ? 'p' : 'q') + MAINNET.slice(61);
  it.each([
    ['empty', ''],
    ['whitespace', '   '],
    ['garbage', 'hello world'],
    ['only a prefix', 'lightning:'],
    ['a bare hrp', 'lnbc1'],
    ['a BIP21 URI', 'bitcoin:bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq'],
    ['a wrong checksum', wrongChecksum],
    ['a changed character', flippedChar],
    ['a truncated invoice', MAINNET.slice(0, 120)],
    ['mixed case', MAINNET.slice(0, 50).toUpperCase() + MAINNET.slice(50)],
    ['a character outside bech32', MAINNET.replace('pp5', 'pb5')],
    ['a bad amount multiplier', variant((p) => (p.hrp = 'lntb1554190x'))],
    ['a sub-millisatoshi pico amount', variant((p) => (p.hrp = 'lntb15p'))],
    ['a simnet prefix', variant((p) => (p.hrp = 'lnsb1554190n'))],
    ['an unknown network', variant((p) => (p.hrp = 'lnxy1554190n'))],
    ['no payment hash', variant((p) => (p.fields = p.fields.filter((f) => f.tag !== TAG.paymentHash)))],
  ])('rejects %s with invoice_invalid', (_label, input) => {
    expect(errorCode(() => decodeInvoice(input))).toBe('invoice_invalid');
  });

  it.each([[null], [undefined], [42], [{}], [[MAINNET]]])('rejects the non-string %j', (input) => {
    expect(errorCode(() => decodeInvoice(input as string))).toBe('invoice_invalid');
    expect(() => decodeInvoice(input as string)).toThrow(/must be a string/);
  });

  it('keeps the decoder message as the cause', () => {
    try {
      decodeInvoice(wrongChecksum);
      expect.unreachable();
    } catch (error) {
      expect((error as AurpayKitError).message).toMatch(/^Not a valid BOLT11 invoice/);
      expect((error as AurpayKitError).cause).toBeInstanceOf(Error);
    }
  });
});
