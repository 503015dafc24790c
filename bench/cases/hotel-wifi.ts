import type { CDPSession, Page } from 'playwright-core';
import type { PullCompression } from '../../server/pull/pull-answer.js';
import { PULL_COMPRESSION } from '../../server/pull/pull-answer.js';
import { withFreshBrowser } from '../browser-harness.js';
import type { BenchCase, BenchContext, RowResult, RowSpec, Sample } from '../registry.js';
import { BACKEND_NAMES, type BenchServer } from '../servers.js';
import { savePages } from '../static-floor.js';
import { count } from './format.js';
import { describeMainThread, readMainThread, watchMainThread } from '../main-thread.js';

/** The link (issue 19): 10 Mbit/s both ways, 150 ms round trips, as DevTools' network emulation applies them. */
const LINK = { megabits: 10, rttMs: 150 };
/** Contributions of the server the row syncs from: the link makes the full corpus minutes per candidate. */
const CONTRIBUTIONS = 1_000;
/** The link drops twice, each time for this long, while a page is on its way. */
const OUTAGE_MS = 2_000;

/** The compressions tried on the link: gzip at three levels, brotli and zstd at a fast and a slower level. */
export const CANDIDATES: PullCompression[] = [
  { encoding: 'gzip', level: 1 },
  { encoding: 'gzip', level: 6 },
  { encoding: 'gzip', level: 9 },
  { encoding: 'br', level: 4 },
  { encoding: 'br', level: 9 },
  { encoding: 'zstd', level: 3 },
  { encoding: 'zstd', level: 9 },
];

const name = (c: PullCompression) => `${c.encoding === 'br' ? 'brotli' : c.encoding} ${c.level}`;
const rowId = (c: PullCompression) => `hotel.${c.encoding}.${c.level}`;
const isDefault = (c: PullCompression) =>
  c.encoding === PULL_COMPRESSION[0]!.encoding && c.level === PULL_COMPRESSION[0]!.level;

function rowOf(c: PullCompression, where: string): RowSpec {
  return {
    id: rowId(c),
    label: `Hotel Wi-Fi: first sync in the real app, pages as ${name(c)}${isDefault(c) ? ' (the server’s choice)' : ''}`,
    setting: where,
    unit: 's',
    ...(isDefault(c)
      ? {
          target: {
            text: 'longest main-thread task during the sync < 50 ms',
            met: (r: RowResult) => (r.details.syncTask ?? Infinity) < 50,
          },
        }
      : {}),
    note: (r) =>
      `${(r.details.wireBytes ?? 0) / 1e6 > 0 ? ((r.details.wireBytes ?? 0) / 1e6).toFixed(2) : '?'} MB of pages on the wire ` +
      `for ${((r.details.bodyBytes ?? 0) / 1e6).toFixed(1)} MB of JSON (${((r.details.wireBytes ?? 0) / (r.details.bodyBytes || 1)).toFixed(3)}×); ` +
      `compressing them took the server ${count(r.details.compressMs ?? 0)} ms; ` +
      `main thread ${describeMainThread(r.details)}; ` +
      `${count(r.details.pulls ?? 0)} page requests, ${count(r.details.failed ?? 0)} cut by the outages`,
  };
}

async function emulate(cdp: CDPSession, offline: boolean): Promise<void> {
  const bytesPerSecond = (LINK.megabits * 1e6) / 8;
  await cdp.send('Network.emulateNetworkConditions', {
    offline,
    latency: LINK.rttMs,
    downloadThroughput: bytesPerSecond,
    uploadThroughput: bytesPerSecond,
  });
}

/**
 * The real app signed in and left to do its first sync through the emulated
 * link; while its 2nd and 4th pages are on their way the link goes offline
 * for OUTAGE_MS, and the app resumes by itself. Timed from navigation (the
 * app's own files come over the link too) until the status says up to date.
 */
async function syncOverLink(server: BenchServer, page: Page, timeoutMs: number): Promise<Record<string, number>> {
  const settings = { serverUrl: server.url, token: server.token, language: 'en' };
  await page.addInitScript((value) => localStorage.setItem('seminar-desk.settings', value), JSON.stringify(settings));
  const mainThreadWatch = await watchMainThread(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await emulate(cdp, false);
  let pulls = 0;
  let failed = 0;
  const outages: Promise<void>[] = [];
  const isPull = (url: string) => url.includes('/api/changes');
  page.on('request', (request) => {
    if (!isPull(request.url())) return;
    pulls++;
    if (pulls !== 2 && pulls !== 4) return;
    outages.push(
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, LINK.rttMs * 2));
        await emulate(cdp, true);
        await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
        await emulate(cdp, false);
      })(),
    );
  });
  page.on('requestfailed', (request) => {
    if (isPull(request.url())) failed++;
  });
  const t0 = performance.now();
  await page.goto(`${server.url}/#/agenda`, { timeout: timeoutMs });
  await page
    .locator('[data-testid="sync-status"][data-up-to-date="true"]')
    .waitFor({ timeout: timeoutMs, state: 'attached' });
  const seconds = (performance.now() - t0) / 1000;
  await Promise.all(outages);
  return { seconds, pulls, failed, outages: outages.length, ...(await readMainThread(page, mainThreadWatch)) };
}

/**
 * Issue 19's hotel Wi-Fi: the real app's first sync over a slow link
 * interrupted twice, once per compression the server could answer with
 * (set on the running server between runs); bytes on the wire are the
 * pages' bodies compressed as the server does for that candidate.
 */
export function hotelWifi(ctx: Pick<BenchContext, 'options'>): BenchCase {
  const where =
    `real app UI, Chromium, ${BACKEND_NAMES[ctx.options.browserBackend]} server, ` +
    `${count(CONTRIBUTIONS)} contributions, ${LINK.megabits} Mbit/s, ${LINK.rttMs} ms RTT, ${OUTAGE_MS / 1000} s outage × 2`;
  return {
    id: 'hotel-wifi',
    backends: [ctx.options.browserBackend],
    rows: CANDIDATES.map((c) => rowOf(c, where)),
    async run(ctx, repetition) {
      const server = await ctx.server(ctx.options.browserBackend, CONTRIBUTIONS);
      const samples: Record<string, Sample> = {};
      // Each repetition starts with another candidate, so none is always first (cold) or last.
      const shift = (repetition - 1) % CANDIDATES.length;
      for (const c of [...CANDIDATES.slice(shift), ...CANDIDATES.slice(0, shift)]) {
        const saved = await savePages(server, ctx.options.pullLimit, c);
        await saved.remove();
        await server.tunePull({ compression: [c] });
        try {
          const details = await withFreshBrowser(`hotel wifi ${name(c)}`, 600_000, (page) =>
            syncOverLink(server, page, 590_000),
          );
          samples[rowId(c)] = {
            value: details.seconds!,
            bytes: saved.bytes,
            details: { ...details, wireBytes: saved.wireBytes, bodyBytes: saved.bytes, compressMs: saved.compressMs },
          };
        } finally {
          await server.tunePull({});
        }
      }
      return samples;
    },
  };
}
