import { decode as decodeBip21 } from 'bip21';
import { parse as parseEthereumUrl } from 'eth-url-parser';
import { describe, expect, it } from 'vitest';
import { parseAmount } from './amount.js';
import type { PaymentTarget, QrFormat } from './paymentLink.js';
import { lightningLink, paymentLink } from './paymentLink.js';
import { errorCode } from './test-utils/errorCode.js';

const BTC_BECH32 = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
const BTC_TAPROOT = 'bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297';
const BTC_P2PKH = '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2';
const BTC_P2SH = '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy';
const BTC_TESTNET = 'tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx';
const BTC_TESTNET_LEGACY = 'mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn';
const LTC_BECH32 = 'ltc1qg42tkwuuxefutzxezdkdel39gfstuap288mfea';
const LTC_L = 'LVuDpNCSSj6pQ7t9Pv6d6sUkLKoqDEVUnJ';
const LTC_M = 'MGxNPPB7eBoWPUaprtX9v9CXJZoD2465zN';
const ETH = '0xde0B295669a9FD93d5F28D9Ec85E40f4cb697BAe';
const TRON = 'TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7';
const USDT_ERC20 = '0xdAC17F958D2ee523a2206206994597C13D831ec7';
const DAI_ERC20 = '0x6B175474E89094C44Da98b954EedeAC495271d0F';
const INVOICE =
  'lnbc190440n1pnzu3jcpp5vyvhqq2deguqqdcth5z0hslaawcd4jqv68n9w88fkc9yqm476fwsdp5xscrjcehv3jkyvpsvg6rgdpnxgungwp4x56njdm9xa3x2dfnxfsscqzzsxqyz5vqsp5cfk04pxdn64fe0hde6u2qpkw7eu3fdequ8vw7r4le4trr3mwryks9qyyssqlavvjxan9jqus8hpdztrtfp6v0t7saqflxp2srruzf8a3sta0lajwfacpnpfdz7eaagrvrzwzhcwma8f4x3rnzf9yq7z6f67pd8lxmqqsxf4hh';

describe('paymentLink: BIP21 for BTC and LTC', () => {
  it.each([
    ['BTC', BTC_BECH32, 'bitcoin', true],
    ['BTC', BTC_TAPROOT, 'bitcoin', true],
    ['BTC', BTC_TESTNET, 'bitcoin', true],
    ['BTC', BTC_P2PKH, 'bitcoin', false],
    ['BTC', BTC_P2SH, 'bitcoin', false],
    ['BTC', BTC_TESTNET_LEGACY, 'bitcoin', false],
    ['LTC', LTC_BECH32, 'litecoin', true],
    ['LTC', LTC_L, 'litecoin', false],
    ['LTC', LTC_M, 'litecoin', false],
  ])('%s %s: upper-cased in the QR only if bech32 (%s)', (currency, address, scheme, bech32) => {
    const link = paymentLink({ currency, address, amount: '0.00019044' });
    expect(link.uri).toBe(`${scheme}:${address}?amount=0.00019044`);
    const qrAddress = bech32 ? address.toUpperCase() : address;
    expect(link.qrValue).toBe(`${scheme}:${qrAddress}?amount=0.00019044`);
    expect(link.qrValue.startsWith(`${scheme}:`)).toBe(true);

    for (const value of [link.uri!, link.qrValue]) {
      const decoded = decodeBip21(value, scheme);
      expect(decoded.address.toLowerCase()).toBe(address.toLowerCase());
      expect(parseAmount(decoded.options.amount)).toBe('0.00019044');
    }
  });

  it('never changes the case of a base58 address, whose case is meaningful', () => {
    for (const address of [BTC_P2PKH, BTC_P2SH, LTC_L, LTC_M]) {
      const currency = address.startsWith('L') || address.startsWith('M') ? 'LTC' : 'BTC';
      expect(paymentLink({ currency, address, amount: '1' }).qrValue).toContain(address);
    }
  });

  it('takes an upper-case bech32 address and writes it lower-case in the URI', () => {
    const link = paymentLink({ currency: 'BTC', address: BTC_BECH32.toUpperCase(), amount: 0.5 });
    expect(link).toEqual({
      uri: `bitcoin:${BTC_BECH32}?amount=0.5`,
      qrValue: `bitcoin:${BTC_BECH32.toUpperCase()}?amount=0.5`,
    });
  });

  it('round-trips amounts through an independent BIP21 parser', () => {
    for (const amount of ['21000000', '0.00000001', '0.1', '1.23456789', 0.00155419]) {
      const { uri } = paymentLink({ currency: 'BTC', address: BTC_P2PKH, amount });
      expect(parseAmount(decodeBip21(uri!).options.amount)).toBe(parseAmount(amount));
    }
  });

  it('rounds an amount finer than a satoshi up, never down', () => {
    expect(paymentLink({ currency: 'BTC', address: BTC_P2PKH, amount: '0.000000001' }).uri).toBe(`bitcoin:${BTC_P2PKH}?amount=0.00000001`);
    expect(paymentLink({ currency: 'LTC', address: LTC_L, amount: '1.123456781' }).uri).toBe(`litecoin:${LTC_L}?amount=1.12345679`);
  });

  it('gives the bare address with qrFormat address, the URI with uri', () => {
    const target = { currency: 'BTC', address: BTC_BECH32, amount: '1' };
    expect(paymentLink(target, { qrFormat: 'address' })).toEqual({ uri: `bitcoin:${BTC_BECH32}?amount=1`, qrValue: BTC_BECH32 });
    expect(paymentLink(target, { qrFormat: 'uri' })).toEqual(paymentLink(target));
  });
});

describe('paymentLink: EIP-681 for ETH and BNB', () => {
  it.each([
    ['ETH', undefined, '1.5', '1', '1500000000000000000'],
    ['ETH', 'ETH', 0.1, '1', '100000000000000000'],
    ['BNB', 'BSC', '0.000000000000000001', '56', '1'],
    ['BNB', 'BSC', '25', '56', '25000000000000000000'],
  ])('%s on %s, %s: chain id %s, value %s wei', (currency, chain, amount, chainId, wei) => {
    const link = paymentLink({ currency, chain, address: ETH, amount });
    expect(link.uri).toBe(`ethereum:${ETH}@${chainId}?value=${wei}`);
    expect(link.qrValue).toBe(link.uri);
    const parsed = parseEthereumUrl(link.uri!);
    expect(parsed.target_address).toBe(ETH);
    expect(parsed.chain_id).toBe(chainId);
    expect(parsed.function_name).toBeUndefined();
    expect(parsed.parameters?.value).toBe(wei);
  });

  it('gives the bare address with qrFormat address', () => {
    expect(paymentLink({ currency: 'ETH', address: ETH, amount: '1' }, { qrFormat: 'address' })).toEqual({
      uri: `ethereum:${ETH}@1?value=1000000000000000000`,
      qrValue: ETH,
    });
  });
});

describe('paymentLink: ERC-20 tokens', () => {
  it.each<QrFormat | undefined>([undefined, 'auto', 'address', 'uri'])(
    'defaults to the plain address with no URI (qrFormat %s), as wallets misread token QR codes',
    (qrFormat) => {
      const link = paymentLink({ currency: 'USDT-ERC20', address: ETH, amount: '25' }, { qrFormat });
      expect(link).toEqual({ uri: null, qrValue: ETH });
    },
  );

  it.each([
    ['USDT-ERC20', USDT_ERC20, '25', '25000000'],
    ['USDC-ERC20', '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', '0.000001', '1'],
    ['DAI-ERC20', DAI_ERC20, '12.34', '12340000000000000000'],
  ])('opts in to the EIP-681 transfer for %s', (currency, contract, amount, units) => {
    const link = paymentLink({ currency, chain: 'ETH', address: ETH, amount }, { qrFormat: 'token-transfer' });
    expect(link.uri).toBe(`ethereum:${contract}@1/transfer?address=${ETH}&uint256=${units}`);
    expect(link.qrValue).toBe(link.uri);
    const parsed = parseEthereumUrl(link.uri!);
    expect(parsed.target_address).toBe(contract);
    expect(parsed.chain_id).toBe('1');
    expect(parsed.function_name).toBe('transfer');
    expect(parsed.parameters).toEqual({ address: ETH, uint256: units });
  });

  it('rounds token amounts up to the token decimals', () => {
    const link = paymentLink({ currency: 'USDT-ERC20', address: ETH, amount: '1.0000001' }, { qrFormat: 'token-transfer' });
    expect(parseEthereumUrl(link.uri!).parameters?.uint256).toBe('1000001');
  });
});

describe('paymentLink: TRC-20 tokens', () => {
  it('defaults to the address with no URI', () => {
    expect(paymentLink({ currency: 'USDT-TRC20', address: TRON, amount: '25' })).toEqual({ uri: null, qrValue: TRON });
    expect(paymentLink({ currency: 'USDC-TRC20', chain: 'TRX', address: TRON, amount: '1' }, { qrFormat: 'address' })).toEqual({
      uri: null,
      qrValue: TRON,
    });
  });

  it('gives tron:<addr>?amount= with qrFormat uri', () => {
    const uri = `tron:${TRON}?amount=25.5`;
    expect(paymentLink({ currency: 'USDT-TRC20', address: TRON, amount: '25.50' }, { qrFormat: 'uri' })).toEqual({ uri, qrValue: uri });
  });
});

describe('paymentLink: bad input', () => {
  const good: PaymentTarget = { currency: 'BTC', address: BTC_BECH32, amount: '1' };
  it.each<[string, PaymentTarget, string]>([
    ['an empty address', { ...good, address: '' }, 'address_invalid'],
    ['an Ethereum address for BTC', { ...good, address: ETH }, 'address_invalid'],
    ['a Litecoin address for BTC', { ...good, address: LTC_L }, 'address_invalid'],
    ['a BTC address for LTC', { ...good, currency: 'LTC', address: BTC_BECH32 }, 'address_invalid'],
    ['a mixed-case bech32 address', { ...good, address: 'bc1QAR0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' }, 'address_invalid'],
    ['a bech32 address with "b"', { ...good, address: 'bc1qbr0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' }, 'address_invalid'],
    ['a base58 address with "0"', { ...good, address: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN0' }, 'address_invalid'],
    ['a base58 address with "l"', { ...good, address: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVNl' }, 'address_invalid'],
    ['a too-long base58 address', { ...good, address: `${BTC_P2PKH}abc` }, 'address_invalid'],
    ['surrounding space', { ...good, address: ` ${BTC_BECH32}` }, 'address_invalid'],
    ['a short hex address', { ...good, currency: 'ETH', address: ETH.slice(0, -1) }, 'address_invalid'],
    ['a hex address without 0x', { ...good, currency: 'ETH', address: ETH.slice(2) }, 'address_invalid'],
    ['a BTC address for an ERC-20', { ...good, currency: 'USDT-ERC20', address: BTC_P2PKH }, 'address_invalid'],
    ['an Ethereum address for TRC-20', { ...good, currency: 'USDT-TRC20', address: ETH }, 'address_invalid'],
    ['a short TRON address', { ...good, currency: 'USDT-TRC20', address: TRON.slice(0, -1) }, 'address_invalid'],
    ['a non-string address', { ...good, address: 42 as unknown as string }, 'address_invalid'],
    ['an unknown currency', { ...good, currency: 'SHIB-ERC20' }, 'currency_unsupported'],
    ['a currency on the wrong chain', { ...good, currency: 'BNB', chain: 'ETH' }, 'currency_unsupported'],
    ['Lightning', { ...good, currency: 'BTC-LN', address: INVOICE }, 'currency_unsupported'],
    ['a zero amount', { ...good, amount: '0' }, 'amount_zero'],
    ['a negative amount', { ...good, amount: '-1' }, 'amount_negative'],
    ['a malformed amount', { ...good, amount: '1.' }, 'amount_invalid'],
    ['an exponent amount string', { ...good, amount: '1e-3' }, 'amount_exponent_not_allowed'],
    ['a NaN amount', { ...good, amount: Number.NaN }, 'amount_not_finite'],
  ])('rejects %s', (_label, target, code) => {
    expect(errorCode(() => paymentLink(target))).toBe(code);
  });

  it.each([
    ['BTC', BTC_BECH32],
    ['ETH', ETH],
    ['USDT-TRC20', TRON],
  ])('rejects qrFormat token-transfer for %s', (currency, address) => {
    expect(errorCode(() => paymentLink({ currency, address, amount: '1' }, { qrFormat: 'token-transfer' }))).toBe('qr_format_unsupported');
  });

  it('rejects an unknown qrFormat and a missing target', () => {
    expect(errorCode(() => paymentLink(good, { qrFormat: 'qr' as QrFormat }))).toBe('qr_format_invalid');
    expect(errorCode(() => paymentLink(null as unknown as PaymentTarget))).toBe('payment_target_invalid');
  });

  it('names the address and currency in the message', () => {
    expect(() => paymentLink({ ...good, address: ETH })).toThrow(`Not a BTC address for BTC: "${ETH}".`);
  });
});

describe('lightningLink', () => {
  it('gives lightning:<bolt11> and the upper-case QR value', () => {
    expect(lightningLink(INVOICE)).toEqual({
      uri: `lightning:${INVOICE}`,
      qrValue: `LIGHTNING:${INVOICE.toUpperCase()}`,
    });
    expect(lightningLink(INVOICE).uri).not.toContain('//');
  });

  it.each([INVOICE.toUpperCase(), `lightning:${INVOICE}`, `LIGHTNING:${INVOICE.toUpperCase()}`])('normalizes %s', (input) => {
    expect(lightningLink(input)).toEqual(lightningLink(INVOICE));
  });

  it.each([[''], ['lnbc1'], [INVOICE.slice(0, -1)], [BTC_BECH32], [null], [42]])('rejects %j', (input) => {
    expect(errorCode(() => lightningLink(input as string))).toBe('invoice_invalid');
  });
});
