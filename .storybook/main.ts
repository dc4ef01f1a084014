import type { StorybookConfig } from '@storybook/react-vite';
import type { UserConfig } from 'vite';
import { mergeConfig } from 'vite';

// The live story talks to the example shop (`pnpm start`) through this proxy, same origin.
const shopUrl = process.env.SHOP_URL ?? 'http://127.0.0.1:3000';

const overrides: UserConfig = {
  server: { proxy: { '/api': { target: shopUrl } } },
  build: {
    // Storybook's own preview chunks are large by design.
    chunkSizeWarningLimit: 2048,
    rolldownOptions: {
      checks: { bundlerTimings: false },
      // Radix and others ship 'use client' banners, meaningless in a client-only bundle.
      onLog: (level, log, handler) => {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
    },
  },
};

const config: StorybookConfig = {
  stories: ['../packages/react/stories/*.stories.tsx'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  viteFinal: (vite) => {
    const merged: UserConfig = mergeConfig(vite, overrides);
    // react-dom is installed for the react package, not at the root Vite pre-bundles from:
    // Vite finds it through the stories' own imports instead.
    merged.optimizeDeps ??= {};
    merged.optimizeDeps.include = merged.optimizeDeps.include?.filter((id) => !id.startsWith('react-dom/'));
    return merged;
  },
};

export default config;
