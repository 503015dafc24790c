import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from './child.js';
import { tempDir } from './cleanup.js';
import { log } from './log.js';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const VITE = join(REPO_ROOT, 'node_modules', '.bin', 'vite');
const BUILD_TIMEOUT_MS = 5 * 60_000;

export interface StaticSite {
  dir: string;
  /** Where the app under test came from, for the report. */
  renderer: string;
}

/**
 * The renderer built from the current sources into the site (dist/renderer,
 * which the e2e tests use, is left alone). When the sources do not build
 * (someone is mid-edit), the last dist/renderer is used and the report says so.
 */
async function buildRenderer(site: string): Promise<string> {
  try {
    await runChild(VITE, ['build', '--config', 'vite.renderer.config.ts', '--outDir', site, '--logLevel', 'warn'], {
      cwd: REPO_ROOT,
      timeoutMs: BUILD_TIMEOUT_MS,
    });
    return 'a build of the current sources';
  } catch (error) {
    const dist = join(REPO_ROOT, 'dist', 'renderer');
    if (!existsSync(join(dist, 'index.html'))) throw error;
    const output = (error instanceof Error ? error.message : String(error)).split('\n').slice(1);
    const after = output.findIndex((line) => line.includes('error during build')) + 1;
    const reason =
      output
        .slice(after)
        .find((line) => line.trim())
        ?.trim() ?? '?';
    log(`the renderer does not build (${reason}); using the existing dist/renderer`);
    cpSync(dist, site, { recursive: true });
    return `the existing dist/renderer, as the sources did not build at the time (${reason})`;
  }
}

/**
 * One static site for the bench server: the real renderer at / and the
 * benchmark page at /bench/. One origin, so neither needs CORS.
 */
export async function buildStaticSite(): Promise<StaticSite> {
  const dir = tempDir('static');
  const renderer = await buildRenderer(dir);
  await runChild(VITE, ['build', '--config', 'bench/vite.bench.config.ts'], {
    cwd: REPO_ROOT,
    timeoutMs: BUILD_TIMEOUT_MS,
  });
  cpSync(join(REPO_ROOT, 'dist', 'bench'), join(dir, 'bench'), { recursive: true });
  return { dir, renderer };
}
