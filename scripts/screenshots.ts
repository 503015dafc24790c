/**
 * `npm run screenshots`: a PNG of every screen (test/support/screens.ts) in
 * English, Arabic and Chinese, light and dark, at 1280×800, with the demo
 * corpus, into docs/screenshots/<lang>-<theme>-<screen>.png. Needs the built
 * renderer (the npm script builds it) and Chromium (CHROMIUM_PATH, default
 * /usr/bin/chromium). Dark is the system preference, emulated.
 *
 * To redo a few: `npm run screenshots -- --only synthesis-editor,first-run`
 * rewrites only those screens' files (every language and theme) and leaves
 * the others; `--out DIR` writes elsewhere (a check that must not touch the repo).
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startServer } from '../server/start.js';
import type { Lang } from '../shared/languages.js';
import { launchChromium } from '../test/support/chromium.js';
import { prepareFixtures, SCREENS, setLanguage, showFirstRun } from '../test/support/screens.js';

const ROOT = join(import.meta.dirname, '..');
const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const OUT_DIR = arg('out') ?? join(ROOT, 'docs', 'screenshots');
/** Screen ids to photograph; all when not given. */
const ONLY = arg('only')?.split(',');
const wanted = (id: string) => !ONLY || ONLY.includes(id);
const STATIC_DIR = join(ROOT, 'dist', 'renderer');
/** `--langs en,ar` narrows the languages (default: en, ar, zh). */
const LANGS = (arg('langs')?.split(',') ?? ['en', 'ar', 'zh']) as readonly Lang[];
const THEMES = ['light', 'dark'] as const;
/** `--viewport 512x384` (1024×768 at 200 % zoom) for a check; the repo's pictures are 1280×800. */
const [width, height] = (arg('viewport') ?? '1280x800').split('x').map(Number);
const VIEWPORT = { width: width!, height: height! };

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(OUT_DIR, `${name}.png`), animations: 'disabled', caret: 'hide' });
  process.stdout.write('.');
}

async function main(): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  // A full run starts from an empty folder, so a screen removed from the list leaves no stale picture.
  if (!ONLY) for (const file of readdirSync(OUT_DIR)) if (file.endsWith('.png')) rmSync(join(OUT_DIR, file));
  const dataDir = mkdtempSync(join(tmpdir(), 'seminar-desk-screenshots-'));
  const server = await startServer({
    port: 0,
    dataDir,
    demo: true,
    staticDir: STATIC_DIR,
    translator: null,
    logger: false,
  });
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    await page.setViewportSize(VIEWPORT);
    const fixtures = await prepareFixtures(page, server.url);
    const firstRun = await browser.context.newPage();
    await firstRun.setViewportSize(VIEWPORT);
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      await firstRun.emulateMedia({ colorScheme: theme });
      for (const lang of LANGS) {
        if (wanted('first-run')) {
          await showFirstRun(firstRun, server.url, lang);
          await shoot(firstRun, `${lang}-${theme}-first-run`);
        }
        await setLanguage(page, lang);
        for (const screen of SCREENS.filter((one) => wanted(one.id))) {
          await screen.show(page, fixtures);
          await shoot(page, `${lang}-${theme}-${screen.id}`);
          await screen.leave?.(page);
        }
      }
    }
  } finally {
    await browser.dispose();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const files = readdirSync(OUT_DIR).filter((file) => file.endsWith('.png'));
  const bytes = files.reduce((sum, file) => sum + statSync(join(OUT_DIR, file)).size, 0);
  console.log(`\n${files.length} screenshots, ${(bytes / 1024 / 1024).toFixed(1)} MB, in ${OUT_DIR}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
