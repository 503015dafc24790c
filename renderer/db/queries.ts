import type { Author, ContributionId, QuestionId } from '../../shared/model/entities.js';
import type { Lang } from '../../shared/languages.js';
import { appendOutbox } from './outbox.js';
import {
  INITIAL_SYNC_META,
  type ContributionRow,
  type ContributionTextRow,
  type ReadStateRow,
  type SeminarDb,
  type SyncMeta,
} from './database.js';

export async function getSyncMeta(db: SeminarDb): Promise<SyncMeta> {
  const row = await db.meta.get('sync');
  return (row?.value as SyncMeta | undefined) ?? INITIAL_SYNC_META;
}

export async function listContributionsForQuestion(
  db: SeminarDb,
  questionId: QuestionId,
  filter: { language?: Lang; authorKind?: Author['kind'] } = {},
): Promise<ContributionRow[]> {
  let rows: ContributionRow[];
  if (filter.language) {
    rows = await db.contributions.where('[questionId+language]').equals([questionId, filter.language]).toArray();
  } else if (filter.authorKind) {
    rows = await db.contributions.where('[questionId+authorKind]').equals([questionId, filter.authorKind]).toArray();
  } else {
    rows = await db.contributions.where('questionId').equals(questionId).toArray();
  }
  return rows
    .filter((r) => r.status === 'published' && (!filter.authorKind || r.authorKind === filter.authorKind))
    .sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
}

/** Published contributions per question. */
export async function countByQuestion(db: SeminarDb): Promise<Map<QuestionId, number>> {
  const counts = new Map<QuestionId, number>();
  await db.contributions
    .where('status')
    .equals('published')
    .each((r) => counts.set(r.questionId, (counts.get(r.questionId) ?? 0) + 1));
  return counts;
}

export function getContributionText(db: SeminarDb, id: ContributionId): Promise<ContributionTextRow | undefined> {
  return db.texts.get(id);
}

/** Changes one flag; the mutation carries that flag only, so another device's change of the other one stays. */
async function writeReadState(
  db: SeminarDb,
  id: ContributionId,
  flag: 'read' | 'starred',
  change: (prev: ReadStateRow) => boolean,
): Promise<ReadStateRow> {
  return db.transaction('rw', [db.readState, db.outbox], async () => {
    const now = new Date().toISOString();
    const prev = (await db.readState.get(id)) ?? { id, read: false, starred: false, updatedAt: now };
    const value = change(prev);
    const next = { ...prev, [flag]: value, updatedAt: now };
    await db.readState.put(next);
    await appendOutbox(db, {
      id: crypto.randomUUID(),
      kind: 'read-state',
      contributionId: id,
      [flag]: value,
      updatedAt: now,
    });
    return next;
  });
}

/** Sets read, appending an outbox row in the same transaction (offline rule 1). */
export function setRead(db: SeminarDb, id: ContributionId, read: boolean): Promise<ReadStateRow> {
  return writeReadState(db, id, 'read', () => read);
}

export function toggleStar(db: SeminarDb, id: ContributionId): Promise<ReadStateRow> {
  return writeReadState(db, id, 'starred', (p) => !p.starred);
}

/**
 * For an epoch change: clears corpus tables and checkpoint. Read state, the
 * outbox and every annotation or tag with an unacknowledged local change stay.
 */
export async function resetCorpus(db: SeminarDb): Promise<void> {
  const tables = [
    db.themes,
    db.questions,
    db.sessions,
    db.contributions,
    db.texts,
    db.meta,
    db.annotations,
    db.tags,
    db.events,
    db.catchUps,
    db.materials,
    db.materialNotes,
  ];
  await db.transaction('rw', tables, async () => {
    await Promise.all([
      db.events.clear(),
      db.catchUps.clear(),
      // Their metadata comes back with the new pull (a material the new server lacks goes); downloaded files stay.
      db.materials.clear(),
      db.themes.clear(),
      db.questions.clear(),
      db.sessions.clear(),
      db.contributions.clear(),
      db.texts.clear(),
      db.meta.delete('sync'),
      db.annotations.where('pending').equals(0).delete(),
      db.materialNotes.where('pending').equals(0).delete(),
      db.tags.filter((tag) => tag.pending === 0).delete(),
    ]);
  });
}
