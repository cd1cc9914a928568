/**
 * The real-browser proof (issue 4): `npm run test:e2e`. Debian's Chromium driven by
 * playwright-core against the real server; one file at a time, generous but bounded timeouts.
 * `npm test` (vite.config.ts) excludes test/e2e, so these never run with the unit tests.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
    teardownTimeout: 30_000,
    // A browser test that fails is reported, never retried into a pass.
    retry: 0,
  },
});
