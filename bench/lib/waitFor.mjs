import { setTimeout } from 'node:timers';

/** Polls `check` every `stepMs` until it returns something other than undefined; bounded. */
export async function waitFor(check, what, timeoutMs = 10_000, stepMs = 20) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
