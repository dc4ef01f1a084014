import { AmountError, fromBaseUnits, toBaseUnits } from './amount.js';
import type { CurrencyInfo } from './currencies.js';
import { currencyInfo } from './currencies.js';
import { decodeInvoice } from './decodeInvoice.js';
import { AurpayKitError } from './errors.js';

/**
 * What a QR code encodes. `auto`: the safe default per currency. `address`: the bare address.
 * `uri`: the currency's wallet URI where one exists (BIP21, native EIP-681, `tron:`).
 * `token-transfer`: the EIP-681 ERC-20 transfer URI, which some wallets misread.
 */
export type QrFormat = 'auto' | 'address' | 'uri' | 'token-transfer';

export interface PaymentTarget {
  /** Aurpay currency code: `BTC`, `ETH`, `USDT-ERC20`… */
  currency: string;
  chain?: string;
  /** The address the buyer pays to. */
  address: string;
  /** In whole currency units (BTC, ETH, USDT), not base units. */
  amount: string | number;
}

export interface PaymentLink {
  /** A wallet link, or null where no URI is both standard and safe. */
  uri: string | null;
  /** What to encode in the QR code. */
  qrValue: string;
}

const BASE58 = '[1-9A-HJ-NP-Za-km-z]';
const BECH32 = '[02-9ac-hj-np-z]';
// Shape checks only: a wallet verifies checksums, and test networks' addresses must pass too.
const ADDRESS: Record<CurrencyInfo['scheme'], { bech32: RegExp | null; other: RegExp }> = {
  bitcoin: { bech32: new RegExp(`^(bc|tb|bcrt)1${BECH32}{8,87}$`), other: new RegExp(`^[132mn]${BASE58}{25,34}$`) },
  litecoin: {
    bech32: new RegExp(`^(ltc|tltc|rltc)1${BECH32}{8,87}$`),
    other: new RegExp(`^[LM3Q2mn]${BASE58}{25,34}$`),
  },
  ethereum: { bech32: null, other: /^0x[0-9a-fA-F]{40}$/ },
  tron: { bech32: null, other: new RegExp(`^T${BASE58}{33}$`) },
  lightning: { bech32: null, other: /$^/ },
};

function readAddress(info: CurrencyInfo, address: unknown): { address: string; bech32: boolean } {
  const rule = ADDRESS[info.scheme];
  if (typeof address === 'string') {
    const lower = address.toLowerCase();
    // bech32 is single-case; the URI carries it lower-case, the QR code upper-case.
    if (rule.bech32 && (address === lower || address === address.toUpperCase()) && rule.bech32.test(lower)) {
      return { address: lower, bech32: true };
    }
    if (rule.other.test(address)) return { address, bech32: false };
  }
  const shown = typeof address === 'string' ? JSON.stringify(address) : `a ${typeof address}`;
  throw new AurpayKitError('address_invalid', `Not a ${info.chain} address for ${info.currency}: ${shown}.`);
}

function lightningUnsupported(): AurpayKitError {
  return new AurpayKitError('currency_unsupported', 'paymentLink is for on-chain payments; use lightningLink(paymentRequest).');
}

function unsupportedFormat(info: CurrencyInfo, format: QrFormat): AurpayKitError {
  return new AurpayKitError('qr_format_unsupported', `qrFormat "${format}" does not apply to ${info.currency}.`);
}

/**
 * Builds the wallet link and QR value for an on-chain payment, per currency: BIP21 for BTC and
 * LTC, EIP-681 for ETH and BNB, the plain address for tokens (the EIP-681 transfer form only with
 * `qrFormat: 'token-transfer'`, since wallets have sent such payments to the token contract).
 * The amount is rounded up to the currency's decimals. Lightning invoices use `lightningLink`.
 *
 * @example
 * paymentLink({ currency: 'BTC', address: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', amount: '0.00019044' })
 * // { uri: 'bitcoin:bc1qar0…5mdq?amount=0.00019044', qrValue: 'bitcoin:BC1QAR0…5MDQ?amount=0.00019044' }
 */
export function paymentLink(target: PaymentTarget, options: { qrFormat?: QrFormat } = {}): PaymentLink {
  if (typeof target !== 'object' || target === null) {
    throw new AurpayKitError('payment_target_invalid', 'paymentLink needs { currency, address, amount }.');
  }
  const info = currencyInfo(target.currency, target.chain);
  const format = options?.qrFormat ?? 'auto';
  if (!['auto', 'address', 'uri', 'token-transfer'].includes(format)) {
    throw new AurpayKitError('qr_format_invalid', `Unknown qrFormat ${JSON.stringify(format)}.`);
  }
  if (info.kind === 'lightning') throw lightningUnsupported();
  const { address, bech32 } = readAddress(info, target.address);
  const units = toBaseUnits(target.amount, info.decimals);
  if (units === 0n) {
    throw new AmountError('amount_zero', 'A payment link needs an amount above zero.');
  }
  const plain = { uri: null, qrValue: address };

  switch (info.scheme) {
    case 'bitcoin':
    case 'litecoin': {
      if (format === 'token-transfer') throw unsupportedFormat(info, format);
      const query = `?amount=${fromBaseUnits(units, info.decimals)}`;
      const uri = `${info.scheme}:${address}${query}`;
      if (format === 'address') return { uri, qrValue: address };
      return { uri, qrValue: `${info.scheme}:${bech32 ? address.toUpperCase() : address}${query}` };
    }
    case 'ethereum': {
      if (info.kind === 'native') {
        if (format === 'token-transfer') throw unsupportedFormat(info, format);
        const uri = `ethereum:${address}@${info.chainId}?value=${units}`;
        return { uri, qrValue: format === 'address' ? address : uri };
      }
      if (format !== 'token-transfer') return plain;
      const uri = `ethereum:${info.contract}@${info.chainId}/transfer?address=${address}&uint256=${units}`;
      return { uri, qrValue: uri };
    }
    case 'tron': {
      if (format === 'token-transfer') throw unsupportedFormat(info, format);
      if (format !== 'uri') return plain;
      const uri = `tron:${address}?amount=${fromBaseUnits(units, info.decimals)}`;
      return { uri, qrValue: uri };
    }
    case 'lightning':
      throw lightningUnsupported();
    default:
      return info.scheme satisfies never;
  }
}

/**
 * The wallet link and QR value for a BOLT11 invoice. The QR value is upper case, which QR codes
 * store in their compact alphanumeric mode. A malformed invoice is `invoice_invalid`.
 *
 * @example
 * lightningLink('lnbc190440n1pnzu…')
 * // { uri: 'lightning:lnbc190440n1pnzu…', qrValue: 'LIGHTNING:LNBC190440N1PNZU…' }
 */
export function lightningLink(paymentRequest: string): { uri: string; qrValue: string } {
  decodeInvoice(paymentRequest);
  const invoice = paymentRequest
    .trim()
    .replace(/^lightning:/i, '')
    .toLowerCase();
  return { uri: `lightning:${invoice}`, qrValue: `LIGHTNING:${invoice.toUpperCase()}` };
}
