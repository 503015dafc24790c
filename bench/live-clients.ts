/**
 * The live channel under many streams, for cases/live-channel.ts: run in a
 * process of its own (`LIVE_PLAN=JSON node --import tsx bench/live-clients.ts`:
 * the tokens stay out of the command line), so that reading thousands of
 * streams never runs in the server's process.
 *
 * Opens one GET /api/events per token (each token its own participant, as
 * each device is), waits for every hello, then makes `pushes` pushes one
 * after another (one new shared note each, from a writer of its own); after
 * each, waits until every stream has had its `changes` event. Meanwhile
 * another participant asks GET /api/me again and again, one at a time: the
 * latency of a request that has nothing to do with the fan-out. Prints one
 * JSON LiveResult on stdout.
 */
import { request, type IncomingMessage } from 'node:http';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../shared/protocol/pull.js';
import { annotationPut } from './cases/push.js';
import { percentile } from './stats.js';

export interface LivePlan {
  url: string;
  streamTokens: string[];
  writerToken: string;
  otherToken: string;
  pushes: number;
  contributionId: string;
}

export interface LiveResult {
  streams: number;
  pushes: number;
  /** Per push, ms from sending it until the last stream heard of it: median, max. */
  allHeardP50: number;
  allHeardMax: number;
  /** The push's own answer, ms (median). */
  pushP50: number;
  /** The unrelated request's latencies, ms. */
  otherRequests: number;
  otherP50: number;
  otherP99: number;
  otherMax: number;
  /** Seconds to open every stream (each read its first head). */
  openSeconds: number;
}

const plan = JSON.parse(process.env.LIVE_PLAN ?? '{}') as LivePlan;
const target = new URL(plan.url);
const headers = (token: string) => ({ authorization: `Bearer ${token}`, [PROTOCOL_HEADER]: String(PROTOCOL_VERSION) });

interface Stream {
  changes: number;
  /** When the n-th `changes` event arrived (performance.now()). */
  heardAt: number[];
  response?: IncomingMessage;
}

function openStream(token: string): Promise<Stream> {
  const stream: Stream = { changes: 0, heardAt: [] };
  return new Promise((resolve, reject) => {
    const req = request(
      { host: target.hostname, port: target.port, path: '/api/events', headers: headers(token), agent: false },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
        stream.response = res;
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const message = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (message.startsWith('event: hello')) resolve(stream);
            else if (message.startsWith('event: changes')) {
              stream.changes += 1;
              stream.heardAt.push(performance.now());
            }
          }
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<LiveResult> {
  const t0 = performance.now();
  const streams: Stream[] = [];
  // A hundred at a time: a burst of thousands of connects measures the accept queue, not the channel.
  for (let i = 0; i < plan.streamTokens.length; i += 100)
    streams.push(...(await Promise.all(plan.streamTokens.slice(i, i + 100).map(openStream))));
  const openSeconds = (performance.now() - t0) / 1000;

  let pushing = true;
  const other: number[] = [];
  const unrelated = (async () => {
    while (pushing) {
      const start = performance.now();
      const res = await fetch(`${plan.url}/api/me`, { headers: headers(plan.otherToken) });
      await res.text();
      if (!res.ok) throw new Error(`GET /api/me answered ${res.status}`);
      other.push(performance.now() - start);
      await sleep(5);
    }
  })();

  const allHeard: number[] = [];
  const pushTimes: number[] = [];
  for (let k = 1; k <= plan.pushes; k++) {
    const start = performance.now();
    const res = await fetch(`${plan.url}/api/push`, {
      method: 'POST',
      headers: { ...headers(plan.writerToken), 'content-type': 'application/json' },
      body: JSON.stringify({ mutations: [annotationPut(plan.contributionId, `live ${k}`)] }),
    });
    const body = await res.text();
    if (!res.ok) throw new Error(`push answered ${res.status}: ${body.slice(0, 200)}`);
    pushTimes.push(performance.now() - start);
    const deadline = performance.now() + 120_000;
    while (streams.some((s) => s.changes < k)) {
      if (performance.now() > deadline) throw new Error(`push ${k}: some streams never heard of it`);
      await sleep(2);
    }
    allHeard.push(Math.max(...streams.map((s) => s.heardAt[k - 1]!)) - start);
  }
  pushing = false;
  await unrelated;
  for (const s of streams) s.response?.destroy();
  return {
    streams: streams.length,
    pushes: plan.pushes,
    allHeardP50: percentile(allHeard, 50),
    allHeardMax: Math.max(...allHeard),
    pushP50: percentile(pushTimes, 50),
    otherRequests: other.length,
    otherP50: percentile(other, 50),
    otherP99: percentile(other, 99),
    otherMax: Math.max(...other),
    openSeconds,
  };
}

process.stdout.write(`${JSON.stringify(await main())}\n`);
process.exit(0);
