/**
 * How long a test waits for something that happens as soon as the machine gets to it (a
 * callback, an event, a status written by another process): generous, because a loaded machine
 * is slow, and never an expectation of speed, since each wait ends as soon as its check holds.
 *
 * @example await vi.waitFor(() => expect(sse.events).toHaveLength(1), SETTLE);
 */
export const SETTLE = { timeout: 15_000, interval: 20 } as const;
