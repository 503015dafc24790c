import type { Corpus } from './corpus.js';
import { log } from './log.js';
import type { BenchOptions } from './options.js';
import type { Backend, BenchServer } from './servers.js';
import { median } from './stats.js';

/**
 * A benchmark case is one unit of work per repetition that yields one sample
 * per row it declares. Cases run interleaved within each repetition, so a
 * ratio pairs a row with its baseline measured minutes apart, not a run apart.
 * A new figure (search, "render a contribution with 200 highlights",
 * "re-anchor 1,000 annotations after an edit") is a new case in bench/cases/
 * added to the list in bench/cases/index.ts.
 */
export interface Sample {
  /** Seconds for 's' rows, milliseconds for 'ms' rows, megabytes (10^6 bytes) of memory for 'MB' rows. */
  value: number;
  /** Wire records (pulled changes) handled, for records/s. */
  records?: number;
  /** Decompressed JSON bytes handled, for MB/s. */
  bytes?: number;
  /** The seconds `records` and `bytes` took, when `value` is not that time (a load row's value is a latency). */
  seconds?: number;
  /** Seconds per phase; the table shows each one's share of their sum. */
  parts?: Record<string, number>;
  /** Anything a row's note reports (IndexedDB records written, a p95…). */
  details?: Record<string, number>;
}

export interface Target {
  text: string;
  met(row: RowResult): boolean;
}

export interface RowSpec {
  id: string;
  label: string;
  setting: string;
  unit: 's' | 'ms' | 'MB';
  /** A row measured in the same repetitions; the table shows this row's time over its time. */
  baseline?: { id: string; name: string };
  /** More rows of the same repetitions this row is compared with, shown after the baseline's ratio. */
  alsoVs?: { id: string; name: string }[];
  target?: Target;
  /** Fetched the very pages this row did in the same repetition: its bytes and records stand for this row's. */
  sameDataAs?: string;
  note?: (row: RowResult) => string;
}

export interface BenchContext {
  options: BenchOptions;
  corpus: Corpus;
  /** The throwaway PostgreSQL cluster's URL (started on first use), for cases that make their own databases. */
  postgresUrl(): Promise<string>;
  /**
   * The real server on a backend, holding the run's corpus, or a corpus of
   * `contributions` (generated and imported on first use); each built once per run.
   */
  server(backend: Backend, contributions?: number): Promise<BenchServer>;
}

export interface BenchCase {
  id: string;
  /** Servers it pulls from, built (corpus imported) before the first repetition. */
  backends: Backend[];
  rows: RowSpec[];
  run(ctx: BenchContext, repetition: number): Promise<Record<string, Sample>>;
}

export interface RowResult {
  spec: RowSpec;
  runs: number;
  /** Medians over the repetitions. */
  value: number;
  megabytesPerSecond?: number;
  recordsPerSecond?: number;
  /** Median of the per-repetition ratios to the baseline. */
  ratio?: number;
  /** Median ratios to the rows of `alsoVs`, by their name. */
  otherRatios?: Record<string, number>;
  shares?: Record<string, number>;
  /** Median seconds per phase. */
  partSeconds?: Record<string, number>;
  details: Record<string, number>;
}

function medianOf(samples: Sample[], pick: (s: Sample) => number | undefined): number | undefined {
  const values = samples.map(pick).filter((v): v is number => v !== undefined && Number.isFinite(v));
  return values.length ? median(values) : undefined;
}

function aggregate(spec: RowSpec, samples: Sample[], byRep: Map<string, Sample[]>): RowResult {
  const seconds = (s: Sample) => s.seconds ?? (spec.unit === 's' ? s.value : s.value / 1000);
  const ratiosTo = (id: string) => {
    const baseline = byRep.get(id);
    return baseline ? samples.map((s, i) => (baseline[i] ? s.value / baseline[i].value : Number.NaN)) : [];
  };
  const ratios = spec.baseline ? ratiosTo(spec.baseline.id) : [];
  const otherRatios = spec.alsoVs?.map((other) => [other.name, ratiosTo(other.id).filter(Number.isFinite)] as const);
  const partNames = [...new Set(samples.flatMap((s) => Object.keys(s.parts ?? {})))];
  const detailNames = [...new Set(samples.flatMap((s) => Object.keys(s.details ?? {})))];
  const shares = (s: Sample, part: string) => {
    const total = Object.values(s.parts ?? {}).reduce((a, b) => a + b, 0);
    return s.parts && total > 0 ? (s.parts[part] ?? 0) / total : undefined;
  };
  return {
    spec,
    runs: samples.length,
    value: median(samples.map((s) => s.value)),
    megabytesPerSecond: medianOf(samples, (s) => (s.bytes === undefined ? undefined : s.bytes / 1e6 / seconds(s))),
    recordsPerSecond: medianOf(samples, (s) => (s.records === undefined ? undefined : s.records / seconds(s))),
    ratio: ratios.length ? median(ratios.filter(Number.isFinite)) : undefined,
    otherRatios: otherRatios
      ? Object.fromEntries(otherRatios.filter(([, r]) => r.length).map(([name, r]) => [name, median([...r])]))
      : undefined,
    shares: partNames.length
      ? Object.fromEntries(partNames.map((part) => [part, medianOf(samples, (s) => shares(s, part)) ?? 0]))
      : undefined,
    partSeconds: partNames.length
      ? Object.fromEntries(partNames.map((part) => [part, medianOf(samples, (s) => s.parts?.[part]) ?? 0]))
      : undefined,
    details: Object.fromEntries(detailNames.map((name) => [name, medianOf(samples, (s) => s.details?.[name]) ?? 0])),
  };
}

/** Runs every case `runs` times, interleaved, and returns one result per declared row, in declaration order. */
export async function runCases(cases: BenchCase[], ctx: BenchContext, runs: number): Promise<RowResult[]> {
  const byRow = new Map<string, Sample[]>();
  for (let repetition = 1; repetition <= runs; repetition++) {
    for (const benchCase of cases) {
      log(`run ${repetition}/${runs}: ${benchCase.id}`);
      const samples = await benchCase.run(ctx, repetition);
      const units = new Map(benchCase.rows.map((row) => [row.id, row.unit]));
      const shown = Object.entries(samples).map(([id, s]) => `${id} ${s.value.toFixed(2)} ${units.get(id) ?? ''}`);
      log(`run ${repetition}/${runs}: ${shown.join(', ')}`);
      for (const row of benchCase.rows) {
        const sample = samples[row.id];
        if (!sample) throw new Error(`case ${benchCase.id} gave no sample for row ${row.id}`);
        byRow.set(row.id, [...(byRow.get(row.id) ?? []), sample]);
      }
    }
  }
  const specs = cases.flatMap((c) => c.rows);
  for (const spec of specs) {
    const source = spec.sameDataAs ? byRow.get(spec.sameDataAs) : undefined;
    byRow.get(spec.id)?.forEach((sample, i) => {
      sample.bytes ??= source?.[i]?.bytes;
      sample.records ??= source?.[i]?.records;
    });
  }
  return specs.map((spec) => aggregate(spec, byRow.get(spec.id) ?? [], byRow));
}
