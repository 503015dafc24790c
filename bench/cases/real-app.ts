import type { Page } from 'playwright-core';
import { withFreshBrowser } from '../browser-harness.js';
import type { ReaderSample } from '../corpus.js';
import type { BenchCase, BenchContext, Sample } from '../registry.js';
import { BACKEND_NAMES } from '../servers.js';
import { median, percentile } from '../stats.js';
import { jsHeaps } from '../heap.js';
import { DRAG_STEPS, LIST_SIZE, seedLongList, timeLongList } from './contribution-list.js';
import { count } from './format.js';
import { describeMainThread, readMainThread, watchMainThread } from '../main-thread.js';
import { STATIC_FLOOR } from './first-sync.js';
import { seedHighlights, timeHighlightedOpen, HIGHLIGHTS } from './highlights.js';

interface Probe {
  action: 'open' | 'switch';
  id: string;
  lang: string;
  snippet: string;
  timeoutMs: number;
}

/**
 * Runs in the app's page: starts the action, waits (a MutationObserver, no
 * polling) until the reader shows the expected text in the expected language,
 * forces style and layout, and returns the milliseconds since the start.
 * Self-contained because Playwright sends it to the page as source.
 */
async function probeReader(probe: Probe): Promise<number> {
  const shown = () => {
    const body = document.querySelector<HTMLElement>('[data-testid="text-body"]');
    return !!body && body.lang === probe.lang && (body.textContent ?? '').startsWith(probe.snippet);
  };
  const t0 = performance.now();
  if (probe.action === 'open') {
    // What a click on the contribution in its list does: the routes are hash links.
    location.hash = `#/contributions/${encodeURIComponent(probe.id)}`;
  } else {
    const select = document.querySelector<HTMLSelectElement>('[data-testid="version-switcher"]');
    if (!select) throw new Error('no language-version switcher on the reader');
    select.value = probe.lang;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }
  await new Promise<void>((resolve, reject) => {
    if (shown()) return resolve();
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${probe.action} ${probe.id} (${probe.lang}) not shown within ${probe.timeoutMs} ms`));
    }, probe.timeoutMs);
  });
  void document.body.offsetHeight; // style and layout of what is now shown
  return performance.now() - t0;
}

async function readSamples(page: Page, samples: ReaderSample[]): Promise<{ open: number[]; switch: number[] }> {
  const open: number[] = [];
  const switched: number[] = [];
  for (const sample of samples) {
    // Start where a reader starts: the contribution's question, its list shown.
    await page.evaluate((hash) => (location.hash = hash), `#/questions/${encodeURIComponent(sample.questionId)}`);
    await page.getByTestId('contribution-item').first().waitFor({ timeout: 30_000 });
    const base = { id: sample.id, timeoutMs: 10_000 };
    const opening: Probe = { ...base, action: 'open', lang: sample.openLang, snippet: sample.openSnippet };
    const switching: Probe = { ...base, action: 'switch', lang: sample.switchLang, snippet: sample.switchSnippet };
    open.push(await page.evaluate(probeReader, opening));
    switched.push(await page.evaluate(probeReader, switching));
  }
  return { open, switch: switched };
}

const mbText = (bytes = 0) => `${(bytes / 1e6).toFixed(1)} MB`;

const readerNote = (what: string) => (row: { details: Record<string, number> }) =>
  `${what}; until the text is in the DOM and laid out; median of ${row.details.samples ?? 0} contributions ` +
  `per run, p95 ${(row.details.p95 ?? 0).toFixed(1)} ms`;

/**
 * Issue 3's reader figures, in the real app: the built renderer served by
 * the real server, signed in, left to sync the whole corpus through its own
 * worker; then contributions opened from their question's list, and their
 * language switched with the reader's version switcher. Issue 10's too: the
 * renderer's JS heap right after the sync, and a list of 10,000 opened and
 * scrolled.
 */
export function realApp(ctx: Pick<BenchContext, 'options'>): BenchCase {
  const where = `real app UI, Chromium, ${BACKEND_NAMES[ctx.options.browserBackend]} server`;
  const underFifty = { text: '< 50 ms', met: (row: { value: number }) => row.value < 50 };
  return {
    id: 'real-app',
    backends: [ctx.options.browserBackend],
    rows: [
      {
        id: 'app.first-sync',
        label: 'First sync in the real app (page load until "up to date")',
        setting: where,
        unit: 's',
        baseline: STATIC_FLOOR,
        alsoVs: [{ id: 'sync.floor', name: 'floor' }],
        sameDataAs: 'sync.floor',
        target: { text: '≤ 1.3× static floor', met: (row) => (row.ratio ?? Infinity) <= 1.3 },
        note: () => 'sync worker as shipped; the agenda screen is open meanwhile',
      },
      {
        id: 'app.sync-main-thread',
        label: 'First sync in the real app: longest main-thread task',
        setting: where,
        unit: 'ms',
        target: { text: '< 50 ms', met: (row) => row.value < 50 },
        note: (row) => `Long Tasks API (0: no task over 50 ms); ${describeMainThread(row.details)}`,
      },
      {
        id: 'reader.open',
        label: 'Reader: open a contribution',
        setting: where,
        unit: 'ms',
        target: underFifty,
        note: readerNote('from its question’s list to its English text shown'),
      },
      {
        id: 'reader.highlights',
        label: `Reader: open a contribution with ${HIGHLIGHTS} highlights`,
        setting: where,
        unit: 'ms',
        baseline: { id: 'reader.open', name: 'without' },
        note: (row) =>
          `its English text with ${HIGHLIGHTS} others' highlights re-anchored and drawn, and the notes beside it; ` +
          `until all are in the DOM and laid out; median of ${row.details.samples ?? 0} openings`,
      },
      {
        id: 'reader.switch',
        label: 'Reader: switch its language',
        setting: where,
        unit: 'ms',
        target: underFifty,
        note: readerNote('to its original (French for English originals), with the version switcher'),
      },
      {
        id: 'list.open',
        label: `Contribution list: open a question holding ${count(LIST_SIZE)} contributions`,
        setting: where,
        unit: 'ms',
        note: (row) =>
          `from the question index until its first contributions are in the DOM, laid out, and the virtualised list ` +
          `is sized for all ${count(LIST_SIZE)}; median of ${row.details.samples ?? 0} openings`,
      },
      {
        id: 'list.end',
        label: `Contribution list: scroll the ${count(LIST_SIZE)} to the end`,
        setting: where,
        unit: 'ms',
        note: (row) =>
          'the scrollbar taken to the bottom (kept there while rows are measured) until the last one is in view; ' +
          `median of ${row.details.samples ?? 0} scrolls`,
      },
      {
        id: 'list.drag',
        label: `Contribution list: drag through the ${count(LIST_SIZE)}, frame time`,
        setting: where,
        unit: 'ms',
        target: underFifty,
        note: (row) =>
          `the scrollbar dragged top to bottom, ${DRAG_STEPS} positions, one per animation frame: the 95th ` +
          `percentile of ${count(row.details.frames ?? 0)} frames (60 Hz is 16.7 ms), longest ` +
          `${count(row.details.longest ?? 0)} ms; a whole drag took ${count(row.details.total ?? 0)} ms`,
      },
      {
        id: 'memory.heap',
        label: 'Renderer memory after the first sync: JS heap',
        setting: where,
        unit: 'MB',
        note: (row) =>
          `UI thread ${mbText(row.details.page)} + sync worker ${mbText(row.details.sync)}, used after a forced GC ` +
          '(DevTools protocol, Runtime.getHeapUsage); IndexedDB data lives in the browser process and is not counted' +
          (row.details.others ? `; other workers (search: its own figures) ${mbText(row.details.others)}` : ''),
      },
    ],
    async run(ctx) {
      const server = await ctx.server(ctx.options.browserBackend);
      const settings = { serverUrl: server.url, token: server.token, language: 'en' };
      const timeoutMs = 180_000 + ctx.corpus.contributions * 40;
      return withFreshBrowser('real app', timeoutMs, async (page) => {
        // Signed in before the app boots, as after the first-run screen.
        await page.addInitScript(
          (value) => localStorage.setItem('seminar-desk.settings', value),
          JSON.stringify(settings),
        );
        const mainThreadWatch = await watchMainThread(page);
        const t0 = performance.now();
        await page.goto(`${server.url}/#/agenda`);
        await page
          .locator('[data-testid="sync-status"][data-up-to-date="true"]')
          .waitFor({ timeout: timeoutMs, state: 'attached' });
        const syncSeconds = (performance.now() - t0) / 1000;
        const mainThread = await readMainThread(page, mainThreadWatch);
        const heaps = await jsHeaps(page);
        const isSync = (url: string) => /sync-worker/.test(url);
        const syncBytes = heaps.workers.filter((w) => isSync(w.url)).reduce((sum, w) => sum + w.bytes, 0);
        const otherBytes = heaps.workers.filter((w) => !isSync(w.url)).reduce((sum, w) => sum + w.bytes, 0);
        const times = await readSamples(page, ctx.corpus.samples);
        let highlighted = null;
        for (const sample of ctx.corpus.samples) {
          if (await seedHighlights(page, sample.id)) {
            highlighted = sample;
            break;
          }
        }
        if (!highlighted) throw new Error('no sampled contribution is long enough for the highlights figure');
        // Written behind Dexie's back: a reload drops its cache of earlier queries, as a restart would.
        const reload = async () => {
          await page.reload();
          await page.locator('[data-testid="sync-status"]').waitFor({ timeout: 30_000, state: 'attached' });
        };
        await reload();
        const withHighlights = await timeHighlightedOpen(page, highlighted.questionId, highlighted.id, 5);
        // Last: the long list's 10,000 made-up rows must not be in the figures above.
        await seedLongList(page);
        await reload();
        const list = await timeLongList(page, 3);
        const latency = (values: number[]): Sample => ({
          value: median(values),
          details: { p95: percentile(values, 95), samples: values.length },
        });
        return {
          'app.first-sync': { value: syncSeconds },
          'app.sync-main-thread': { value: mainThread.syncTask, details: { ...mainThread } },
          'reader.open': latency(times.open),
          'reader.highlights': latency(withHighlights),
          'reader.switch': latency(times.switch),
          'list.open': latency(list.open),
          'list.end': latency(list.end),
          'list.drag': {
            value: percentile(list.frames, 95),
            details: {
              frames: list.frames.length,
              longest: Math.max(...list.frames),
              total: median(list.dragTotal),
            },
          },
          'memory.heap': {
            value: (heaps.page + syncBytes) / 1e6,
            details: { page: heaps.page, sync: syncBytes, others: otherBytes },
          },
        };
      });
    },
  };
}
