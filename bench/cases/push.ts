import { hashText } from '../../shared/anchoring/index.js';
import type { AnnotationId } from '../../shared/model/annotations.js';
import type { ContributionId } from '../../shared/model/entities.js';
import type { Mutation } from '../../shared/protocol/mutations.js';
import { PUSH_LIMITS, pushResponseSchema } from '../../shared/protocol/push.js';
import type { BenchCase, Sample } from '../registry.js';
import { BACKEND_NAMES, type Backend } from '../servers.js';
import { median } from '../stats.js';

const BACKENDS: Backend[] = ['pglite', 'postgres'];
const MUTATIONS = 1_000;
const LATENCY_SAMPLES = 10;

/** A new shared note on `contributionId` (also the live-channel figure's push). */
export function annotationPut(contributionId: string, note: string): Mutation {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    kind: 'annotation-put',
    baseVersion: null,
    annotation: {
      id: crypto.randomUUID() as AnnotationId,
      target: {
        contributionId: contributionId as ContributionId,
        language: 'en',
        sourceVersion: 1,
        textHash: hashText(note),
        quote: { exact: 'a passage', prefix: '', suffix: '' },
        position: { start: 0, end: 9 },
      },
      note,
      tags: [],
      visibility: 'seminar',
      createdAt: now,
      updatedAt: now,
    },
  };
}

async function push(url: string, token: string, mutations: Mutation[]): Promise<void> {
  const response = await fetch(`${url}/api/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ mutations }),
  });
  if (!response.ok) throw new Error(`push failed: ${response.status} ${await response.text()}`);
  const { results } = pushResponseSchema.parse(await response.json());
  const refused = results.filter((r) => r.status !== 'applied');
  if (refused.length) throw new Error(`push: ${refused.length} not applied: ${JSON.stringify(refused[0])}`);
}

/** Pages from `since` until the annotation shows up; returns the new checkpoint. */
async function pullUntil(url: string, token: string, since: number, id: string): Promise<number | null> {
  let checkpoint = since;
  for (;;) {
    const response = await fetch(`${url}/api/changes?since=${checkpoint}&limit=500`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await response.json()) as {
      checkpoint: number;
      hasMore: boolean;
      changes: { record?: { id?: string } }[];
    };
    checkpoint = page.checkpoint;
    if (page.changes.some((c) => c.record?.id === id)) return checkpoint;
    if (!page.hasMore) return null;
  }
}

async function headOf(url: string, token: string): Promise<number> {
  const response = await fetch(`${url}/api/changes?since=0&limit=1`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { head: number }).head;
}

/**
 * Device B listens on the live channel as the app does; device A pushes one
 * note; the time runs until B has pulled it. Both are the same participant on
 * loopback, so this is the server's share of "written here, seen there".
 */
async function writeToSeen(url: string, token: string, contributionId: string): Promise<number> {
  const controller = new AbortController();
  const events = await fetch(`${url}/api/events`, {
    headers: { authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
  await reader.read(); // the hello event
  let checkpoint = await headOf(url, token);
  try {
    const mutation = annotationPut(contributionId, 'seen on the other device?');
    const id = mutation.kind === 'annotation-put' ? mutation.annotation.id : '';
    const t0 = performance.now();
    await push(url, token, [mutation]);
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('event stream closed');
      if (!value.includes('event: changes')) continue;
      const found = await pullUntil(url, token, checkpoint, id);
      if (found !== null) return performance.now() - t0;
      checkpoint = await headOf(url, token);
    }
  } finally {
    controller.abort();
  }
}

/**
 * Issue 5's figures: push throughput (1,000 new notes in batches of the
 * client's size) on each backend, and the time from a write on one device to
 * its arrival on another through the live channel and a pull.
 */
export const pushCase: BenchCase = {
  id: 'push',
  backends: BACKENDS,
  rows: BACKENDS.flatMap((backend) => [
    {
      id: `push.${backend}`,
      label: 'Push 1,000 notes (batches of 200)',
      setting: `${BACKEND_NAMES[backend]} server, Node client`,
      unit: 's' as const,
      note: (row: { value: number }) => `${Math.round(MUTATIONS / row.value).toLocaleString('en')} mutations/s`,
    },
    {
      id: `seen.${backend}`,
      label: 'Write on one device → seen on another',
      setting: `${BACKEND_NAMES[backend]} server, live channel + pull`,
      unit: 'ms' as const,
      note: () => `push, server-sent event, pull; median of ${LATENCY_SAMPLES} notes`,
    },
  ]),
  async run(ctx) {
    const samples: Record<string, Sample> = {};
    const contributionId = ctx.corpus.samples[0]!.id;
    for (const backend of BACKENDS) {
      const server = await ctx.server(backend);
      const mutations = Array.from({ length: MUTATIONS }, (_, i) => annotationPut(contributionId, `note ${i}`));
      const t0 = performance.now();
      for (let i = 0; i < mutations.length; i += PUSH_LIMITS.batch) {
        await push(server.url, server.token, mutations.slice(i, i + PUSH_LIMITS.batch));
      }
      samples[`push.${backend}`] = { value: (performance.now() - t0) / 1000 };
      const latencies: number[] = [];
      for (let i = 0; i < LATENCY_SAMPLES; i++)
        latencies.push(await writeToSeen(server.url, server.token, contributionId));
      samples[`seen.${backend}`] = { value: median(latencies) };
    }
    return samples;
  },
};
