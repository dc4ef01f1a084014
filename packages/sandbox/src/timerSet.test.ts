import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { TimerSet } from './timerSet.js';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe('TimerSet', () => {
  it('runs timers, forgets them once run, and clears one on request', () => {
    const timers = new TimerSet();
    const ran: string[] = [];
    timers.set(() => ran.push('a'), 100);
    const b = timers.set(() => ran.push('b'), 100);
    timers.clear(b);
    expect(timers.size).toBe(1);
    vi.advanceTimersByTime(100);
    expect(ran).toEqual(['a']);
    expect(timers.size).toBe(0);
  });

  it('clears everything on clearAll and refuses new timers after', () => {
    const timers = new TimerSet();
    const ran: string[] = [];
    timers.set(() => ran.push('late'), 1000);
    timers.clearAll();
    expect(timers.set(() => ran.push('after'), 1)).toBeUndefined();
    vi.advanceTimersByTime(10_000);
    expect(ran).toEqual([]);
    expect(timers.size).toBe(0);
  });

  it('hands what a timer throws to onError instead of crashing', () => {
    const errors: unknown[] = [];
    const timers = new TimerSet((error) => errors.push(error));
    timers.set(() => {
      throw new Error('boom');
    }, 10);
    vi.advanceTimersByTime(10);
    expect(errors).toEqual([new Error('boom')]);
  });

  it('delays by a timer, and not at all once closed', async () => {
    const timers = new TimerSet();
    let done = false;
    const waiting = timers.delay(500).then(() => (done = true));
    vi.advanceTimersByTime(499);
    await Promise.resolve();
    expect(done).toBe(false);
    vi.advanceTimersByTime(1);
    await waiting;
    expect(done).toBe(true);
    timers.clearAll();
    await expect(timers.delay(60_000)).resolves.toBeUndefined();
  });
});
