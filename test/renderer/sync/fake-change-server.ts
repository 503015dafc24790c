import { PROTOCOL_VERSION, pullPageSchema, type Change, type PullPage } from '../../../shared/protocol/pull.js';
import type { Contribution, ContributionId, QuestionId } from '../../../shared/model/entities.js';

export type ChangeBody = Change extends infer C ? (C extends Change ? Omit<C, 'seq'> : never) : never;

export function contribution(
  id: string,
  questionId: string,
  text: string,
  extra: Partial<Contribution> = {},
): Contribution {
  const t = '2026-01-01T00:00:00.000Z';
  return {
    id: id as ContributionId,
    questionId: questionId as QuestionId,
    author: { name: 'Author ' + id, kind: 'ngo' },
    language: 'fr',
    status: 'published',
    version: 1,
    createdAt: extra.createdAt ?? t,
    updatedAt: t,
    versions: [
      { language: 'fr', text, origin: 'original', engine: null, sourceVersion: 1 },
      { language: 'en', text: 'EN ' + text, origin: 'machine', engine: 'x', sourceVersion: 1 },
    ],
    ...extra,
  };
}

/** An in-memory /api/changes server, injected as `fetch`. */
export function fakeChangeServer(bodies: ChangeBody[], epoch = 'e1') {
  const server = {
    epoch,
    changes: bodies.map((b, i) => ({ ...b, seq: i + 1 }) as Change),
    requests: 0,
    failNext: 0,
    mutate: null as null | ((page: PullPage) => unknown),
    add(body: ChangeBody) {
      server.changes.push({ ...body, seq: server.changes.length + 1 } as Change);
    },
    page(since: number, limit: number): PullPage {
      const changes = server.changes.filter((c) => c.seq > since).slice(0, limit);
      const head = server.changes.length;
      const checkpoint = changes.length ? changes[changes.length - 1]!.seq : since;
      return pullPageSchema.parse({
        protocol: PROTOCOL_VERSION,
        epoch: server.epoch,
        since,
        checkpoint,
        head,
        remaining: head - checkpoint,
        hasMore: checkpoint < head,
        changes,
      });
    },
    fetch: (async (input: RequestInfo | URL) => {
      server.requests++;
      if (server.failNext > 0) {
        server.failNext--;
        throw new TypeError('fetch failed');
      }
      const url = new URL(String(input));
      const since = Number(url.searchParams.get('since'));
      const limit = Number(url.searchParams.get('limit') ?? 100);
      if (since > server.changes.length)
        return new Response(JSON.stringify({ error: { code: 'checkpoint-ahead', message: 'ahead' } }), { status: 409 });
      const page = server.page(since, limit);
      const body = server.mutate ? server.mutate(page) : page;
      return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
    }) as typeof fetch,
  };
  return server;
}
