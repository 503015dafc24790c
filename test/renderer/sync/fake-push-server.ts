import type { Annotation, AnnotationId } from '../../../shared/model/annotations.js';
import type { ParticipantId } from '../../../shared/model/entities.js';
import type { Mutation } from '../../../shared/protocol/mutations.js';
import type { PushResponse, PushResult } from '../../../shared/protocol/push.js';
import { SyncError } from '../../../renderer/sync/errors.js';

/**
 * A small model of the server's push rules (server/push is the real one):
 * each mutation id applied once, edits checked against their base version,
 * only the author writes. `loseNextResponse` applies a batch and then fails as
 * a lost response would.
 */
export function fakePushServer(author: { id: ParticipantId; name: string }) {
  const records = new Map<string, Annotation>();
  const results = new Map<string, PushResult>();
  const applied: string[] = [];
  let loseNext = 0;
  let failNext = 0;

  function apply(m: Mutation): PushResult {
    const known = results.get(m.id);
    if (known) return known;
    let result: PushResult;
    if (m.kind === 'annotation-put' || m.kind === 'annotation-delete') {
      const id = m.kind === 'annotation-put' ? m.annotation.id : m.annotationId;
      const current = records.get(id);
      if ((current?.version ?? null) !== m.baseVersion && !(current === undefined && m.baseVersion !== null)) {
        result = { mutationId: m.id, status: 'conflict', current: { kind: 'annotation', annotation: current! } };
      } else {
        const next: Annotation =
          m.kind === 'annotation-put'
            ? {
                ...m.annotation,
                authorId: author.id,
                authorName: author.name,
                version: (current?.version ?? 0) + 1,
                deleted: false,
              }
            : { ...current!, deleted: true, version: current!.version + 1, updatedAt: m.deletedAt };
        records.set(id, next);
        applied.push(m.id);
        result = { mutationId: m.id, status: 'applied', record: { kind: 'annotation', annotation: next } };
      }
    } else {
      result = { mutationId: m.id, status: 'rejected', reason: 'forbidden', message: 'not in this fake' };
    }
    results.set(m.id, result);
    return result;
  }

  return {
    records,
    applied,
    /** Someone else's edit, straight on the server. */
    edit(id: string, change: Partial<Annotation>) {
      const current = records.get(id)!;
      records.set(id, { ...current, ...change, version: current.version + 1 });
    },
    loseNextResponse: () => void (loseNext += 1),
    failNextRequest: () => void (failNext += 1),
    client: {
      async push(mutations: Mutation[]): Promise<PushResponse> {
        if (failNext > 0) {
          failNext -= 1;
          throw new SyncError('server-error', 'HTTP 500', 500);
        }
        const answer = { results: mutations.map(apply) };
        if (loseNext > 0) {
          loseNext -= 1;
          throw new SyncError('network', 'response lost');
        }
        return answer;
      },
    },
    get: (id: AnnotationId) => records.get(id),
  };
}
