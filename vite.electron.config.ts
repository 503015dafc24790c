import { builtinModules } from 'node:module';
import { build, defineConfig, type InlineConfig, type Plugin } from 'vite';

/**
 * Main and preload, both CommonJS in dist/electron/. CJS because package.json's
 * `main` is main.cjs and a sandboxed preload must be one self-contained CJS file
 * (it may `require` only `electron` and a few built-ins, never a sibling chunk).
 * electron-store (ESM-only) is bundled into main.cjs, so nothing ESM loads at run
 * time. Each entry is its own build so no chunk is shared between them.
 */
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

function entryConfig(name: 'main' | 'preload', entry: string, emptyOutDir: boolean): InlineConfig {
  return {
    configFile: false,
    ssr: { noExternal: true },
    build: {
      outDir: 'dist/electron',
      emptyOutDir,
      target: 'node22',
      minify: false,
      sourcemap: true,
      ssr: true,
      lib: { entry: { [name]: entry }, formats: ['cjs'], fileName: () => `${name}.cjs` },
      rollupOptions: { external },
    },
  };
}

function buildPreloadAfterMain(): Plugin {
  return {
    name: 'seminar-desk:build-preload',
    apply: 'build',
    async closeBundle() {
      await build({ ...entryConfig('preload', 'electron/preload/index.ts', false), logLevel: 'warn' });
    },
  };
}

export default defineConfig({
  ...entryConfig('main', 'electron/main/main.ts', true),
  plugins: [buildPreloadAfterMain()],
});
