import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/** The renderer: one build for the desktop app (app://) and web mode (served by the seminar server). */
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [react()],
  publicDir: 'public',
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2023',
    // One bundle, loaded from app:// or the local server: its size costs no network round trip.
    chunkSizeWarningLimit: 1500,
  },
  worker: { format: 'es' },
});
