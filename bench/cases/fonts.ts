import type { Page } from 'playwright-core';
import { withFreshBrowser } from '../browser-harness.js';
import type { BenchCase, BenchContext, RowResult, RowSpec, Sample } from '../registry.js';

/** The languages whose scripts the bundled fonts are for: Latin, Arabic, Han. */
const LANGS = ['en', 'ar', 'zh'] as const;
type FontLang = (typeof LANGS)[number];

interface PageLoad {
  /** First contentful paint, ms since navigation start. */
  paint: number;
  /** When the last font file arrived (the text in its final face), ms since navigation start; the paint if none. */
  fontsDone: number;
  fontFiles: number;
  fontBytes: number;
}

/**
 * Runs in the page: the first contentful paint, and the font files the page
 * fetched with when the last one ended (resource timing, same origin, so the
 * sizes are there). Self-contained: Playwright sends it as source.
 */
async function readLoad(): Promise<PageLoad> {
  const paint = await new Promise<number>((resolve) => {
    new PerformanceObserver((list, observer) => {
      const entry = list.getEntriesByName('first-contentful-paint')[0];
      if (!entry) return;
      observer.disconnect();
      resolve(entry.startTime);
    }).observe({ type: 'paint', buffered: true });
  });
  await document.fonts.ready;
  const fonts = performance
    .getEntriesByType('resource')
    .filter((entry): entry is PerformanceResourceTiming => entry.name.endsWith('.woff2'));
  return {
    paint,
    fontsDone: Math.max(paint, ...fonts.map((entry) => entry.responseEnd)),
    fontFiles: fonts.length,
    fontBytes: fonts.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
  };
}

/**
 * The first-run screen in a fresh browser (empty HTTP cache, no service
 * worker yet: a first visit in web mode) in the language's UI, with the
 * bundled fonts or, for the baseline, with every font file refused so the
 * page falls back to the system's fonts (the app before issue 17).
 */
async function loadFirstRun(url: string, lang: FontLang, systemFonts: boolean): Promise<PageLoad> {
  return withFreshBrowser(`fonts ${lang}${systemFonts ? ' (system)' : ''}`, 60_000, async (page: Page) => {
    await page.addInitScript({
      content: `Object.defineProperty(navigator, 'languages', { get: () => [${JSON.stringify(lang)}] });`,
    });
    // Both variants go through the same interception (it costs every request a round trip to us);
    // the baseline refuses the font files.
    await page.route('**/*', (route) =>
      systemFonts && route.request().url().endsWith('.woff2') ? route.abort() : route.continue(),
    );
    await page.goto(`${url}/`);
    await page.getByTestId('use-demo-server').waitFor({ timeout: 30_000 });
    await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
    return page.evaluate(readLoad);
  });
}

/** The build as served: its files by kind, from the service worker's list (asset-manifest.json). */
async function buildSizes(url: string): Promise<{ fonts: number; fontFiles: number; rest: number; css: number }> {
  const files = (await (await fetch(`${url}/asset-manifest.json`)).json()) as string[];
  const sizes = { fonts: 0, fontFiles: 0, rest: 0, css: 0 };
  for (const file of files) {
    const bytes = (await (await fetch(`${url}/${file}`, { headers: { 'accept-encoding': 'identity' } })).arrayBuffer())
      .byteLength;
    if (file.endsWith('.woff2')) {
      sizes.fonts += bytes;
      sizes.fontFiles += 1;
    } else {
      sizes.rest += bytes;
      if (file.endsWith('.css')) sizes.css += bytes;
    }
  }
  return sizes;
}

const MB = 1e6;
const kB = (bytes = 0) => `${(bytes / 1e3).toFixed(0)} kB`;

/**
 * What the bundled fonts (issue 17: Noto Sans, Arabic, SC, KR as unicode-range
 * subsets) cost: the build's weight, and the first-run screen's first paint
 * and font bytes in English, Arabic and Chinese, each beside the same page
 * with the font files refused (system fonts), in the same repetition.
 */
export function fontsCase(ctx: Pick<BenchContext, 'options'>): BenchCase {
  const backend = ctx.options.browserBackend;
  const where = 'first-run screen, fresh Chromium (cold cache)';
  const rows: RowSpec[] = [
    {
      id: 'fonts.build',
      label: 'Fonts in the renderer build (woff2)',
      setting: 'the build as served (asset-manifest.json)',
      unit: 'MB',
      baseline: { id: 'fonts.build-rest', name: 'rest of the build' },
      note: (row: RowResult) =>
        `${row.details.fontFiles ?? 0} files (4 families × 2 weights); the stylesheet, mostly their @font-face rules, ${kB(row.details.css)}`,
    },
    {
      id: 'fonts.build-rest',
      label: 'Rest of the renderer build (scripts, stylesheet, page)',
      setting: 'the build as served (asset-manifest.json)',
      unit: 'MB',
    },
  ];
  for (const lang of LANGS) {
    rows.push(
      {
        id: `fonts.paint.${lang}`,
        label: `First paint with the bundled fonts, ${lang}`,
        setting: where,
        unit: 'ms',
        baseline: { id: `fonts.paint.${lang}.system`, name: 'system fonts' },
        note: () => 'first contentful paint (text shown at once in a fallback face while the fonts load)',
      },
      {
        id: `fonts.done.${lang}`,
        label: `Text in its final fonts, ${lang}`,
        setting: where,
        unit: 'ms',
        baseline: { id: `fonts.paint.${lang}.system`, name: 'system-font paint' },
        note: (row) =>
          `until the last font file arrived; ${row.details.fontFiles ?? 0} files, ${kB(row.details.fontBytes)} (only the unicode-range slices the page's characters need)`,
      },
      {
        id: `fonts.paint.${lang}.system`,
        label: `First paint with system fonts, ${lang}`,
        setting: `${where}, font files refused`,
        unit: 'ms',
      },
    );
  }
  return {
    id: 'fonts',
    backends: [backend],
    rows,
    async run(context) {
      const { url } = await context.server(backend);
      const samples: Record<string, Sample> = {};
      const sizes = await buildSizes(url);
      samples['fonts.build'] = {
        value: sizes.fonts / MB,
        details: { fontFiles: sizes.fontFiles, css: sizes.css },
      };
      samples['fonts.build-rest'] = { value: sizes.rest / MB };
      for (const lang of LANGS) {
        // System fonts first, then bundled, alternating per language: drift on the shared machine hits both.
        const system = await loadFirstRun(url, lang, true);
        const bundled = await loadFirstRun(url, lang, false);
        samples[`fonts.paint.${lang}.system`] = { value: system.paint };
        samples[`fonts.paint.${lang}`] = { value: bundled.paint };
        samples[`fonts.done.${lang}`] = {
          value: bundled.fontsDone,
          details: { fontFiles: bundled.fontFiles, fontBytes: bundled.fontBytes },
        };
      }
      return samples;
    },
  };
}
