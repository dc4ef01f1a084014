/**
 * Reads `read()` again every 10 ms until `done` holds for what it returned, and resolves with
 * that: for state another process or server changes, where there is no event to wait on. Fails
 * after `timeoutMs` (default 15 s), which only a broken sandbox reaches.
 *
 * @example const attempts = await eventually(() => callbacksOf(order), (list) => list.length === 2, 'the second attempt');
 */
export async function eventually<T>(read: () => T | Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}: last saw ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
