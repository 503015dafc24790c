import { runChild } from '../child.js';
import type { LivePlan, LiveResult } from '../live-clients.js';
import type { BenchCase, RowResult, RowSpec, Sample } from '../registry.js';
import { BACKEND_NAMES, type Backend, type BenchServer } from '../servers.js';
import { count } from './format.js';

const BACKENDS: Backend[] = ['pglite', 'postgres'];
const STREAMS = 2_000;
const PUSHES = 50;
const LIVE_CLIENTS = new URL('../live-clients.ts', import.meta.url).pathname;
const REPO = new URL('../..', import.meta.url).pathname;

const heardId = (backend: Backend) => `live.${backend}.heard`;
const otherId = (backend: Backend) => `live.${backend}.other-p99`;

function rows(backend: Backend): RowSpec[] {
  const setting = `${BACKEND_NAMES[backend]} server process, ${count(STREAMS)} open /api/events streams (one participant each) read in another process, ${PUSHES} pushes of one shared note, one after another`;
  return [
    {
      id: heardId(backend),
      label: `Live channel: time until every one of ${count(STREAMS)} streams has heard of a push`,
      setting,
      unit: 'ms',
      note: (r: RowResult) =>
        `median over the pushes, from sending the push to the last stream's event; ` +
        `max ${count(r.details.allHeardMax ?? 0)} ms; the push itself ${count(r.details.pushP50 ?? 0)} ms (median); ` +
        `opening the streams took ${(r.details.openSeconds ?? 0).toFixed(1)} s`,
    },
    {
      id: otherId(backend),
      label: `Live channel: p99 latency of another participant's request while ${count(STREAMS)} streams hear of each push`,
      setting,
      unit: 'ms',
      note: (r: RowResult) =>
        `GET /api/me one at a time during the pushes: ${count(r.details.otherRequests ?? 0)} requests, ` +
        `median ${(r.details.otherP50 ?? 0).toFixed(1)} ms, max ${count(r.details.otherMax ?? 0)} ms`,
    },
  ];
}

/** Each server's stream holders (a participant and token each), writer and bystander, made once. */
const tokens = new Map<string, Promise<{ streams: string[]; writer: string; other: string }>>();
const tokensOf = (server: BenchServer) => {
  if (!tokens.has(server.url))
    tokens.set(
      server.url,
      (async () => {
        const [writer, other] = await server.participants('live-x', 2);
        return { streams: await server.participants('live', STREAMS), writer: writer!, other: other! };
      })(),
    );
  return tokens.get(server.url)!;
};

/**
 * Issue 15's live channel: 2,000 open event streams on each backend, 50
 * pushes; how long until every stream has heard of each, and what another
 * participant's request costs meanwhile. Streams and requests come from one
 * Node process (bench/live-clients.ts) on the same two cores as the server.
 */
export const liveChannel: BenchCase = {
  id: 'live-channel',
  backends: BACKENDS,
  rows: BACKENDS.flatMap(rows),
  async run(ctx) {
    const samples: Record<string, Sample> = {};
    for (const backend of BACKENDS) {
      const server = await ctx.server(backend);
      const { streams, writer, other } = await tokensOf(server);
      const plan: LivePlan = {
        url: server.url,
        streamTokens: streams,
        writerToken: writer,
        otherToken: other,
        pushes: PUSHES,
        contributionId: ctx.corpus.samples[0]!.id,
      };
      const out = await runChild(process.execPath, ['--import', 'tsx', LIVE_CLIENTS], {
        cwd: REPO,
        env: { ...process.env, LIVE_PLAN: JSON.stringify(plan) },
        timeoutMs: 15 * 60_000,
      });
      const result = JSON.parse(out) as LiveResult;
      const details = { ...result } as unknown as Record<string, number>;
      samples[heardId(backend)] = { value: result.allHeardP50, details };
      samples[otherId(backend)] = { value: result.otherP99, details };
    }
    return samples;
  },
};
