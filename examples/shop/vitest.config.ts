import { defineConfig } from 'vitest/config';

// Browser tests: Chromium drives the real shop, so each test gets a generous, bounded time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
