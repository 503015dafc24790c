import type { PullPage } from '../../shared/protocol/pull.js';
import type { Contribution } from '../../shared/model/entities.js';
import type { Annotation, AnnotationId, Tag } from '../../shared/model/annotations.js';
import type { Synthesis } from '../../shared/model/synthesis.js';
import type { Proceedings } from '../../shared/model/proceedings.js';
import type { Material } from '../../shared/model/material.js';
import type { MaterialNote } from '../../shared/model/material-note.js';
import { applyPulledMaterialNotes } from './material-notes.js';
import { base64ToBytes, mergeSynthesisUpdates } from './syntheses.js';
import { dropEventLocally, eventTables, pendingLeaves } from './events.js';
import type { EventId, SeminarEvent } from '../../shared/model/events.js';
import type { Participant } from '../../shared/model/entities.js';
import {
  INITIAL_SYNC_META,
  type AnnotationRow,
  type ContributionRow,
  type ReadStateRow,
  type ContributionTextRow,
  type SeminarDb,
  type SyncMeta,
} from './database.js';

export const EXCERPT_LENGTH = 300;

export function toContributionRow(c: Contribution): ContributionRow {
  const original = c.versions.find((v) => v.language === c.language) ?? c.versions[0];
  return {
    id: c.id,
    questionId: c.questionId,
    author: c.author,
    authorKind: c.author.kind,
    language: c.language,
    status: c.status,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    languages: c.versions.map((v) => v.language),
    machineLanguages: c.versions.filter((v) => v.origin === 'machine').map((v) => v.language),
    excerpt: (original?.text ?? '').slice(0, EXCERPT_LENGTH),
    authorId: c.authorId ?? null,
    withdrawnReason: null,
    replyTo: c.replyTo ?? null,
  };
}

export type ApplyResult = { applied: true; checkpoint: number } | { applied: false; reason: 'stale' | 'epoch' };

/**
 * Writes one validated page and its checkpoint in ONE transaction. A page whose
 * `since` differs from the stored checkpoint (or whose epoch differs) is skipped.
 * Within a page, the last change for an id wins (changes are whole records).
 * Withdrawal: the row is kept with status 'withdrawn' (lists filter on
 * 'published'); its texts are kept too so a reader can still show it as withdrawn
 * and annotations keep their target.
 */
export async function applyPullPage(
  db: SeminarDb,
  page: PullPage,
  /** A page of a catch-up of this event (its own checkpoint in db.catchUps), not of the device's log. */
  catchUp?: { eventId: string },
): Promise<ApplyResult> {
  const pageTables = [
    db.events,
    db.catchUps,
    db.themes,
    db.questions,
    db.sessions,
    db.contributions,
    db.texts,
    db.meta,
    db.annotations,
    db.tags,
    db.readState,
    db.outbox,
    db.searchQueue,
    db.syntheses,
    db.synthesisDocs,
    db.materials,
    db.materialNotes,
    db.materialTexts,
    db.proceedings,
  ];
  // A page may say the user left an event: its records are dropped in this transaction.
  const tables = [...new Set([...pageTables, ...eventTables(db)])];
  return db.transaction('rw', tables, async () => {
    const me = ((await db.meta.get('me'))?.value as Participant | undefined)?.id;
    const metaRow = await db.meta.get('sync');
    const meta = (metaRow?.value as SyncMeta | undefined) ?? INITIAL_SYNC_META;
    if (meta.epoch !== null && meta.epoch !== page.epoch) return { applied: false, reason: 'epoch' } as const;
    const catchUpRow = catchUp ? await db.catchUps.get(catchUp.eventId) : undefined;
    if (catchUp ? catchUpRow?.since !== page.since : page.since !== meta.checkpoint)
      return { applied: false, reason: 'stale' } as const;
    // Events this device signed out of, the server not told yet: their records are not stored.
    const left = new Set(await pendingLeaves(db));
    const outside = (eventId: string | null | undefined) => !!eventId && left.has(eventId);
    const events = new Map<EventId, SeminarEvent>();
    const eventsLeft = new Set<EventId>();

    const themes = new Map<string, unknown>();
    const questions = new Map<string, unknown>();
    const sessions = new Map<string, unknown>();
    const rows = new Map<Contribution['id'], ContributionRow>();
    const texts = new Map<string, ContributionTextRow>();
    const withdrawals = new Map<Contribution['id'], { version: number; reason: string | null }>();
    const deletes = { theme: new Set<string>(), question: new Set<string>(), session: new Set<string>() };
    const annotations = new Map<AnnotationId, Annotation>();
    const hidden = new Set<AnnotationId>();
    const tags = new Map<string, Tag>();
    const readStates = new Map<string, ReadStateRow>();
    const syntheses = new Map<string, Synthesis>();
    const synthesisUpdates = new Map<string, Uint8Array[]>();
    const materials = new Map<string, Material>();
    const goneMaterials = new Set<string>();
    const materialNotes = new Map<string, MaterialNote>();
    const hiddenMaterialNotes = new Set<string>();
    const proceedings = new Map<string, Proceedings>();

    for (const ch of page.changes) {
      if (
        (ch.kind === 'event' && outside(ch.record.id)) ||
        ((ch.kind === 'session' || ch.kind === 'synthesis') && outside(ch.record.eventId)) ||
        (ch.kind === 'material' && ch.record.owner.kind === 'event' && outside(ch.record.owner.id)) ||
        ((ch.kind === 'annotation' || ch.kind === 'material-note') &&
          outside(ch.record.eventId) &&
          ch.record.authorId !== me)
      )
        continue;
      switch (ch.kind) {
        case 'event':
          eventsLeft.delete(ch.record.id);
          events.set(ch.record.id, ch.record);
          break;
        case 'event-left':
          events.delete(ch.id);
          eventsLeft.add(ch.id);
          break;
        case 'theme':
          deletes.theme.delete(ch.record.id);
          themes.set(ch.record.id, ch.record);
          break;
        case 'question':
          deletes.question.delete(ch.record.id);
          questions.set(ch.record.id, ch.record);
          break;
        case 'session':
          deletes.session.delete(ch.record.id);
          sessions.set(ch.record.id, ch.record);
          break;
        case 'contribution':
          withdrawals.delete(ch.record.id);
          rows.set(ch.record.id, toContributionRow(ch.record));
          texts.set(ch.record.id, { id: ch.record.id, version: ch.record.version, versions: ch.record.versions });
          break;
        case 'withdrawal': {
          const pending = rows.get(ch.id);
          if (pending) Object.assign(pending, { status: 'withdrawn', withdrawnReason: ch.reason ?? null });
          else withdrawals.set(ch.id, { version: ch.version, reason: ch.reason ?? null });
          break;
        }
        case 'annotation':
          hidden.delete(ch.record.id);
          annotations.set(ch.record.id, ch.record);
          break;
        case 'annotation-hidden':
          annotations.delete(ch.id as AnnotationId);
          hidden.add(ch.id as AnnotationId);
          break;
        case 'tag':
          tags.set(ch.record.id, ch.record);
          break;
        case 'read-state': {
          const { contributionId: id, read, starred, updatedAt } = ch.record;
          readStates.set(id, { id, read, starred, updatedAt });
          break;
        }
        case 'synthesis':
          syntheses.set(ch.record.id, ch.record);
          break;
        case 'synthesis-update': {
          const list = synthesisUpdates.get(ch.synthesisId) ?? [];
          list.push(base64ToBytes(ch.update));
          synthesisUpdates.set(ch.synthesisId, list);
          break;
        }
        case 'material':
          if (ch.record.deleted) {
            materials.delete(ch.record.id);
            goneMaterials.add(ch.record.id);
          } else {
            goneMaterials.delete(ch.record.id);
            materials.set(ch.record.id, ch.record);
          }
          break;
        case 'proceedings':
          if (!outside(ch.record.eventId)) proceedings.set(ch.record.eventId, ch.record);
          break;
        case 'material-hidden':
          materials.delete(ch.id);
          goneMaterials.add(ch.id);
          break;
        case 'material-note':
          hiddenMaterialNotes.delete(ch.record.id);
          materialNotes.set(ch.record.id, ch.record);
          break;
        case 'material-note-hidden':
          materialNotes.delete(ch.id);
          hiddenMaterialNotes.add(ch.id);
          break;
        case 'tombstone': {
          const map = ch.entity === 'theme' ? themes : ch.entity === 'question' ? questions : sessions;
          map.delete(ch.id);
          deletes[ch.entity].add(ch.id);
          break;
        }
      }
    }

    const withdrawnRows: ContributionRow[] = [];
    if (withdrawals.size > 0) {
      const ids = [...withdrawals.keys()];
      const existing = await db.contributions.bulkGet(ids);
      for (const row of existing)
        if (row)
          withdrawnRows.push({ ...row, status: 'withdrawn', withdrawnReason: withdrawals.get(row.id)?.reason ?? null });
    }

    // A row with a local change not yet acknowledged is never overwritten by a pull:
    // the push of the reconciliation issue settles it. Hidden ones are someone
    // else's notes turned private, so they go (a pending row is always our own).
    const touched = [...annotations.keys(), ...hidden];
    const local = new Map(
      (await db.annotations.bulkGet(touched)).filter((r): r is AnnotationRow => !!r).map((r) => [r.id, r]),
    );
    const annotationRows: AnnotationRow[] = [];
    for (const a of annotations.values())
      if (local.get(a.id)?.pending !== 1)
        annotationRows.push({ ...a, contributionId: a.target.contributionId, pending: 0 });
    const hiddenIds = [...hidden].filter((id) => local.get(id)?.pending !== 1);
    // A pulled tag replaces a local proposal of the same id: the server has it now.
    const tagRows = [...tags.values()].map((t) => ({ ...t, pending: 0 as const }));

    // Marks set on this device and not yet pushed are newer than what the server says.
    if (readStates.size) {
      const queued = new Set(
        (await db.outbox.toArray()).flatMap((row) =>
          row.mutation.kind === 'read-state' ? [row.mutation.contributionId as string] : [],
        ),
      );
      for (const id of queued) readStates.delete(id);
    }

    const ops: Promise<unknown>[] = [];
    if (syntheses.size) ops.push(db.syntheses.bulkPut([...syntheses.values()]));
    // A material's file is removed by the download queue, which owns the bytes (renderer/materials/).
    if (materials.size)
      ops.push(db.materials.bulkPut([...materials.values()].map((m) => ({ ...m, ownerId: m.owner.id }))));
    if (goneMaterials.size) ops.push(db.materials.bulkDelete([...goneMaterials] as never[]));
    if (synthesisUpdates.size) ops.push(mergeSynthesisUpdates(db, synthesisUpdates));
    ops.push(applyPulledMaterialNotes(db, materialNotes, hiddenMaterialNotes));
    if (proceedings.size) ops.push(db.proceedings.bulkPut([...proceedings.values()]));
    if (readStates.size) ops.push(db.readState.bulkPut([...readStates.values()]));
    if (annotationRows.length) ops.push(db.annotations.bulkPut(annotationRows));
    if (hiddenIds.length) ops.push(db.annotations.bulkDelete(hiddenIds));
    if (tagRows.length) ops.push(db.tags.bulkPut(tagRows));
    if (themes.size) ops.push(db.themes.bulkPut([...themes.values()] as never[]));
    if (questions.size) ops.push(db.questions.bulkPut([...questions.values()] as never[]));
    if (sessions.size) ops.push(db.sessions.bulkPut([...sessions.values()] as never[]));
    const allRows = [...rows.values(), ...withdrawnRows];
    if (allRows.length) ops.push(db.contributions.bulkPut(allRows));
    // One small row per page tells the search worker what to (re)index or remove.
    if (allRows.length) ops.push(db.searchQueue.add({ contributions: allRows.map((row) => row.id) }));
    if (texts.size) ops.push(db.texts.bulkPut([...texts.values()]));
    if (deletes.theme.size) ops.push(db.themes.bulkDelete([...deletes.theme] as never[]));
    if (deletes.question.size) ops.push(db.questions.bulkDelete([...deletes.question] as never[]));
    if (deletes.session.size) ops.push(db.sessions.bulkDelete([...deletes.session] as never[]));
    if (events.size) {
      // An event new to this device, met after its checkpoint passed the event's older records: catch those up.
      const known = new Set((await db.events.bulkGet([...events.keys()])).flatMap((e) => (e ? [e.id] : [])));
      const lacking = [...events.keys()].filter((id) => !known.has(id));
      if (!catchUp && page.since > 0 && lacking.length)
        ops.push(db.catchUps.bulkPut(lacking.map((eventId) => ({ eventId, since: 0, until: page.since }))));
      ops.push(db.events.bulkPut([...events.values()]));
    }
    if (catchUp) {
      ops.push(
        page.hasMore
          ? db.catchUps.put({ ...catchUpRow!, since: page.checkpoint })
          : db.catchUps.delete(catchUp.eventId),
      );
    } else {
      const next: SyncMeta = {
        epoch: page.epoch,
        checkpoint: page.checkpoint,
        head: page.head,
        lastPulledAt: new Date().toISOString(),
      };
      ops.push(db.meta.put({ key: 'sync', value: next }));
    }
    await Promise.all(ops);
    // After the page's own writes: a removal also takes what this page brought of that event.
    for (const eventId of eventsLeft) await dropEventLocally(db, eventId);
    return { applied: true, checkpoint: page.checkpoint } as const;
  });
}
