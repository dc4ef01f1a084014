import { afterEach, describe, expect, it, vi } from 'vitest';
import { abortableSleep, backoffDelay } from './retryBackoff.js';

describe('backoffDelay', () => {
  it('stays within [half, full] of the doubling ceiling, capped at 5 s', () => {
    expect(backoffDelay(0, () => 0)).toBe(100);
    expect(backoffDelay(0, () => 1)).toBe(200);
    expect(backoffDelay(1, () => 0.5)).toBe(300);
    expect(backoffDelay(2, () => 1)).toBe(800);
    expect(backoffDelay(10, () => 1)).toBe(5_000);
    expect(backoffDelay(10, () => 0)).toBe(2_500);
  });
});

describe('abortableSleep', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves after the delay', async () => {
    vi.useFakeTimers();
    let done = false;
    const sleeping = abortableSleep(300, new AbortController().signal).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(299);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await sleeping;
    expect(done).toBe(true);
  });

  it('rejects with the abort reason, at once or when aborted', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const sleeping = abortableSleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    await expect(abortableSleep(1, controller.signal)).rejects.toThrow('stop');
    expect(vi.getTimerCount()).toBe(0);
  });
});
