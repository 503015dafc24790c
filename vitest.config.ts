import react from '@vitejs/plugin-react';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core CI machine, where most
    // files wait on a PostgreSQL backend, a server or a child process. Every core; at most 4 (memory: each
    // server test holds a PGlite database).
    maxWorkers: Math.min(4, availableParallelism()),
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/{shared,server,electron,renderer,scripts}/**/*.test.ts', 'test/reconcile/**/*.test.ts'],
          globalSetup: ['test/support/postgres-global-setup.ts', 'test/support/pglite-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['test/renderer/**/*.test.tsx'],
          setupFiles: ['test/support/dom-setup.ts'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
