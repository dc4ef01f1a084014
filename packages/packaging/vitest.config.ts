import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'], pool: 'threads' } },
      {
        extends: true,
        test: {
          name: 'packages',
          include: ['test/**/*.test.ts'],
          // Packs the packages and installs them with npm into fresh projects, once for every test file.
          globalSetup: ['src/globalSetup.ts'],
          // Bounds against a hang (each command has its own), not speed targets: a cold npm cache
          // on a busy machine is slow.
          testTimeout: 15 * 60_000,
          hookTimeout: 15 * 60_000,
        },
      },
    ],
  },
});
