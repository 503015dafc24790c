import { parseArgs } from 'node:util';
import type { Backend } from './servers.js';

export interface BenchOptions {
  quick: boolean;
  /** Contributions in the synthetic corpus (× 10 language versions each). */
  contributions: number;
  /** Repetitions of every case; each figure is their median. */
  runs: number;
  /** Contributions opened per reader run. */
  readerSamples: number;
  /** Page size asked of the server: the app's own (pull-engine.ts default). */
  pullLimit: number;
  /** The server the browser figures pull from. */
  browserBackend: Backend;
  /** Only cases whose id contains this; the table is then printed but BENCHMARKS.md is left alone. */
  only: string | undefined;
  /** The whole run stops (cleaning up) after this long. */
  deadlineMs: number;
  seed: number;
}

export function readOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      contributions: { type: 'string' },
      runs: { type: 'string' },
      only: { type: 'string' },
    },
    strict: true,
  });
  const quick = values.quick ?? false;
  const whole = (name: string, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number`);
    return n;
  };
  return {
    quick,
    contributions: whole('contributions', values.contributions, quick ? 1_000 : 10_000),
    runs: whole('runs', values.runs, quick ? 2 : 3),
    readerSamples: quick ? 10 : 20,
    pullLimit: 500,
    browserBackend: 'postgres',
    only: values.only,
    deadlineMs: (quick ? 30 : 120) * 60_000,
    seed: 1,
  };
}
