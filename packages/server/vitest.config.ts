import { defineConfig } from 'vitest/config';

/** The tests that run the Express router: run once on Express 5 with the rest, then again on Express 4. */
const EXPRESS_TESTS = ['src/express/**/*.test.ts', 'test/checkout*.test.ts', 'test/rateLimit.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    projects: [
      { extends: true, test: { name: 'server', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], env: { EXPRESS_MAJOR: '5' } } },
      {
        extends: true,
        // `express4` is Express 4 installed under another name; the router and the test harness
        // import `express`, and here that means Express 4.
        resolve: { alias: [{ find: /^express$/, replacement: 'express4' }] },
        test: { name: 'express 4', include: EXPRESS_TESTS, env: { EXPRESS_MAJOR: '4' } },
      },
    ],
  },
});
