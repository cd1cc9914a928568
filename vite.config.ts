/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { surveyDefinitions } from './build/definitions-plugin';

export default defineConfig({
  plugins: [react(), surveyDefinitions()],
  build: {
    target: 'es2022',
    sourcemap: true,
    manifest: true,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['test/setup.ts'],
    include: ['test/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 20_000,
  },
});
