/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { surveyDefinitions } from './build/definitions-plugin';
import { pwaOptions } from './build/pwa';
import { routePreload } from './build/route-preload';

export default defineConfig({
  plugins: [react(), surveyDefinitions(), routePreload(), VitePWA(pwaOptions)],
  build: {
    target: 'es2022',
    sourcemap: true,
    manifest: true,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 20_000,
  },
});
