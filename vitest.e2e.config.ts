import { defineConfig } from 'vitest/config';

/** End-to-end tests: real server, real Chromium, one file at a time (2 cores). */
export default defineConfig({
  test: {
    name: 'e2e',
    environment: 'node',
    include: ['test/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    globalSetup: ['test/support/demo-folder-global-setup.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
