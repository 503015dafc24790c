import type { Corpus } from './corpus.js';
import type { LoadReport } from './machine-load.js';
import type { Machine } from './machine.js';
import type { BenchOptions } from './options.js';
import type { RowResult } from './registry.js';
import { BACKEND_NAMES, type Backend } from './servers.js';

const significant = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const thousands = (n: number) => Math.round(n).toLocaleString('en');
const cell = (text: string) => text.replaceAll('|', '\\|');

function row(r: RowResult): string {
  const { spec } = r;
  const target = spec.target ? `${spec.target.text}: ${spec.target.met(r) ? 'met' : '**missed**'}` : '';
  const ratio = r.ratio !== undefined && spec.baseline ? `${r.ratio.toFixed(2)}× ${spec.baseline.name}` : '';
  return `| ${[
    spec.label,
    spec.setting,
    `${significant(r.value)} ${spec.unit}`,
    r.megabytesPerSecond === undefined ? '' : r.megabytesPerSecond.toFixed(1),
    r.recordsPerSecond === undefined ? '' : thousands(r.recordsPerSecond),
    ratio,
    target,
    spec.note?.(r) ?? '',
  ]
    .map(cell)
    .join(' | ')} |`;
}

/** The one table: what `npm run bench` prints on stdout and puts in BENCHMARKS.md. */
export function renderTable(results: RowResult[]): string {
  return [
    '| Benchmark | Setting | Median | MB/s | Records/s | vs baseline | Target | Notes |',
    '|---|---|--:|--:|--:|--:|---|---|',
    ...results.map(row),
  ].join('\n');
}

export interface RunFacts {
  options: BenchOptions;
  machine: Machine;
  pglite: string;
  corpus: Corpus;
  renderer: string;
  imports: Partial<Record<Backend, number>>;
  load: LoadReport;
  minutes: number;
}

function loadSentence({ load }: RunFacts): string {
  const average = load.othersAverage.toFixed(2);
  const peak = load.othersPeak.toFixed(2);
  const shared = load.othersAverage >= 0.25 || load.othersPeak >= 0.75;
  return shared
    ? `**The run shared the machine**: other processes used ${average} of its ${load.cores} cores on average ` +
        `(${peak} in the busiest 10 s). Figures are noisier, and slower, than on a quiet machine.`
    : `The machine was otherwise quiet: other processes used ${average} of its ${load.cores} cores on average ` +
        `(${peak} at peak).`;
}

export function renderDocument(table: string, facts: RunFacts): string {
  const { options, machine, corpus } = facts;
  const imports = (Object.entries(facts.imports) as [Backend, number][])
    .map(([backend, seconds]) => `${seconds.toFixed(0)} s into ${BACKEND_NAMES[backend]}`)
    .join(', ');
  const command = `npm run bench${options.quick ? ' -- --quick' : ''}`;
  // One line per paragraph: the text holds figures of any length, so it is not wrapped by hand.
  return `# Benchmarks

Written by \`${command}\` (do not edit by hand: run it again). Every figure is the median of ${options.runs} run${options.runs > 1 ? 's' : ''}; every ratio compares two figures measured in the same run (the median of the per-repetition ratios). The whole run took ${facts.minutes.toFixed(1)} min.

- **Machine**: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM; ${machine.date}.
- **Software**: Node ${machine.node}, ${machine.chromium} (headless, with the e2e tests' flags), ${machine.postgres}, PGlite ${facts.pglite}.
- **Load**: ${loadSentence(facts)}
- **Corpus**: ${thousands(corpus.contributions)} synthetic contributions × 10 languages (\`server/demo/synthetic-corpus.ts\`, seed ${options.seed}), ${(corpus.fileBytes / 1e6).toFixed(0)} MB of JSON Lines, generated into a temp dir and imported with the real importer (\`npm run admin -- import\`: ${imports}; once per run, not a figure).

${table}

## How to read it

- **MB/s** counts the decompressed JSON of the pull pages (gzip on the wire); **records/s** counts pulled changes (one per contribution, with its ten language versions, plus the agenda), whatever each client writes.
- Pages are asked with \`limit=${options.pullLimit}\`, the app's own (\`renderer/sync/pull-engine.ts\`); the server also caps a page at 4 M characters of text.
- **Server alone**: the Node client (\`bench/node-pull.ts\`) runs in its own process, so its parsing does not share the server's event loop. PGlite runs inside the server's process, in a data folder, as \`npm start\` runs it; PostgreSQL is a throwaway local cluster with fsync off.
- **First sync** rows run in a Web Worker of the bench page (\`bench/browser/\`), as the app's sync does, served by the real server, each in a new browser profile (an empty IndexedDB). The floor fetches and parses each page and stores nothing. The real client is \`pullAll\` with the app's API client (zod validation included) into \`openSeminarDb\`, fetching the next page while it writes the current one. The timed-by-phase row runs the same pieces one page at a time so that its phases add up: their shares say where the real client's time goes ("network" is the wait for each whole response: the server building the page, gzip, transfer). The naive layout writes one raw IndexedDB record per language version, fetching the next page while writing, and skips validation.
- **Real app** rows drive the built renderer (\`vite.renderer.config.ts\`; this run used ${facts.renderer}) in the same Chromium: signed in through its settings, it syncs through its own worker until the status says up to date, then each sampled contribution is opened from its question's list (a hash route, as its link does) and switched to another language with the version switcher. Times are taken in the page, from the action until the expected text is in the DOM and laid out (paint excluded).

## Adding a figure

Write a case in \`bench/cases/\` (a \`BenchCase\` from \`bench/registry.ts\`: its rows, and one sample per row per repetition) and list it in \`bench/cases/index.ts\`. In-browser measurements go in the bench page's registry (\`MEASUREMENTS\` in \`bench/browser/first-sync.ts\`, or a module like it), or drive the real app as \`bench/cases/real-app.ts\` does. \`npm run bench -- --only ID\` runs the cases whose id contains ID and prints their rows without touching this file.
`;
}
