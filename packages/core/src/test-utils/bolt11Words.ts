/**
 * A small bech32 codec and BOLT11 field splitter for building test invoices: the same signed
 * data under another network prefix, or with a field removed. Checksums are recomputed; node
 * signatures are not (the decoder under test does not check them).
 */
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

function polymod(values: number[]): number {
  let chk = 1;
  for (const value of values) {
    const top = chk >>> 25;
    chk = ((chk & 0x1ffffff) << 5) ^ value;
    GENERATORS.forEach((g, i) => {
      if ((top >>> i) & 1) chk ^= g;
    });
  }
  return chk;
}

function expandHrp(hrp: string): number[] {
  const codes = [...hrp].map((c) => c.charCodeAt(0));
  return [...codes.map((c) => c >>> 5), 0, ...codes.map((c) => c & 31)];
}

export function bech32Decode(text: string): { hrp: string; words: number[] } {
  const at = text.lastIndexOf('1');
  const hrp = text.slice(0, at);
  const data = [...text.slice(at + 1)].map((c) => CHARSET.indexOf(c));
  if (data.includes(-1) || polymod([...expandHrp(hrp), ...data]) !== 1) throw new Error('bad bech32');
  return { hrp, words: data.slice(0, -6) };
}

export function bech32Encode(hrp: string, words: number[]): string {
  const mod = polymod([...expandHrp(hrp), ...words, 0, 0, 0, 0, 0, 0]) ^ 1;
  const checksum = [0, 1, 2, 3, 4, 5].map((i) => (mod >>> (5 * (5 - i))) & 31);
  return `${hrp}1${[...words, ...checksum].map((w) => CHARSET[w]).join('')}`;
}

export interface Bolt11Parts {
  hrp: string;
  timestamp: number[];
  fields: { tag: number; data: number[] }[];
  signature: number[];
}

export function splitInvoice(invoice: string): Bolt11Parts {
  const { hrp, words } = bech32Decode(invoice);
  const signature = words.slice(-104);
  const body = words.slice(7, -104);
  const fields: Bolt11Parts['fields'] = [];
  for (let i = 0; i < body.length;) {
    const length = (body[i + 1] ?? 0) * 32 + (body[i + 2] ?? 0);
    fields.push({ tag: body[i] ?? 0, data: body.slice(i + 3, i + 3 + length) });
    i += 3 + length;
  }
  return { hrp, timestamp: words.slice(0, 7), fields, signature };
}

export function joinInvoice(parts: Bolt11Parts): string {
  const body = parts.fields.flatMap((f) => [f.tag, f.data.length >>> 5, f.data.length & 31, ...f.data]);
  return bech32Encode(parts.hrp, [...parts.timestamp, ...body, ...parts.signature]);
}

/** BOLT11 tag numbers (the bech32 character's value). */
export const TAG = { paymentHash: 1, description: 13, descriptionHash: 23, expiry: 6, paymentSecret: 16 } as const;
