import { randomInt } from 'node:crypto';

/**
 * A new Aurpay-style order id: the UTC creation time as `YYYYMMDDHHMMSS` followed by six random
 * digits, 20 digits in all, unique among the ids `taken` reports.
 *
 * @example createOrderId(Date.UTC(2024, 5, 13, 9, 36, 14), () => false) // '20240613093614' + 6 digits
 */
export function createOrderId(ms: number, taken: (id: string) => boolean): string {
  const stamp = new Date(ms).toISOString().slice(0, 19).replace(/\D/g, '');
  for (let attempt = 0; attempt < 1000; attempt += 1) {
    const id = stamp + String(randomInt(0, 1_000_000)).padStart(6, '0');
    if (!taken(id)) return id;
  }
  throw new Error(`No free order id left for ${stamp}`);
}
