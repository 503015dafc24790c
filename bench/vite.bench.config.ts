import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** Builds the in-browser benchmark page into dist/bench; bench/run.ts serves it from the real server. */
export default defineConfig({
  root: fileURLToPath(new URL('./browser', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/bench', import.meta.url)),
    emptyOutDir: true,
    target: 'es2023',
  },
  worker: { format: 'es' },
});
