/**
 * `npm run bench [-- --quick] [--only ID[,ID…]]`: builds what the benchmarks
 * need (the corpus, the servers, the pages), runs every case, prints one
 * markdown table on stdout and writes BENCHMARKS.md. Progress goes to stderr.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildStaticSite, REPO_ROOT } from './builds.js';
import { allCases } from './cases/index.js';
import { cleanupAll, installStopHandlers } from './cleanup.js';
import { writeCorpus, type Corpus } from './corpus.js';
import { log, step } from './log.js';
import { watchMachineLoad } from './machine-load.js';
import { describeMachine } from './machine.js';
import { readOptions } from './options.js';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.js';
import { runCases, type BenchContext } from './registry.js';
import { renderDocument, renderTable } from './report.js';
import { startBenchServer, type BenchServer } from './servers.js';
import { sweepStaleRuns } from './sweep.js';

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

async function main(): Promise<void> {
  const started = performance.now();
  const options = readOptions(process.argv.slice(2));
  installStopHandlers(options.deadlineMs);
  await sweepStaleRuns();
  const machine = describeMachine();
  const load = watchMachineLoad(machine.cores);
  log(
    `${options.quick ? 'quick' : 'full'} run: ${options.contributions.toLocaleString('en')} contributions, ` +
      `${options.runs} run(s) per figure, on ${machine.cpu} (${machine.cores} cores)`,
  );

  // --only takes one id part, or several separated by commas.
  const wanted = options.only?.split(',').filter(Boolean) ?? [];
  const cases = allCases({ options }).filter((c) => !wanted.length || wanted.some((id) => c.id.includes(id)));
  if (cases.length === 0) throw new Error(`no case id contains ${JSON.stringify(options.only)}`);

  // The builds run in child processes while the corpus is generated and imported.
  const site = step('building the renderer and the bench page', buildStaticSite);
  site.catch(() => undefined); // awaited (and reported) by the first server
  const corpus = await step(`generating the corpus`, () =>
    writeCorpus(options.contributions, options.seed, options.readerSamples),
  );
  // Other sizes (the growth figures) are generated when first asked for.
  const corpora = new Map<number, () => Promise<Corpus>>([[corpus.contributions, async () => corpus]]);
  const corpusOf = (n: number) => {
    if (!corpora.has(n))
      corpora.set(
        n,
        once(() =>
          step(`generating a corpus of ${n.toLocaleString('en')}`, () =>
            writeCorpus(n, options.seed, options.readerSamples),
          ),
        ),
      );
    return corpora.get(n)!();
  };
  const cluster = once<PostgresCluster>(() => step('starting a throwaway PostgreSQL cluster', startPostgresCluster));
  const servers = new Map<string, () => Promise<BenchServer>>();
  const ctx: BenchContext = {
    options,
    corpus,
    postgresUrl: async () => (await cluster()).url,
    server(backend, contributions = corpus.contributions) {
      const key = `${backend} ${contributions}`;
      if (!servers.has(key))
        servers.set(
          key,
          once(async () => startBenchServer(backend, await corpusOf(contributions), site, cluster)),
        );
      return servers.get(key)!();
    },
  };
  // Both imports at once, each in its own process: one per core.
  const backends = [...new Set(cases.flatMap((c) => c.backends))];
  await Promise.all(backends.map((backend) => ctx.server(backend)));
  const { renderer } = await site;

  const results = await runCases(cases, ctx, options.runs);
  const table = renderTable(results);
  process.stdout.write(`${table}\n`);

  if (options.only) {
    log('--only: BENCHMARKS.md left as it was');
  } else {
    const version = (...path: string[]) =>
      (
        JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', ...path, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
    const document = renderDocument(table, {
      options,
      machine,
      pglite: version('@electric-sql', 'pglite'),
      rxdb: version('rxdb'),
      corpus,
      renderer,
      imports: await Promise.all([...servers.values()].map((server) => server())),
      load: load.stop(),
      minutes: (performance.now() - started) / 60_000,
    });
    writeFileSync(join(REPO_ROOT, 'BENCHMARKS.md'), document);
    log('wrote BENCHMARKS.md');
  }
}

try {
  await main();
  await cleanupAll();
  process.exit(0);
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  await cleanupAll();
  process.exit(1);
}
