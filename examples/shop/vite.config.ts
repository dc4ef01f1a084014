import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The front end is built into dist/ and served by the shop's Express server (server/startShop.ts).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    rolldownOptions: {
      // Radix ships 'use client' banners, meaningless in a client-only bundle.
      onLog: (level, log, handler) => {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
    },
  },
});
