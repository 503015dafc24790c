import { runChild } from '../child.js';
import type { LoadPlan, LoadResult } from '../load-clients.js';
import { log } from '../log.js';
import { residentBytes, watchPeakResident } from '../process-memory.js';
import type { BenchCase, BenchContext, RowResult, RowSpec, Sample } from '../registry.js';
import { BACKEND_NAMES, type Backend, type BenchServer } from '../servers.js';
import { count } from './format.js';
import type { PullOptions } from '../../server/app.js';

const BACKENDS: Backend[] = ['pglite', 'postgres'];
const CLIENTS = [50, 200];
const MODES = ['pull', 'push'] as const;
type Mode = (typeof MODES)[number];
/** Notes per pushing client, all edited in each of its batches. */
const NOTES = 10;
/** How long requests still in flight at the end may take before they count as errors. */
const DRAIN_SECONDS = 180;

const LOAD_CLIENTS = new URL('../load-clients.ts', import.meta.url).pathname;
const REPO = new URL('../..', import.meta.url).pathname;

const rowId = (backend: Backend, mode: Mode, clients: number) => `load.${backend}.${mode}.${clients}`;
const mb = (bytes: number) => `${Math.round(bytes / 1e6).toLocaleString('en')} MB`;

function row(backend: Backend, mode: Mode, clients: number, seconds: number): RowSpec {
  const what =
    mode === 'pull'
      ? 'first syncs (pages of /api/changes from 0, accepted as Chromium does; timed until the last compressed byte)'
      : `pushes (batches of ${NOTES} note edits)`;
  return {
    id: rowId(backend, mode, clients),
    label: `Server under load: ${clients} clients doing ${what}`,
    setting: `${BACKEND_NAMES[backend]} server process, Node clients in another process`,
    unit: 'ms',
    note: (r: RowResult) =>
      `median latency (whole answer read); ${count(r.details.requestsPerSecond ?? 0)} requests/s, ` +
      `p99 ${count(r.details.p99 ?? 0)} ms, max ${count(r.details.max ?? 0)} ms, ${count(r.details.errors ?? 0)} errors; ` +
      `server RSS peak ${mb(r.details.peakRss ?? 0)} (${mb(r.details.idleRss ?? 0)} before); ` +
      (mode === 'pull' ? `${mb(r.details.wireBytes ?? 0)} on the wire; ` : '') +
      `${seconds} s of new requests, then ${(r.details.drain ?? 0).toFixed(1)} s for those in flight` +
      (mode === 'push' ? '; MB/s is request bodies' : ''),
  };
}

/** Each server's load clients, made once: participants `load-1…200`, a token each. */
const tokens = new Map<string, Promise<string[]>>();
const tokensOf = (server: BenchServer) => {
  if (!tokens.has(server.url)) tokens.set(server.url, server.participants('load', Math.max(...CLIENTS)));
  return tokens.get(server.url)!;
};

async function scenario(server: BenchServer, plan: LoadPlan, variant = ''): Promise<Sample> {
  const idle = residentBytes(server.pid);
  const peak = watchPeakResident(server.pid);
  let out: string;
  let peakRss: number;
  try {
    out = await runChild(process.execPath, ['--import', 'tsx', LOAD_CLIENTS], {
      cwd: REPO,
      env: { ...process.env, LOAD_PLAN: JSON.stringify(plan) },
      timeoutMs: (plan.seconds + plan.drainSeconds + 120) * 1000,
    });
  } finally {
    peakRss = peak.stop();
  }
  const result = JSON.parse(out) as LoadResult;
  const errors = Object.values(result.errors).reduce((a, b) => a + b, 0);
  const what = `${BACKEND_NAMES[server.backend]}, ${plan.tokens.length} clients, ${plan.mode}${variant}`;
  // Failed requests are counted in the row (its note, and no target is met with any), not thrown:
  // the answer as it was before issue 19 may not keep up, and that is its figure.
  for (const [message, times] of Object.entries(result.errors)) log(`${what}: ${times} × ${message}`);
  if (result.requests === 0) throw new Error(`${what}: no request was answered`);
  return {
    value: result.p50,
    seconds: result.elapsedSeconds,
    bytes: result.bytes,
    records: result.records,
    details: {
      requestsPerSecond: result.requests / result.elapsedSeconds,
      p99: result.p99,
      max: result.max,
      errors,
      peakRss,
      idleRss: idle,
      drain: Math.max(0, result.elapsedSeconds - plan.seconds),
      wireBytes: result.wireBytes,
    },
  };
}

/**
 * Issue 10's server under load: 50 and 200 clients at once, each with its
 * own token, doing first syncs or pushes for a fixed time, on each backend.
 * The server runs in a process of its own (bench/server-process.ts), so its
 * peak RSS is read from /proc; with PostgreSQL, the database's own processes
 * are not counted. The clients share one Node process (bench/load-clients.ts)
 * on the same two cores as the server: the figures are the machine's, not
 * the server's alone.
 */
/** The pull answer as it was before issue 19: JSON streamed through @fastify/compress (gzip 1), every page built at once. */
const LEGACY_PULL: PullOptions = { compression: [], builds: 1_000_000, cacheBytes: 0 };
/** Issue 19's first steps alone (compressed once, at most 4 pages built at once), without the corpus page cache. */
const UNCACHED_PULL: PullOptions = { cacheBytes: 0 };
const LEGACY_CLIENTS = 200;
const legacyId = (backend: Backend) => `${rowId(backend, 'pull', LEGACY_CLIENTS)}.legacy`;
const uncachedId = (backend: Backend) => `${rowId(backend, 'pull', LEGACY_CLIENTS)}.uncached`;

function uncachedRow(backend: Backend, seconds: number): RowSpec {
  const spec = row(backend, 'pull', LEGACY_CLIENTS, seconds);
  return {
    ...spec,
    id: uncachedId(backend),
    label: `${spec.label}, without the corpus page cache (each page built for its request, compressed once, 4 at once)`,
  };
}

function legacyRow(backend: Backend, seconds: number): RowSpec {
  const spec = row(backend, 'pull', LEGACY_CLIENTS, seconds);
  return {
    ...spec,
    id: legacyId(backend),
    label: `${spec.label}, pull answer as before issue 19 (gzip 1 streamed per request, no cap on page builds)`,
  };
}

/** The targets for a room at once (issue 19). */
function withTarget(spec: RowSpec, mode: Mode, clients: number): RowSpec {
  if (clients !== 200) return spec;
  if (mode === 'pull')
    return {
      ...spec,
      baseline: { id: `${spec.id}.legacy`, name: 'before' },
      target: {
        text: 'MB/s ≥ 3× before, p99 ≤ 2 s, RSS ≤ 1 GB',
        met: (r) =>
          !r.details.errors &&
          (r.details.throughputVsBefore ?? 0) >= 3 &&
          (r.details.p99 ?? Infinity) <= 2000 &&
          (r.details.peakRss ?? Infinity) <= 1e9,
      },
      note: (r) => `${spec.note!(r)}; MB/s ${(r.details.throughputVsBefore ?? 0).toFixed(2)}× before`,
    };
  return {
    ...spec,
    target: {
      text: 'p99 ≤ 1 s, ≥ 2,000 mutations/s',
      met: (r) => !r.details.errors && (r.details.p99 ?? Infinity) <= 1000 && (r.recordsPerSecond ?? 0) >= 2000,
    },
  };
}

export function loadCase(ctx: Pick<BenchContext, 'options'>): BenchCase {
  const seconds = ctx.options.quick ? 3 : 10;
  return {
    id: 'load',
    backends: BACKENDS,
    rows: BACKENDS.flatMap((backend) => [
      ...MODES.flatMap((mode) =>
        CLIENTS.map((clients) => withTarget(row(backend, mode, clients, seconds), mode, clients)),
      ),
      legacyRow(backend, seconds),
      uncachedRow(backend, seconds),
    ]),
    async run(ctx) {
      const samples: Record<string, Sample> = {};
      for (const backend of BACKENDS) {
        const server = await ctx.server(backend);
        const all = await tokensOf(server);
        for (const mode of MODES) {
          for (const clients of CLIENTS) {
            const plan: LoadPlan = {
              url: server.url,
              tokens: all.slice(0, clients),
              mode,
              seconds,
              drainSeconds: DRAIN_SECONDS,
              limit: ctx.options.pullLimit,
              notes: NOTES,
              contributionId: ctx.corpus.samples[0]!.id,
            };
            samples[rowId(backend, mode, clients)] = await scenario(server, plan);
            if (mode === 'pull' && clients === LEGACY_CLIENTS) {
              for (const [id, pull] of [
                [legacyId(backend), LEGACY_PULL],
                [uncachedId(backend), UNCACHED_PULL],
              ] as const) {
                await server.tunePull(pull);
                try {
                  samples[id] = await scenario(server, plan, ` (${id})`);
                } finally {
                  await server.tunePull({});
                }
              }
              // The room's aggregate throughput against the answer as it was, in this same repetition.
              const perSecond = (x: Sample) => (x.bytes ?? 0) / (x.seconds ?? Infinity);
              const now = samples[rowId(backend, mode, clients)]!;
              now.details = {
                ...now.details,
                throughputVsBefore: perSecond(now) / perSecond(samples[legacyId(backend)]!),
              };
            }
          }
        }
      }
      return samples;
    },
  };
}
