import { afterEach, vi } from 'vitest';

// Testing Library waits for React with a setTimeout that it advances itself only when it sees
// Jest's fake timers; this lets it see vitest's (sinon's clock) the same way.
Object.assign(globalThis, { jest: { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) } });

// Spies (on navigator.clipboard, say) start fresh in every test.
afterEach(() => {
  vi.restoreAllMocks();
});
