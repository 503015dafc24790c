import type { Lang } from '../../shared/languages.js';
import type { Mutation } from '../../shared/protocol/mutations.js';
import {
  editionTranslationSchema,
  type EditionSection,
  type EditionUnitView,
} from '../../shared/protocol/proceedings.js';
import type { EditionUnitsRow, OutboxRow, SeminarDb } from './database.js';
import { appendOutbox } from './outbox.js';

/**
 * Corrections of a machine edition on this device (issue 20). The units of
 * an edition in a language (source, machine text, a person's correction)
 * are fetched once online and kept, so the screen reads them offline too; a
 * correction is an `edition-correct` mutation in the outbox, laid over the
 * kept units until the server acknowledges it (the push result is the unit
 * as the server holds it, written into every kept edition that has it).
 */
export type EditionCorrectMutation = Extract<Mutation, { kind: 'edition-correct' }>;

export const isEditionCorrection = (m: Mutation): m is EditionCorrectMutation => m.kind === 'edition-correct';

/** Fetches an edition's units in `lang` and keeps them; throws when offline or refused (the kept ones stay). */
export async function fetchEditionUnits(
  db: SeminarDb,
  settings: { serverUrl: string | null; token: string | null },
  at: { eventId: string; number: number; lang: Lang },
): Promise<void> {
  if (!settings.serverUrl || !settings.token) throw new Error('no server');
  const res = await fetch(
    `${settings.serverUrl}/api/events/${encodeURIComponent(at.eventId)}/proceedings/editions/${at.number}/translations/${at.lang}`,
    { headers: { authorization: `Bearer ${settings.token}` } },
  );
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = editionTranslationSchema.parse(await res.json());
  await db.editionUnits.put({ ...at, ...body, fetchedAt: new Date().toISOString() });
}

/** A correction queued: the outbox row is the write. */
export async function queueEditionCorrection(db: SeminarDb, mutation: EditionCorrectMutation): Promise<void> {
  await db.transaction('rw', [db.outbox], () => appendOutbox(db, mutation));
}

/** The server's unit after a correction, into every kept edition of that event and language holding it. */
export async function editionUnitApplied(
  db: SeminarDb,
  record: { eventId: string; lang: Lang; unit: EditionUnitView },
): Promise<void> {
  const rows = await db.editionUnits.where('eventId').equals(record.eventId).toArray();
  for (const row of rows) {
    if (row.lang !== record.lang || !row.units.some((u) => u.hash === record.unit.hash)) continue;
    await db.editionUnits.put({
      ...row,
      units: row.units.map((u) => (u.hash === record.unit.hash ? { ...u, correction: record.unit.correction } : u)),
    });
  }
}

export type SectionOrigin = 'original' | 'machine' | 'human-corrected';

/** A unit as the screen shows it: the kept one, with this device's latest queued correction of it. */
export interface ShownUnit extends EditionUnitView {
  /** The text of a correction not acknowledged yet (the latest queued one). */
  pending: string | null;
  /** Why the server refused this device's latest correction of it (the text is kept in `pending`). */
  refused: string | null;
}

export interface ShownSection extends EditionSection {
  origin: SectionOrigin;
  units: ShownUnit[];
}

/**
 * The kept edition with the queued corrections over it, in sections, each
 * saying where its words come from in that language: the original (the
 * edition's own language), a person's correction (any unit corrected,
 * queued ones too), or the machine's.
 */
export function shownSections(
  row: EditionUnitsRow,
  outbox: readonly Pick<OutboxRow, 'mutation' | 'rejected'>[],
): ShownSection[] {
  const queued = new Map<string, { text: string; refused: string | null }>();
  for (const entry of outbox) {
    const m = entry.mutation;
    if (!isEditionCorrection(m) || m.eventId !== row.eventId || m.lang !== row.lang) continue;
    queued.set(m.hash, { text: m.text, refused: entry.rejected ? entry.rejected.message : null });
  }
  const units = new Map(
    row.units.map((u): [string, ShownUnit] => {
      const q = queued.get(u.hash);
      return [u.hash, { ...u, pending: q?.text ?? null, refused: q?.refused ?? null }];
    }),
  );
  const original = row.lang === row.source;
  return row.sections.map((section) => {
    const shown = section.hashes.flatMap((hash) => units.get(hash) ?? []);
    const corrected = shown.some((u) => u.correction !== null || (u.pending !== null && u.refused === null));
    return {
      ...section,
      units: shown,
      origin: original ? 'original' : corrected ? 'human-corrected' : 'machine',
    };
  });
}
