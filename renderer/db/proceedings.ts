import type { Participant } from '../../shared/model/entities.js';
import type { EventId } from '../../shared/model/events.js';
import type { Proceedings, ReviewState } from '../../shared/model/proceedings.js';
import type { Mutation } from '../../shared/protocol/mutations.js';
import type { SynthesisId } from '../../shared/model/synthesis.js';
import type { OutboxRow, SeminarDb } from './database.js';
import { appendOutbox } from './outbox.js';

/**
 * Proceedings on this device. The table holds each event's record as the
 * server last sent it; what the user did since and the server has not
 * acknowledged stays in the outbox, and the screen shows the record with
 * those changes laid over it (withPending). So a pull never has to merge
 * parts of a record, and nothing done offline disappears from the screen
 * before the server has it: a move the server turns down (made from a state
 * someone else had left) disappears then, with the server's state shown.
 */
export type ProceedingsMutation = Extract<
  Mutation,
  { kind: 'proceedings-put' | 'review-move' | 'review-comment-add' | 'review-comment-resolve' | 'consent-put' }
>;

const KINDS = new Set<string>([
  'proceedings-put',
  'review-move',
  'review-comment-add',
  'review-comment-resolve',
  'consent-put',
]);

export const isProceedingsMutation = (m: Mutation): m is ProceedingsMutation => KINDS.has(m.kind);

/** One proceedings change queued: the outbox row is the write (offline rule 1: one transaction). */
export async function queueProceedingsChange(db: SeminarDb, mutation: ProceedingsMutation): Promise<void> {
  await db.transaction('rw', [db.outbox], () => appendOutbox(db, mutation));
}

/** The empty record of an event nobody has touched the proceedings of yet. */
export function emptyProceedings(eventId: string, language: Proceedings['language']): Proceedings {
  return {
    eventId: eventId as EventId,
    title: '',
    subtitle: '',
    publisher: '',
    language,
    state: 'draft',
    sections: {},
    comments: [],
    trail: [],
    editions: [],
    named: [],
    myConsent: false,
    version: 1,
  };
}

/** The record with this device's unacknowledged changes laid over it, in the order they were made. */
export function withPending(
  record: Proceedings,
  outbox: readonly Pick<OutboxRow, 'mutation' | 'rejected' | 'createdAt'>[],
  me: Pick<Participant, 'id' | 'name'>,
): Proceedings & { pending: Set<string> } {
  const out: Proceedings & { pending: Set<string> } = {
    ...record,
    sections: { ...record.sections },
    comments: [...record.comments],
    named: [...record.named],
    pending: new Set(),
  };
  for (const row of outbox) {
    const m = row.mutation;
    if (row.rejected || !isProceedingsMutation(m)) continue;
    if ('eventId' in m && m.eventId !== record.eventId) continue;
    switch (m.kind) {
      case 'proceedings-put':
        Object.assign(out, { title: m.title, subtitle: m.subtitle, publisher: m.publisher, language: m.language });
        out.pending.add('front');
        break;
      case 'review-move': {
        const current: ReviewState = m.target === 'whole' ? out.state : (out.sections[m.target] ?? 'draft');
        // A move from a state the record has left already (someone was faster) waits for the server's answer.
        if (current !== m.from) break;
        if (m.target === 'whole') out.state = m.to;
        else out.sections[m.target] = m.to;
        out.pending.add(`move:${m.target}`);
        break;
      }
      case 'review-comment-add':
        if (out.comments.some((c) => c.id === m.comment.id)) break;
        out.comments.push({
          ...m.comment,
          synthesisId: m.comment.synthesisId as SynthesisId,
          authorId: me.id,
          authorName: me.name,
          resolved: false,
          resolvedByName: null,
          createdAt: row.createdAt,
        });
        out.pending.add(`comment:${m.comment.id}`);
        break;
      case 'review-comment-resolve': {
        const i = out.comments.findIndex((c) => c.id === m.commentId);
        if (i < 0) break;
        out.comments[i] = { ...out.comments[i]!, resolved: m.resolved, resolvedByName: m.resolved ? me.name : null };
        out.pending.add(`comment:${m.commentId}`);
        break;
      }
      case 'consent-put':
        out.myConsent = m.consented;
        out.named = m.consented
          ? [...new Set([...out.named, me.name])].sort()
          : out.named.filter((name) => name !== me.name);
        out.pending.add('consent');
        break;
    }
  }
  return out;
}
