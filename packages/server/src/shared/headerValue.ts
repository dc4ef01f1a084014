/** Request headers: WHATWG `Headers`, or a Node-style record such as `req.headers` (any case, arrays allowed). */
export type HeaderSource = Headers | Readonly<Record<string, string | string[] | undefined>>;

/**
 * One header's value, its name matched without regard to case. `null` when it is absent;
 * `undefined` when a record carries it more than once (as several keys or an array of several),
 * which no header the kit reads allows.
 *
 * @example headerValue(req.headers, 'Idempotency-Key') // 'order-7f3…' | null | undefined
 */
export function headerValue(headers: HeaderSource, name: string): string | null | undefined {
  if (headers instanceof Headers) return headers.get(name);
  const wanted = name.toLowerCase();
  let found: string | string[] | undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (found !== undefined) return undefined;
    found = value;
  }
  if (found === undefined) return null;
  if (Array.isArray(found)) return found.length === 1 && typeof found[0] === 'string' ? found[0] : undefined;
  return typeof found === 'string' ? found : undefined;
}
