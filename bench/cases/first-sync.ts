import type { BrowserSample, FirstSyncArgs, MeasurementName } from '../browser/protocol.js';
import { measureOnBenchPage, withBenchPage } from '../browser-harness.js';
import { revisedLines, REVISED } from '../corpus.js';
import type { BenchCase, BenchContext, RowSpec, Sample } from '../registry.js';
import { BACKEND_NAMES, type BenchServer } from '../servers.js';
import { savePages, serveStatic } from '../static-floor.js';
import { count, percent } from './format.js';

const mbText = (bytes = 0) => `${(bytes / 1e6).toFixed(1)} MB`;

const FLOOR = { id: 'sync.floor', name: 'floor' };
export const STATIC_FLOOR = { id: 'sync.static', name: 'static floor' };

/** Phases of the instrumented run, in the order the table lists them. */
const PHASES: [part: string, label: string][] = [
  ['network', 'network (server + transfer)'],
  ['parse', 'JSON.parse'],
  ['validate', 'zod validation (+ UTF-8 decoding)'],
  ['write', 'IndexedDB write (Dexie)'],
];

const setting = (ctx: Pick<BenchContext, 'options'>) =>
  `Chromium, Web Worker, ${BACKEND_NAMES[ctx.options.browserBackend]} server`;

function rows(where: string): RowSpec[] {
  return [
    {
      id: 'sync.floor',
      label: 'First sync: download floor (fetch + JSON.parse, store nothing)',
      setting: where,
      unit: 's',
      note: () => 'the baseline: each page asked as soon as the previous one is parsed',
    },
    {
      id: STATIC_FLOOR.id,
      label: 'First sync: static floor (the same page bodies as files, fetch + JSON.parse, store nothing)',
      setting: `Chromium, Web Worker, plain static file server (Node http), no database`,
      unit: 's',
      baseline: FLOOR,
      note: (row) =>
        `the floor of this protocol here: the pages the server answered, saved just before (${count(row.details.pages ?? 0)} ` +
        `pages, ${mbText(row.details.bytes)} of JSON), compressed once as the server does (${mbText(row.details.wireBytes)}), ` +
        'served from disk with their length; the same worker code as the floor',
    },
    {
      id: 'sync.real',
      label: 'First sync: real client (pullAll → Dexie, pipelined)',
      setting: where,
      unit: 's',
      baseline: STATIC_FLOOR,
      alsoVs: [FLOOR],
      // It does not see bytes; the floor fetched the very same pages.
      sameDataAs: FLOOR.id,
      target: { text: '≤ 1.15× static floor', met: (row) => (row.ratio ?? Infinity) <= 1.15 },
      note: (row) => `writes ${count(row.details.idbRecords ?? 0)} IndexedDB records (a list row + a texts row each)`,
    },
    {
      id: 'sync.serial',
      label: 'First sync: real client, one page at a time, timed by phase',
      setting: where,
      unit: 's',
      baseline: FLOOR,
      note: (row) =>
        'where the time goes: ' +
        PHASES.map(
          ([part, label]) =>
            `${label} ${(row.partSeconds?.[part] ?? 0).toFixed(1)} s (${percent(row.shares?.[part] ?? 0)})`,
        ).join(' · '),
    },
    {
      id: 'sync.naive',
      label: 'First sync: naive layout (one raw IndexedDB record per language version)',
      setting: where,
      unit: 's',
      baseline: FLOOR,
      note: (row) => `writes ${count(row.details.idbRecords ?? 0)} IndexedDB records; no validation`,
    },
    {
      id: 'sync.rxdb',
      label: 'First sync: peer, RxDB 17 (Dexie.js storage, its replication protocol)',
      setting: where,
      unit: 's',
      baseline: FLOOR,
      note: (row) =>
        `replicateRxCollection pulling the same /api/changes pages (${count(row.details.batch ?? 0)} changes per batch), ` +
        `one RxDB document per record (${count(row.details.idbRecords ?? 0)}) and RxDB's checkpoint, ` +
        "strict durability as the app's; " +
        'schema not validated (no dev-mode); total only',
    },
    {
      id: 'sync.incremental',
      label: `Incremental sync: ${REVISED} contributions changed on the server`,
      setting: where,
      unit: 's',
      note: (row) =>
        `the real client (pullAll → Dexie) after its first sync, once the server re-imported ${REVISED} ` +
        `contributions with new texts in all 10 languages: ${count(row.details.received ?? 0)} changes pulled`,
    },
  ];
}

const MEASURED: [row: string, measurement: MeasurementName | 'static-floor'][] = [
  ['sync.floor', 'download-floor'],
  [STATIC_FLOOR.id, 'static-floor'],
  ['sync.real', 'real-client'],
  ['sync.serial', 'real-client-serial'],
  ['sync.naive', 'naive-layout'],
  ['sync.rxdb', 'rxdb-replication'],
];

const toSample = (sample: BrowserSample): Sample => ({
  value: sample.seconds,
  records: sample.records,
  bytes: sample.bytes,
  parts: sample.parts,
  details: sample.idbRecords === undefined ? {} : { idbRecords: sample.idbRecords },
});

/**
 * The real client's first sync, then, in the same browser and database, its
 * incremental sync after the server re-imported REVISED changed contributions
 * (each repetition changes them again, so there is always something new).
 */
async function firstThenIncremental(
  ctx: BenchContext,
  server: BenchServer,
  args: FirstSyncArgs,
  repetition: number,
  timeoutMs: number,
): Promise<{ first: Sample; incremental: Sample }> {
  return withBenchPage(server.url, 'real-client', timeoutMs, async (run) => {
    const dbName = `bench-app-${crypto.randomUUID()}`;
    const first = await run('real-client', { ...args, dbName });
    await server.importLines(revisedLines(ctx.corpus, `revision ${repetition}, ${new Date().toISOString()}`));
    const incremental = await run('real-client', { ...args, dbName });
    if (incremental.records < REVISED)
      throw new Error(`incremental sync pulled ${incremental.records} changes, not the ${REVISED} revised`);
    return {
      first: toSample(first),
      incremental: {
        value: incremental.seconds,
        records: incremental.records,
        details: { received: incremental.records },
      },
    };
  });
}

/**
 * The static floor: the pages the server would answer now, saved as files
 * (compressed once, as the server compresses them), then fetched and parsed
 * by the floor's own worker code from a plain static file server.
 */
export async function staticFloor(server: BenchServer, args: FirstSyncArgs, timeoutMs: number): Promise<Sample> {
  const pages = await savePages(server, args.limit);
  try {
    const site = await serveStatic(pages, server.siteDir);
    try {
      const sample = await measureOnBenchPage(site.url, 'download-floor', { ...args, baseUrl: site.url }, timeoutMs);
      if (sample.bytes !== pages.bytes)
        throw new Error(`static floor: ${sample.bytes} bytes read, ${pages.bytes} saved`);
      return {
        ...toSample(sample),
        details: { pages: pages.pages, bytes: pages.bytes, wireBytes: pages.wireBytes },
      };
    } finally {
      await site.close();
    }
  } finally {
    await pages.remove();
  }
}

/**
 * Issue 3's figure: the first sync of the whole corpus in headless Chromium,
 * each measurement in a new browser profile (an empty IndexedDB); and issue
 * 10's: the same sync by a peer (RxDB), and the real client's incremental sync.
 */
export function firstSync(ctx: Pick<BenchContext, 'options'>): BenchCase {
  return {
    id: 'first-sync',
    backends: [ctx.options.browserBackend],
    rows: rows(setting(ctx)),
    async run(ctx, repetition) {
      const server = await ctx.server(ctx.options.browserBackend);
      const args: FirstSyncArgs = {
        baseUrl: server.url,
        token: server.token,
        limit: ctx.options.pullLimit,
        maxPages: ctx.corpus.contributions + 100,
      };
      const timeoutMs = 120_000 + ctx.corpus.contributions * 40;
      const samples: Record<string, Sample> = {};
      // Each repetition starts with another measurement, so no one of them always runs first (cold) or last.
      const shift = (repetition - 1) % MEASURED.length;
      for (const [row, measurement] of [...MEASURED.slice(shift), ...MEASURED.slice(0, shift)]) {
        if (measurement === 'static-floor') {
          samples[row] = await staticFloor(server, args, timeoutMs);
        } else if (measurement === 'real-client') {
          const { first, incremental } = await firstThenIncremental(ctx, server, args, repetition, timeoutMs);
          samples[row] = first;
          samples['sync.incremental'] = incremental;
        } else {
          samples[row] = toSample(await measureOnBenchPage(server.url, measurement, args, timeoutMs));
        }
      }
      samples['sync.rxdb']!.details = { ...samples['sync.rxdb']!.details, batch: args.limit };
      return samples;
    },
  };
}
