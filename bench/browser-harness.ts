import type { Page } from 'playwright-core';
import { launchChromium } from '../test/support/chromium.js';
import type { BrowserSample, FirstSyncArgs, MeasurementName } from './browser/protocol.js';
import { onCleanup, scratchDir } from './cleanup.js';
import { log } from './log.js';
import { withTimeout } from './stats.js';

/**
 * Runs `fn` in a Chromium launched as the e2e tests launch it (Debian's
 * binary, the same flags) on a new profile: every measurement starts from an
 * empty IndexedDB, and the profile is deleted afterwards.
 */
export async function withFreshBrowser<T>(
  label: string,
  timeoutMs: number,
  fn: (page: Page) => Promise<T>,
): Promise<T> {
  // Our own profile dir (named like every temp dir of the run), removed without blocking.
  const profile = scratchDir('chromium');
  const browser = await launchChromium(profile.dir);
  const cleanup = onCleanup(`Chromium (${label})`, () => browser.close());
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on('pageerror', (error) => log(`${label}: page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') log(`${label}: console error: ${message.text()}`);
    });
    // tsx compiles with keepNames, so functions handed to page.evaluate may call this helper.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    return await withTimeout(fn(page), timeoutMs, label);
  } finally {
    await cleanup.run();
    await profile.remove();
  }
}

/** Runs a measurement of the bench page's worker (bench/browser/first-sync.ts) in the open page. */
export type BenchPageRun = (name: MeasurementName, args: FirstSyncArgs) => Promise<BrowserSample>;

/** The bench page in a fresh browser, for several measurements that share its IndexedDB (a first sync, then an incremental one). */
export function withBenchPage<T>(
  baseUrl: string,
  label: string,
  timeoutMs: number,
  fn: (run: BenchPageRun) => Promise<T>,
): Promise<T> {
  return withFreshBrowser(label, timeoutMs, async (page) => {
    await page.goto(`${baseUrl}/bench/index.html`);
    await page.waitForFunction(() => document.title === 'bench-ready', undefined, { timeout: 30_000 });
    return fn((name, args) => page.evaluate(([n, a]) => window.bench.run(n, a), [name, args] as const));
  });
}

/** One measurement of the bench page's worker, in a fresh browser. */
export function measureOnBenchPage(
  baseUrl: string,
  name: MeasurementName,
  args: FirstSyncArgs,
  timeoutMs: number,
): Promise<BrowserSample> {
  return withBenchPage(baseUrl, name, timeoutMs, (run) => run(name, args));
}
