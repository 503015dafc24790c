import { useLiveQuery } from 'dexie-react-hooks';
import * as Y from 'yjs';
import type { Role } from '../../../shared/model/entities.js';
import type { Question, SeminarSession } from '../../../shared/model/entities.js';
import type { SeminarEvent } from '../../../shared/model/events.js';
import { SYNTHESIS_PARTS, type Synthesis, type SynthesisPart } from '../../../shared/model/synthesis.js';
import { useApp } from '../../app/AppContext.js';
import { getMe } from '../../db/annotations.js';
import { emptyProceedings, isProceedingsMutation, withPending } from '../../db/proceedings.js';
import { useUiLang } from '../../app/Localized.js';

export interface ProceedingsSection {
  synthesis: Synthesis;
  question: Question | undefined;
  doc: Y.Doc;
}

/**
 * Everything the proceedings screen shows of the current event, from
 * IndexedDB alone (offline like every screen): the record with this
 * device's pending changes over it, the syntheses in agenda order (days,
 * sessions, questions; those of questions on no session after them), each
 * with its text as a Yjs document for the comments' anchors.
 */
export function useProceedings(event: SeminarEvent | null) {
  const { db } = useApp();
  const uiLang = useUiLang();
  return useLiveQuery(async () => {
    if (!event) return null;
    const [stored, outbox, me, syntheses, sessions, questions] = await Promise.all([
      db.proceedings.get(event.id),
      db.outbox.orderBy('seq').toArray(),
      getMe(db),
      db.syntheses.where('eventId').equals(event.id).toArray(),
      db.sessions.where('eventId').equals(event.id).toArray(),
      db.questions.toArray(),
    ]);
    if (!me) return null;
    const record = withPending(
      stored ?? emptyProceedings(event.id, uiLang),
      outbox.filter((row) => isProceedingsMutation(row.mutation)),
      me,
    );
    const byId = new Map(questions.map((q) => [q.id, q]));
    const order = agendaOrder(sessions);
    const rank = (s: Synthesis) => (s.questionId ? (order.get(s.questionId) ?? Infinity) : Infinity);
    syntheses.sort((a, b) => rank(a) - rank(b) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    const docs = await db.synthesisDocs.bulkGet(syntheses.map((s) => s.id));
    const all: ProceedingsSection[] = syntheses.map((synthesis, i) => {
      const doc = new Y.Doc();
      const state = docs[i]?.state;
      if (state) Y.applyUpdate(doc, state);
      return { synthesis, question: synthesis.questionId ? byId.get(synthesis.questionId) : undefined, doc };
    });
    // The foreword first, the closing remarks last, the questions' syntheses in agenda order between.
    const part = (name: SynthesisPart) => all.filter((s) => s.synthesis.part === name);
    const sections = [...part('foreword'), ...all.filter((s) => !s.synthesis.part), ...part('closing')];
    const roles: Role[] = event.roles;
    const pendingCount = outbox.filter(
      (row) =>
        !row.rejected &&
        isProceedingsMutation(row.mutation) &&
        ('eventId' in row.mutation ? row.mutation.eventId === event.id : true),
    ).length;
    const missingParts = SYNTHESIS_PARTS.filter((name) => part(name).length === 0);
    return { record, sections, missingParts, roles, me, pendingCount };
  }, [db, event?.id, event?.roles.join(','), uiLang]);
}

/** Each question's place on the agenda: day, then session order, then its place in the session. */
function agendaOrder(sessions: SeminarSession[]): Map<string, number> {
  const order = new Map<string, number>();
  let n = 0;
  for (const s of [...sessions].sort((a, b) => a.day - b.day || a.order - b.order || a.id.localeCompare(b.id)))
    for (const q of s.questionIds) if (!order.has(q)) order.set(q, n++);
  return order;
}
