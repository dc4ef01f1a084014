import { defineConfig } from 'vitest/config';

// Chromium drives the built shop under `next start`: each test gets a generous, bounded time.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'lib/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
