import { LIST_SIZE } from './cases/contribution-list.js';
import { growthSizes } from './cases/growth.js';
import { REVISED, type Corpus } from './corpus.js';
import type { LoadReport } from './machine-load.js';
import type { Machine } from './machine.js';
import type { BenchOptions } from './options.js';
import type { RowResult } from './registry.js';
import { BACKEND_NAMES, type BenchServer } from './servers.js';

const significant = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const thousands = (n: number) => Math.round(n).toLocaleString('en');
const cell = (text: string) => text.replaceAll('|', '\\|');

function row(r: RowResult): string {
  const { spec } = r;
  const target = spec.target ? `${spec.target.text}: ${spec.target.met(r) ? 'met' : '**missed**'}` : '';
  const ratio = [
    ...(r.ratio !== undefined && spec.baseline ? [`${r.ratio.toFixed(2)}× ${spec.baseline.name}`] : []),
    ...Object.entries(r.otherRatios ?? {}).map(([name, value]) => `${value.toFixed(2)}× ${name}`),
  ].join(' · ');
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
  /** The peer of the first-sync figures. */
  rxdb: string;
  corpus: Corpus;
  renderer: string;
  /** Every server the run built, with the corpus it imported. */
  imports: Pick<BenchServer, 'backend' | 'corpus' | 'importSeconds'>[];
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
  const imports = facts.imports
    .map(({ backend, corpus: imported, importSeconds }) =>
      imported.contributions === corpus.contributions
        ? `${importSeconds.toFixed(0)} s into ${BACKEND_NAMES[backend]}`
        : `${importSeconds.toFixed(0)} s for ${thousands(imported.contributions)} contributions into ${BACKEND_NAMES[backend]}`,
    )
    .join(', ');
  const command = `npm run bench${options.quick ? ' -- --quick' : ''}`;
  // One line per paragraph: the text holds figures of any length, so it is not wrapped by hand.
  return `# Benchmarks

Written by \`${command}\` (do not edit by hand: run it again). Every figure is the median of ${options.runs} run${options.runs > 1 ? 's' : ''}; every ratio compares two figures measured in the same run (the median of the per-repetition ratios). The whole run took ${facts.minutes.toFixed(1)} min.

- **Machine**: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGiB} GiB RAM; ${machine.date}.
- **Software**: Node ${machine.node}, ${machine.chromium} (headless, with the e2e tests' flags), ${machine.postgres}, PGlite ${facts.pglite}, RxDB ${facts.rxdb} (the peer).
- **Load**: ${loadSentence(facts)}
- **Corpus**: ${thousands(corpus.contributions)} synthetic contributions × 10 languages (\`server/demo/synthetic-corpus.ts\`, seed ${options.seed}), ${(corpus.fileBytes / 1e6).toFixed(0)} MB of JSON Lines, generated into a temp dir and imported with the real importer (\`npm run admin -- import\`: ${imports}; once per run, not a figure).

${table}

## How to read it

- **MB/s** counts the decompressed JSON of the pull pages (gzip on the wire); **records/s** counts pulled changes (one per contribution, with its ten language versions, plus the agenda), whatever each client writes.
- Pages are asked with \`limit=${options.pullLimit}\`, the app's own (\`renderer/sync/pull-engine.ts\`); the server also caps a page at 4 M characters of text.
- **Servers**: each one is the real server (\`startServer\`) in a process of its own (\`bench/server-process.ts\`), so its memory can be read and nothing of the harness shares its event loop. PGlite runs inside the server's process, in a data folder, as \`npm start\` runs it; PostgreSQL is a throwaway local cluster with fsync off.
- **Server alone**: the Node client (\`bench/node-pull.ts\`) runs in its own process too.
- **First sync** rows run in a Web Worker of the bench page (\`bench/browser/\`), as the app's sync does, served by the real server, each in a new browser profile (an empty IndexedDB). The floor fetches and parses each page and stores nothing. The real client is \`pullAll\` with the app's API client (zod validation included) into \`openSeminarDb\`, fetching the next page while it writes the current one. The timed-by-phase row runs the same pieces one page at a time so that its phases add up: their shares say where the real client's time goes ("network" is the wait for each whole response: the server building the page, gzip, transfer). The naive layout writes one raw IndexedDB record per language version, fetching the next page while writing, and skips validation.
- **The peer** (\`bench/browser/rxdb-replication.ts\`, in a worker of its own: RxDB ships its own Dexie, and two Dexie versions refuse to share a global) is RxDB's open-source core with its Dexie.js storage (given the app's strict transaction durability, where Chromium's default is relaxed), one collection, and \`replicateRxCollection\` (pull only, not live, \`batchSize\` ${options.pullLimit}). Its pull handler fetches the server's own \`/api/changes\` pages, with the app's headers, from the checkpoint RxDB keeps, and maps each change to one document (key \`kind:id\`, the change kept whole, an index on the question as the app's list has); since RxDB ends a pull at the first batch shorter than \`batchSize\`, a page the server cut short (4 M characters) is followed within the same batch. RxDB asks for the next batch while it writes the previous one; a pull-only replication stores its checkpoint but not each document's server state; no dev-mode, no schema validation. Only its total is timed.
- **Incremental sync**: in the same browser, right after the real client's first sync, the server re-imports ${REVISED} contributions spread over the corpus with changed texts in all ten languages (the real importer, run in the server's process), and the real client's \`pullAll\` is timed again until it is up to date.
- **Growth** rows run the floor and the real client at three sizes (${growthSizes(options.quick)
    .map(thousands)
    .join(
      ', ',
    )} contributions), each generated with the same seed and imported into a database of its own on PostgreSQL (the run's own size is the shared server, which from the second repetition on also holds the notes pushed in earlier ones); "× at N" compares with the smallest size, measured in the same repetition.
- **Real app** rows drive the built renderer (\`vite.renderer.config.ts\`; this run used ${facts.renderer}) in the same Chromium: signed in through its settings, it syncs through its own worker until the status says up to date, then each sampled contribution is opened from its question's list (a hash route, as its link does) and switched to another language with the version switcher. Times are taken in the page, from the action until the expected text is in the DOM and laid out (paint excluded).
- **Contribution list** rows: the synthetic corpus has eight questions, so a question holding ${thousands(LIST_SIZE)} contributions is written into the real app's IndexedDB (copies of a synced list row) and the page reloaded; it is then opened from the question index and scrolled, timed in the page (frames by \`requestAnimationFrame\`; headless Chromium draws at 60 Hz).
- **Renderer memory**: right after the real app's first sync, the JavaScript heap in use after forced garbage collections (DevTools protocol \`Runtime.getHeapUsage\`) on the UI thread and in the sync worker; the search worker's heap is shown apart (the search rows have their own figures). IndexedDB's data lives in the browser process, not in these heaps.
- **Server under load**: N clients at once, each its own participant and token with one request in flight, all in one Node process (\`bench/load-clients.ts\`) on the same two cores as the server. First syncs ask pages of ${options.pullLimit} from 0, as the app does, and start again at the end of the log; pushes send batches of edits of the client's own ten private notes (the same notes every time, so runs do not lengthen the change log; other participants' pulls carry them as \`annotation-hidden\`). New requests start for ${options.quick ? 3 : 10} s; those in flight then finish, and count. The Median column is the median latency (request sent to whole answer read); MB/s and records/s (changes received, or mutations applied) are over the whole time. An HTTP error, a refused mutation or an answer later than 3 min after the end fails the run and is printed. Memory is the server process's peak RSS (the kernel's high-water mark, reset before each scenario); with PostgreSQL, the database's own processes are not in it.

## Adding a figure

Write a case in \`bench/cases/\` (a \`BenchCase\` from \`bench/registry.ts\`: its rows, and one sample per row per repetition) and list it in \`bench/cases/index.ts\`. In-browser measurements go in the bench page's registry (\`MEASUREMENTS\` in \`bench/browser/first-sync.ts\`, or a module like it), or drive the real app as \`bench/cases/real-app.ts\` does. \`npm run bench -- --only ID\` runs the cases whose id contains ID and prints their rows without touching this file.
`;
}
