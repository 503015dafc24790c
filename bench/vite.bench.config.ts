import { defineConfig } from 'vite';

/** Builds the in-browser benchmark page into dist/bench (served by the real server). */
export default defineConfig({
  root: 'bench/browser',
  base: './',
  logLevel: 'warn',
  build: { outDir: '../../dist/bench', emptyOutDir: true, target: 'es2022' },
  worker: { format: 'es' },
});
