/**
 * Keys whose bare JSON numbers are read as their exact source text: money, and identifiers that
 * may exceed 2^53 (Aurpay's 20-digit `order_id`).
 */
const EXACT_KEYS = new Set([
  'order_id',
  'user_id',
  'tx_id',
  'amount',
  'vs_price',
  'price',
  'obtained',
  'fee',
  'network_fee',
  'balance',
  'refund_amount',
]);

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

function isWhitespace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/** The index just past the string literal opening at `start`, or -1 when it never closes. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === '"') return i + 1;
  }
  return -1;
}

function mustQuote(literal: string, key: string | null): boolean {
  if (key !== null && EXACT_KEYS.has(key)) return true;
  // An integer beyond 2^53 would be rounded by JSON.parse, whatever it is called.
  return /^-?\d{16,}$/.test(literal) && !Number.isSafeInteger(Number(literal));
}

/**
 * Rewrites gateway JSON so that numbers `JSON.parse` would round, or that carry money, become
 * strings holding their exact source text: `"order_id": 20240613093614690315` becomes
 * `"order_id": "20240613093614690315"` and `"amount": 18.0098` becomes `"amount": "18.0098"`.
 * Text that is not valid JSON is left for `JSON.parse` to reject.
 */
export function quoteExactNumbers(text: string): string {
  let out = '';
  let copied = 0;
  let lastString: string | null = null;
  let key: string | null = null;
  let prev = '';
  for (let i = 0; i < text.length;) {
    const ch = text[i] as string;
    if (ch === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return text;
      lastString = text.slice(i + 1, end - 1);
      prev = '"';
      i = end;
      continue;
    }
    if (ch === ':') {
      // Keys are plain ASCII field names here; an escaped key simply never matches EXACT_KEYS.
      key = prev === '"' ? lastString : null;
    } else if (ch === '-' || (ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = i;
      const match = NUMBER.exec(text);
      if (match === null) return text;
      const literal = match[0];
      if (mustQuote(literal, prev === ':' ? key : null)) {
        out += `${text.slice(copied, i)}"${literal}"`;
        copied = i + literal.length;
      }
      prev = '0';
      i += literal.length;
      continue;
    }
    if (!isWhitespace(ch)) prev = ch;
    i++;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * `JSON.parse` for gateway answers, losing no digit of money or identifiers.
 *
 * @example parseGatewayJson('{"order_id":20240613093614690315}') // { order_id: '20240613093614690315' }
 */
export function parseGatewayJson(text: string): unknown {
  return JSON.parse(quoteExactNumbers(text));
}
