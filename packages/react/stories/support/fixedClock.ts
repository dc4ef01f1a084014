/**
 * Runs the page's clock from `iso` onwards (it keeps ticking), so countdowns and invoice expiry
 * look the same on every run. Returns the function that puts the real clock back.
 *
 * @example const restore = fixClock('2024-04-28T12:55:00Z');
 */
export function fixClock(iso: string): () => void {
  const RealDate = globalThis.Date;
  const offset = RealDate.parse(iso) - RealDate.now();
  if (Number.isNaN(offset)) throw new RangeError(`fixClock needs an ISO-8601 time, got ${iso}`);
  class StoryDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string]));
    }

    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = StoryDate as DateConstructor;
  return () => {
    globalThis.Date = RealDate;
  };
}
