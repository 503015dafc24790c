/**
 * Many clients at once against one server, for the load figures: run by
 * cases/load.ts in a process of its own (`LOAD_PLAN=JSON node --import tsx
 * bench/load-clients.ts`: the tokens stay out of the command line), so that the clients' decompression and
 * parsing never run in the server's process. Each client has its own
 * participant and token and one request in flight at a time, as the app's
 * sync does:
 *
 * - `pull`: first syncs, page after page from `since = 0` as the app asks
 *   (same headers, the encodings Chromium accepts, the app's page size),
 *   starting again from 0 at the end of the log. A page's latency is until
 *   its last byte is read, still compressed: each laptop of a room
 *   decompresses and parses on its own CPU, so one process doing it for 200
 *   on the server's two cores would measure itself (see readPage);
 * - `push`: batches of edits of the client's own notes, each made on the
 *   version the server last gave it (so no conflict is expected; the notes
 *   are the same ones every time, and the change log does not grow with runs).
 *
 * New requests start until `seconds` have passed; those in flight then end
 * (their time counts: the elapsed time is until the last answer) unless they
 * take more than `drainSeconds` more, which is an error. Prints one JSON
 * LoadResult on stdout.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import zlib from 'node:zlib';
import { decompressBody, type PullEncoding } from '../server/pull/pull-answer.js';
import { pathToFileURL } from 'node:url';
import { hashText } from '../shared/anchoring/index.js';
import type { AnnotationId } from '../shared/model/annotations.js';
import type { ContributionId } from '../shared/model/entities.js';
import type { Mutation } from '../shared/protocol/mutations.js';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, type PullPage } from '../shared/protocol/pull.js';
import type { PushResponse } from '../shared/protocol/push.js';

export interface LoadPlan {
  url: string;
  /** One per client. */
  tokens: string[];
  mode: 'pull' | 'push';
  seconds: number;
  drainSeconds: number;
  /** Pull: the page size asked. */
  limit: number;
  /** Push: notes per client, all edited in each batch. */
  notes: number;
  /** Push: the contribution the notes are on. */
  contributionId: string;
}

export interface LoadResult {
  /** Answered requests (errors excluded), and their latencies' summary in ms. */
  requests: number;
  p50: number;
  p99: number;
  max: number;
  /** Until the last answer. */
  elapsedSeconds: number;
  /** Decompressed response bytes (pull) or request bytes (push). */
  bytes: number;
  /** Pull: the same responses' bytes on the wire. */
  wireBytes: number;
  /** Changes received (pull) or mutations applied (push). */
  records: number;
  /** Message → how many times. */
  errors: Record<string, number>;
}

class Stats {
  latencies: number[] = [];
  bytes = 0;
  /** Pull: bytes as they came on the wire (compressed). */
  wireBytes = 0;
  records = 0;
  errors = new Map<string, number>();
  fail(message: string) {
    this.errors.set(message, (this.errors.get(message) ?? 0) + 1);
  }
}

const headers = (token: string) => ({
  authorization: `Bearer ${token}`,
  [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
  'accept-encoding': 'gzip',
});

/** What Chromium (and so the app in Electron) sends: the server answers pages in zstd (pull-answer.ts). */
const BROWSER_ENCODINGS = 'gzip, deflate, br, zstd';
const PULL_ENCODINGS: readonly PullEncoding[] = ['zstd', 'br', 'gzip'];

/** A keep-alive agent per client, as a browser keeps its connection to the server. */
const agents = new Map<string, http.Agent>();
const agentOf = (token: string) => {
  let agent = agents.get(token);
  if (!agent) agents.set(token, (agent = new http.Agent({ keepAlive: true, maxSockets: 1 })));
  return agent;
};

/** A GET timed until its last byte, the body left as it came (Node's fetch would decompress it). */
async function timedRaw(
  stats: Stats,
  signal: AbortSignal,
  url: string,
  token: string,
): Promise<{ body: Buffer; encoding: string | undefined } | undefined> {
  const t0 = performance.now();
  try {
    const { status, body, encoding } = await new Promise<{ status: number; body: Buffer; encoding?: string }>(
      (resolve, reject) => {
        const request = http.get(
          url,
          { agent: agentOf(token), signal, headers: { ...headers(token), 'accept-encoding': BROWSER_ENCODINGS } },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                body: Buffer.concat(chunks),
                encoding: response.headers['content-encoding'],
              }),
            );
            response.on('error', reject);
          },
        );
        request.on('error', reject);
      },
    );
    if (status < 200 || status >= 300) {
      const text = encoding ? decode(body, encoding) : body;
      stats.fail(`HTTP ${status}: ${text.subarray(0, 200).toString()}`);
      return undefined;
    }
    stats.latencies.push(performance.now() - t0);
    return { body, encoding };
  } catch (error) {
    stats.fail(signal.aborted ? 'no answer before the drain deadline' : `request failed: ${String(error)}`);
    return undefined;
  }
}

/** The server's own decoder (pull-answer.ts) for what it sends; anything else is a bench error. */
function decode(body: Buffer, encoding: string): Buffer {
  if (!PULL_ENCODINGS.includes(encoding as PullEncoding)) throw new Error(`unexpected Content-Encoding ${encoding}`);
  return decompressBody(body, encoding as PullEncoding);
}

/** A request timed until its whole body is read; an HTTP error is recorded, not thrown. */
async function timed(
  stats: Stats,
  signal: AbortSignal,
  url: string,
  init: RequestInit,
): Promise<{ status: number; body: Buffer } | undefined> {
  const t0 = performance.now();
  try {
    const response = await fetch(url, { ...init, signal });
    const body = Buffer.from(await response.arrayBuffer());
    if (!response.ok) {
      stats.fail(`HTTP ${response.status}: ${body.subarray(0, 200).toString()}`);
      return undefined;
    }
    stats.latencies.push(performance.now() - t0);
    return { status: response.status, body };
  } catch (error) {
    stats.fail(signal.aborted ? 'no answer before the drain deadline' : `request failed: ${String(error)}`);
    return undefined;
  }
}

/**
 * What a load client needs of a page: where it ends and how many changes it
 * holds, without parsing the changes. 200 clients parsing every page in one
 * process on the server's two cores measured the clients (each device parses
 * its own pages on its own CPU), not the server. A page's changes come first
 * and each starts with `{"seq":` (inside a string, a quote is escaped); the
 * fields after them are parsed.
 */
const CHANGE = Buffer.from('{"seq":');
const TAIL = Buffer.from('],"protocol":');
function readPlainPage(body: Buffer): { changes: number; checkpoint: number; hasMore: boolean } {
  const tail = body.lastIndexOf(TAIL);
  if (tail < 0) throw new Error(`not a pull page: ${body.subarray(0, 200).toString()}`);
  const fields = JSON.parse(`{${body.subarray(tail + 2).toString()}`) as Omit<PullPage, 'changes'>;
  let changes = 0;
  for (let at = body.indexOf(CHANGE); at >= 0 && at < tail; at = body.indexOf(CHANGE, at + CHANGE.length)) changes++;
  return { changes, checkpoint: fields.checkpoint, hasMore: fields.hasMore };
}

/** A zstd frame's first bytes (RFC 8878). */
const ZSTD_MAGIC = Buffer.from([0x28, 0xb5, 0x2f, 0xfd]);
/** How far from the end a cached page's own tail frame may start: the tail is a few hundred bytes. */
const TAIL_WINDOW = 4096;

/**
 * A page from the corpus cache is the shared changes as one zstd frame and
 * the participant's few fields as a second, last one (server/pull/spliced-body.ts).
 * The tail frame is found from the end and decoded alone; the shared part's
 * change count is learnt once, by decompressing the first copy of it this
 * process reads, and checked by its length for every later copy. Any other
 * page (not zstd, or not from the cache) is decompressed and read whole.
 */
const sharedParts = new Map<string, { changes: number; plainBytes: number }>();

function readTail(body: Buffer): { at: number; fields: Omit<PullPage, 'changes'> } | undefined {
  for (let at = body.lastIndexOf(ZSTD_MAGIC); at > 0 && at >= body.length - TAIL_WINDOW;) {
    try {
      const text = zlib.zstdDecompressSync(body.subarray(at)).toString();
      if (text.startsWith(',"protocol":')) return { at, fields: JSON.parse(`{${text.slice(1)}`) };
    } catch {
      // Not a frame boundary: those bytes only look like the magic number.
    }
    at = body.lastIndexOf(ZSTD_MAGIC, at - 1);
  }
  return undefined;
}

function readPage(
  body: Buffer,
  encoding: string | undefined,
  since: number,
): { changes: number; plainBytes: number; checkpoint: number; hasMore: boolean } {
  const tail = encoding === 'zstd' ? readTail(body) : undefined;
  if (!tail) {
    const plain = encoding ? decode(body, encoding) : body;
    return { ...readPlainPage(plain), plainBytes: plain.length };
  }
  const key = `${since}:${tail.at}`;
  let shared = sharedParts.get(key);
  if (!shared) {
    const plain = decode(body, 'zstd');
    const page = readPlainPage(plain);
    if (page.checkpoint !== tail.fields.checkpoint)
      throw new Error('the tail frame read alone disagrees with the page');
    shared = {
      changes: page.changes,
      plainBytes: plain.length - zlib.zstdDecompressSync(body.subarray(tail.at)).length,
    };
    sharedParts.set(key, shared);
  }
  const tailBytes = JSON.stringify(tail.fields).length; // the tail's plain length, give or take its comma
  return {
    changes: shared.changes,
    plainBytes: shared.plainBytes + tailBytes,
    checkpoint: tail.fields.checkpoint,
    hasMore: tail.fields.hasMore,
  };
}

async function pullClient(plan: LoadPlan, token: string, stats: Stats, until: number, signal: AbortSignal) {
  let since = 0;
  while (performance.now() < until && !signal.aborted) {
    const answer = await timedRaw(stats, signal, `${plan.url}/api/changes?since=${since}&limit=${plan.limit}`, token);
    if (!answer) {
      await new Promise((resolve) => setTimeout(resolve, 100)); // a client backs off after a failure
      continue;
    }
    const page = readPage(answer.body, answer.encoding, since);
    stats.bytes += page.plainBytes;
    stats.wireBytes += answer.body.length;
    stats.records += page.changes;
    since = page.hasMore ? page.checkpoint : 0;
  }
}

function notePut(id: string, contributionId: string, baseVersion: number | null, note: string): Mutation {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    kind: 'annotation-put',
    baseVersion,
    annotation: {
      id: id as AnnotationId,
      target: {
        contributionId: contributionId as ContributionId,
        language: 'en',
        sourceVersion: 1,
        textHash: hashText('a passage'),
        quote: { exact: 'a passage', prefix: '', suffix: '' },
        position: { start: 0, end: 9 },
      },
      note,
      tags: [],
      visibility: 'private',
      createdAt: now,
      updatedAt: now,
    },
  };
}

async function push(plan: LoadPlan, token: string, mutations: Mutation[], stats: Stats, signal: AbortSignal) {
  const body = JSON.stringify({ mutations });
  const answer = await timed(stats, signal, `${plan.url}/api/push`, {
    method: 'POST',
    headers: { ...headers(token), 'content-type': 'application/json' },
    body,
  });
  if (answer) stats.bytes += Buffer.byteLength(body);
  return answer ? (JSON.parse(answer.body.toString()) as PushResponse).results : undefined;
}

/** The same UUID (version 4 in form) for the same name: each run's clients find their notes again. */
function stableUuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The client's notes' current versions: created the first time, else learnt from the conflict a creation meets. */
async function ownNotes(plan: LoadPlan, token: string, client: number): Promise<Map<string, number>> {
  const ids = Array.from({ length: plan.notes }, (_, k) => stableUuid(`load-note-${client}-${k}`));
  const stats = new Stats();
  const results = await push(
    plan,
    token,
    ids.map((id) => notePut(id, plan.contributionId, null, 'a note under load')),
    stats,
    new AbortController().signal,
  );
  if (!results) throw new Error(`setting up client ${client}'s notes failed: ${[...stats.errors.keys()].join('; ')}`);
  const versions = new Map<string, number>();
  results.forEach((result, i) => {
    const record = result.status === 'applied' ? result.record : result.status === 'conflict' ? result.current : null;
    if (record?.kind !== 'annotation') throw new Error(`setting up a note: ${JSON.stringify(result)}`);
    versions.set(ids[i]!, record.annotation.version);
  });
  return versions;
}

async function pushClient(
  plan: LoadPlan,
  token: string,
  versions: Map<string, number>,
  stats: Stats,
  until: number,
  signal: AbortSignal,
) {
  for (let round = 1; performance.now() < until && !signal.aborted; round++) {
    const mutations = [...versions].map(([id, version]) =>
      notePut(id, plan.contributionId, version, `edited under load, round ${round}`),
    );
    const results = await push(plan, token, mutations, stats, signal);
    if (!results) await new Promise((resolve) => setTimeout(resolve, 100));
    for (const result of results ?? []) {
      if (result.status === 'applied' && result.record.kind === 'annotation') {
        versions.set(result.record.annotation.id, result.record.annotation.version);
        stats.records += 1;
      } else {
        stats.fail(`push ${result.status}: ${JSON.stringify(result).slice(0, 200)}`);
      }
    }
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]! : 0;

export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const notes =
    plan.mode === 'push'
      ? await Promise.all(plan.tokens.map((token, client) => ownNotes(plan, token, client)))
      : undefined;
  const stats = new Stats();
  const drain = new AbortController();
  const t0 = performance.now();
  const until = t0 + plan.seconds * 1000;
  const timer = setTimeout(() => drain.abort(), (plan.seconds + plan.drainSeconds) * 1000);
  await Promise.all(
    plan.tokens.map((token, client) =>
      plan.mode === 'pull'
        ? pullClient(plan, token, stats, until, drain.signal)
        : pushClient(plan, token, notes![client]!, stats, until, drain.signal),
    ),
  );
  clearTimeout(timer);
  for (const agent of agents.values()) agent.destroy();
  const sorted = stats.latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? 0,
    elapsedSeconds: (performance.now() - t0) / 1000,
    bytes: stats.bytes,
    wireBytes: stats.wireBytes,
    records: stats.records,
    errors: Object.fromEntries(stats.errors),
  };
}

if (process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const plan = JSON.parse(process.env.LOAD_PLAN ?? '') as LoadPlan;
  process.stdout.write(JSON.stringify(await runLoad(plan)));
}
