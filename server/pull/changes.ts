import { LIMITS } from '../../shared/protocol/schemas.js';
import { PROTOCOL_VERSION, type Change, type PullPage } from '../../shared/protocol/pull.js';
import type { Contribution, QuestionId, ContributionId, ParticipantId } from '../../shared/model/entities.js';
import type { Lang } from '../../shared/languages.js';
import { countChangesAfter, type Queryable } from '../db/database.js';
import { toIso as iso } from '../db/timestamps.js';
import { annotationChanges, tagChanges } from './annotation-changes.js';
import { readStateChanges } from './read-state-changes.js';
import { synthesisChanges } from './synthesis-changes.js';
import { eventChanges, PULL_SCOPE_SQL } from './event-changes.js';
import { visibleRows, type PullScope, type SyncedTable } from './visibility.js';
import { materialChanges } from './material-changes.js';
import { sessionProgramme } from '../events/session-programme.js';
import { materialNoteChanges } from './material-note-changes.js';
import { proceedingsChanges } from './proceedings-changes.js';

type Row = Record<string, unknown>;

/** A row turned into a change once the page knows it keeps it; `chars` counts toward the page's size limit. */
export interface PendingChange {
  seq: number;
  chars: number;
  build: () => Change;
}

/**
 * Builds one pull page for one participant with one query per table (never
 * one per row): each table gives its first `limit` rows after `since`, the
 * merge keeps the lowest seqs, and the text versions of the kept contributions
 * come in one more query. Every row of a shared table becomes exactly one
 * change, also the ones the participant may not see (`annotation-hidden`).
 * A participant's own rows (read states) are changes for them alone: others
 * get nothing for those seqs, so their pages skip those seqs (the wire has no
 * way to move a checkpoint past a seq without a change there), and their
 * `remaining` leaves them out. `remaining` is exact for the participant and
 * `head` should be theirs too (currentHead with their scope), so a pull that
 * has everything ends with checkpoint = head. Which rows each participant
 * gets (events, isolation) is pull/visibility.ts.
 */
export async function buildPullPage(
  db: Queryable,
  options: {
    since: number;
    limit: number;
    head: number;
    epoch: string;
    participantId: ParticipantId;
    /** Events this device signed out of (pull/visibility.ts). */
    leftEvents?: readonly string[];
    /** A catch-up of one event the device joined late (pull/visibility.ts). */
    catchUp?: { eventId: string; until: number } | null;
  },
): Promise<PullPage> {
  const { since, limit } = options;
  const scope: PullScope = {
    participantId: options.participantId,
    leftEvents: options.leftEvents ?? [],
    catchUp: options.catchUp ?? null,
  };
  // $1 since, $2 limit, $3–$6 who is pulling (PULL_SCOPE_SQL): the same for every table's query.
  const params = [
    since,
    limit,
    scope.participantId,
    [...scope.leftEvents],
    scope.catchUp?.eventId ?? null,
    scope.catchUp?.until ?? null,
  ];
  const where = (table: SyncedTable) => `seq > $1 AND ${visibleRows(table, PULL_SCOPE_SQL)}`;
  const [
    themes,
    questions,
    sessions,
    contributions,
    tombstones,
    tags,
    annotations,
    readStates,
    syntheses,
    events,
    materials,
    materialNotes,
    proceedings,
  ] = await Promise.all([
    db.query<Row>(`SELECT * FROM themes WHERE ${where('themes')} ORDER BY seq LIMIT $2`, params),
    db.query<Row>(`SELECT * FROM questions WHERE ${where('questions')} ORDER BY seq LIMIT $2`, params),
    db.query<Row>(`SELECT * FROM seminar_sessions WHERE ${where('seminar_sessions')} ORDER BY seq LIMIT $2`, params),
    db.query<Row>(
      `SELECT c.*
       FROM contributions c WHERE ${where('contributions')} ORDER BY seq LIMIT $2`,
      params,
    ),
    db.query<Row>(`SELECT * FROM tombstones WHERE ${where('tombstones')} ORDER BY seq LIMIT $2`, params),
    tagChanges(db, params),
    annotationChanges(db, params),
    readStateChanges(db, params),
    synthesisChanges(db, params),
    eventChanges(db, params),
    materialChanges(db, params),
    materialNoteChanges(db, params),
    proceedingsChanges(db, params),
  ]);
  const pending: PendingChange[] = [
    ...tags,
    ...annotations,
    ...readStates,
    ...syntheses,
    ...events,
    ...materials,
    ...materialNotes,
    ...proceedings,
  ];
  for (const r of themes)
    pending.push({
      seq: Number(r.seq),
      chars: 0,
      build: () => ({
        seq: Number(r.seq),
        kind: 'theme',
        record: {
          id: String(r.id),
          track: r.track as 'legal',
          code: String(r.code),
          order: Number(r.ord),
          title: r.title as Record<string, string>,
          version: Number(r.version),
        },
      }),
    });
  for (const r of questions)
    pending.push({
      seq: Number(r.seq),
      chars: 0,
      build: () => ({
        seq: Number(r.seq),
        kind: 'question',
        record: {
          id: r.id as QuestionId,
          track: r.track as 'legal',
          theme: String(r.theme),
          code: String(r.code),
          order: Number(r.ord),
          title: r.title as Record<string, string>,
          context: r.context as Record<string, string>,
          media: r.media as [],
          version: Number(r.version),
        },
      }),
    });
  for (const r of sessions)
    pending.push({
      seq: Number(r.seq),
      chars: 0,
      build: () => ({
        seq: Number(r.seq),
        kind: 'session',
        record: {
          id: String(r.id),
          day: Number(r.day),
          date: String(r.date),
          order: Number(r.ord),
          title: r.title as Record<string, string>,
          questionIds: r.question_ids as QuestionId[],
          eventId: String(r.event_id),
          ...sessionProgramme(r),
          version: Number(r.version),
        },
      }),
    });
  for (const r of tombstones)
    pending.push({
      seq: Number(r.seq),
      chars: 0,
      build: () => ({ seq: Number(r.seq), kind: 'tombstone', entity: r.entity as 'theme', id: String(r.id) }),
    });
  const versionsById = new Map<string, Contribution['versions']>();
  for (const r of contributions)
    pending.push({
      seq: Number(r.seq),
      chars: r.status === 'withdrawn' ? 0 : Number(r.chars),
      build: () =>
        r.status === 'withdrawn'
          ? {
              seq: Number(r.seq),
              kind: 'withdrawal',
              id: r.id as ContributionId,
              version: Number(r.version),
              ...(r.withdrawn_reason ? { reason: String(r.withdrawn_reason) } : {}),
            }
          : {
              seq: Number(r.seq),
              kind: 'contribution',
              record: {
                id: r.id as ContributionId,
                questionId: r.question_id as QuestionId,
                author: { name: String(r.author_name), kind: r.author_kind as 'individual' },
                ...(r.author_id ? { authorId: r.author_id as ParticipantId } : {}),
                ...(r.reply_to ? { replyTo: r.reply_to as ContributionId } : {}),
                language: r.language as Lang,
                status: 'published',
                version: Number(r.version),
                createdAt: iso(r.created_at),
                updatedAt: iso(r.updated_at),
                versions: versionsById.get(String(r.id)) ?? [],
              },
            },
    });
  pending.sort((a, b) => a.seq - b.seq);
  const kept: PendingChange[] = [];
  let chars = 0;
  for (const p of pending) {
    if (kept.length >= limit) break;
    // Always keep at least one change so a huge record cannot stall the pull.
    if (kept.length > 0 && chars + p.chars > LIMITS.pullPageChars) break;
    kept.push(p);
    chars += p.chars;
  }
  const lastSeq = kept.length ? kept[kept.length - 1]!.seq : since;
  const ids = contributions
    .filter((r) => r.status !== 'withdrawn' && Number(r.seq) <= lastSeq)
    .map((r) => String(r.id));
  if (ids.length) {
    const rows = await db.query<Row>(
      `SELECT contribution_id, language, text, origin, engine, source_version FROM text_versions
       WHERE contribution_id = ANY($1::text[]) ORDER BY contribution_id, language`,
      [ids],
    );
    for (const v of rows) {
      const id = String(v.contribution_id);
      let list = versionsById.get(id);
      if (!list) versionsById.set(id, (list = []));
      list.push({
        language: v.language as Lang,
        text: String(v.text),
        origin: v.origin as 'original',
        engine: (v.engine as string | null) ?? null,
        sourceVersion: Number(v.source_version),
      });
    }
  }
  const changes = kept.map((p) => p.build());
  const remaining = await countChangesAfter(db, lastSeq, scope);
  // The changes first: a page from the corpus cache (corpus-pages.ts) is these same bytes, its changes
  // compressed once and the rest, which differs for each participant, added after them.
  return {
    changes,
    protocol: PROTOCOL_VERSION,
    epoch: options.epoch,
    since,
    checkpoint: lastSeq,
    head: Math.max(options.head, lastSeq),
    remaining,
    hasMore: remaining > 0,
  };
}
