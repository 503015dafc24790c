import type { FirstSyncArgs, MeasurementName } from '../browser/protocol.js';
import { measureOnBenchPage } from '../browser-harness.js';
import type { BenchCase, BenchContext, RowResult, RowSpec, Sample } from '../registry.js';
import { BACKEND_NAMES } from '../servers.js';
import { count } from './format.js';

/**
 * What is measured at each size, in the bench page's worker. A later figure
 * (search's index build, say) that should show its growth is one more entry,
 * and a measurement in the bench page.
 */
const MEASURED: { kind: string; measurement: MeasurementName; label: string }[] = [
  { kind: 'floor', measurement: 'download-floor', label: 'download floor (fetch + JSON.parse)' },
  { kind: 'real', measurement: 'real-client', label: 'real client (pullAll → Dexie)' },
];

export const growthSizes = (quick: boolean) => (quick ? [200, 1_000, 3_000] : [1_000, 10_000, 30_000]);

const rowId = (kind: string, size: number) => `growth.${kind}.${size}`;

/**
 * Issue 10's growth figures: the first sync at three corpus sizes, each
 * imported into a database of its own on the browser figures' backend (the
 * run's own size reuses its server). Every size is measured in every
 * repetition, so the ratios compare figures of the same minutes.
 */
export function growth(ctx: Pick<BenchContext, 'options'>): BenchCase {
  const sizes = growthSizes(ctx.options.quick);
  const smallest = sizes[0]!;
  const backend = ctx.options.browserBackend;
  const rows: RowSpec[] = sizes.flatMap((size) =>
    MEASURED.map(({ kind, label }) => ({
      id: rowId(kind, size),
      label: `Growth: first sync of ${count(size)} contributions, ${label}`,
      setting: `Chromium, Web Worker, ${BACKEND_NAMES[backend]} server`,
      unit: 's' as const,
      baseline: size === smallest ? undefined : { id: rowId(kind, smallest), name: `at ${count(smallest)}` },
      note: (row: RowResult) =>
        `${(row.details.perThousand ?? 0).toFixed(2)} s per 1,000 contributions` +
        (kind === 'floor' ? '' : `; ${(row.details.vsFloor ?? 0).toFixed(2)}× the floor at this size`),
    })),
  );
  return {
    id: 'growth',
    backends: [],
    rows,
    async run(ctx, repetition) {
      const samples: Record<string, Sample> = {};
      const order = repetition % 2 ? MEASURED : [...MEASURED].reverse();
      for (const size of sizes) {
        const server = await ctx.server(backend, size);
        const args: FirstSyncArgs = {
          baseUrl: server.url,
          token: server.token,
          limit: ctx.options.pullLimit,
          maxPages: size + 100,
        };
        for (const { kind, measurement } of order) {
          const sample = await measureOnBenchPage(server.url, measurement, args, 120_000 + size * 40);
          samples[rowId(kind, size)] = {
            value: sample.seconds,
            records: sample.records,
            bytes: sample.bytes,
            details: { perThousand: (sample.seconds * 1000) / size },
          };
        }
        for (const { kind } of MEASURED) {
          const row = samples[rowId(kind, size)]!;
          row.details!.vsFloor = row.value / samples[rowId('floor', size)]!.value;
          // The real client does not count bytes; the floor fetched the very same pages.
          row.bytes ??= samples[rowId('floor', size)]!.bytes;
        }
      }
      return samples;
    },
  };
}
