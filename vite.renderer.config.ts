import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/**
 * Lists every file of the build in asset-manifest.json for the web mode's
 * service worker: chunks loaded on demand (the exports) and the workers' own
 * scripts must be cached at install too, or an offline restart misses them.
 * (Vite's own manifest leaves the workers out.)
 */
function assetList(): Plugin {
  return {
    name: 'seminar-desk-asset-list',
    apply: 'build',
    generateBundle(_options, bundle) {
      // The workers are built first and emitted into this bundle as assets, so they are listed here too.
      const files = Object.keys(bundle).filter((name) => name.startsWith('assets/'));
      this.emitFile({ type: 'asset', fileName: 'asset-manifest.json', source: JSON.stringify(files.sort()) });
    },
  };
}

/**
 * Fontsource's CSS offers each slice as woff2 and woff; every browser the app
 * runs in (Electron's Chromium, current browsers in web mode) takes woff2, so
 * the woff copies would only double the package and the web mode's cache.
 */
function woff2Only(): Plugin {
  return {
    name: 'seminar-desk-woff2-only',
    enforce: 'pre',
    transform(code, id) {
      if (!/@fontsource[\\/].+\.css$/.test(id)) return null;
      return { code: code.replace(/,\s*url\([^)]+\.woff\) format\('woff'\)/g, ''), map: null };
    },
  };
}

/** The renderer: one build for the desktop app (app://) and web mode (served by the seminar server). */
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [woff2Only(), react(), assetList()],
  publicDir: 'public',
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2023',
    // One bundle, loaded from app:// or the local server: its size costs no network round trip.
    chunkSizeWarningLimit: 1500,
    // Never a font as a data: URL: the CSP's default-src 'self' refuses it (and a woff2 slice is precached as a file).
    assetsInlineLimit: (file) => (file.endsWith('.woff2') ? false : undefined),
  },
  worker: { format: 'es' },
});
