/**
 * Aurpay's documents say only that a failed signature check is answered with "the original
 * signing information"; they name the string `signature_origin` but not where the answer puts
 * it. So it is looked for under that name (in `data`, then at the top), then as any string in
 * `data` shaped like an origin, then inside `message`.
 */
const ORIGIN = /HMAC-SHA(?:256|3_256) \| \S+ \| [A-Z]+ \S+(?: \| [0-9a-fA-F]{32})?/;

function originText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return ORIGIN.exec(value)?.[0] ?? null;
}

/**
 * The `signature_origin` the gateway computed, found in an error envelope, or null.
 *
 * @example signatureOriginIn({ code: 40108, data: { signature_origin: 'HMAC-SHA256 | 2024-06-17T00:00:00Z | GET /api/bln/balance' } })
 */
export function signatureOriginIn(envelope: Record<string, unknown>): string | null {
  const data = envelope['data'];
  const fields = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  const named = fields['signature_origin'] ?? envelope['signature_origin'];
  if (typeof named === 'string') return named;
  for (const value of Object.values(fields)) {
    const found = originText(value);
    if (found !== null) return found;
  }
  return originText(envelope['message']);
}
