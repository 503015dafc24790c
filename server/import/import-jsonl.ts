import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { importLineSchema, type ImportLine } from '../../shared/protocol/import-format.js';
import { writeTransaction, type Database, type Queryable } from '../db/database.js';
import { unstorablePath } from '../db/storable-text.js';
import { upsertActiveTag } from '../codebook/tag-store.js';
import { addEventQuestionsTx, legacyEventTx } from '../events/event-store.js';
import { importEventTx, importParticipantTx } from '../events/import-events.js';
import { storeTranslationTx } from '../translate/translation-store.js';
import { enqueueTranslationsTx } from '../translate/job-queue.js';
import { hashText } from '../../shared/anchoring/hash-text.js';
import { LANGUAGES, type Lang } from '../../shared/languages.js';

export interface ImportCounts {
  themes: number;
  questions: number;
  events: number;
  participants: number;
  sessions: number;
  contributions: number;
  translations: number;
  tags: number;
  unchanged: number;
  /** Machine translation jobs queued for new or changed originals (ImportOptions.queueTranslations). */
  translationsQueued: number;
  rejected: { line: number; reason: string }[];
}

const BATCH = 500;

export interface ImportOptions {
  /**
   * Queue machine translations of each new or changed original (a provider is
   * configured). Languages that hold a translation of the current text once
   * the whole file is in (a human one from the same export, say) are not queued.
   */
  queueTranslations?: boolean;
}

/** Streams a JSON Lines export line by line so a large file never sits in memory whole. */
export async function importJsonlFile(db: Database, file: string, options: ImportOptions = {}): Promise<ImportCounts> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  return importLines(db, lines, options);
}

export async function importLines(
  db: Database,
  lines: AsyncIterable<string> | Iterable<string>,
  options: ImportOptions = {},
): Promise<ImportCounts> {
  const counts: ImportCounts = {
    themes: 0,
    questions: 0,
    events: 0,
    participants: 0,
    sessions: 0,
    contributions: 0,
    translations: 0,
    tags: 0,
    unchanged: 0,
    translationsQueued: 0,
    rejected: [],
  };
  let batch: Pending[] = [];
  // Originals created or changed by this import: their translations are queued
  // once the whole file is in, since a translation line may come many batches later.
  const newOriginals = new Set<string>();
  // Answers whose contribution comes later in the file (an export lists them by id), with their translations.
  const deferred: Deferred = { lines: [], ids: new Set() };
  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber += 1;
    if (raw.trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      counts.rejected.push({ line: lineNumber, reason: 'malformed JSON' });
      continue;
    }
    const parsed = importLineSchema.safeParse(json);
    if (!parsed.success) {
      const reason = parsed.error.issues
        .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
        .join('; ');
      counts.rejected.push({ line: lineNumber, reason });
      continue;
    }
    // Caught here, one line rejected, rather than failing its whole batch in the database.
    const unstorable = unstorablePath(parsed.data);
    if (unstorable !== undefined) {
      counts.rejected.push({
        line: lineNumber,
        reason: `${unstorable}: contains a NUL character or a broken surrogate pair, which cannot be stored`,
      });
      continue;
    }
    batch.push({ line: lineNumber, record: parsed.data });
    if (batch.length >= BATCH) {
      await applyBatch(db, batch, counts, newOriginals, deferred);
      batch = [];
    }
  }
  if (batch.length) await applyBatch(db, batch, counts, newOriginals, deferred);
  await applyDeferred(db, deferred, counts, newOriginals);
  if (options.queueTranslations) counts.translationsQueued = await queueMissingTranslations(db, [...newOriginals]);
  const { unchanged: _unchanged, rejected: _rejected, translationsQueued: _queued, ...changed } = counts;
  if (Object.values(changed).some((n) => n > 0)) await db.announce();
  counts.rejected.sort((a, b) => a.line - b.line);
  return counts;
}

type Pending = { line: number; record: ImportLine };
/** Lines held back until the contribution they answer (or, for a translation, its contribution) is in. */
type Deferred = { lines: Pending[]; ids: Set<string> };

/**
 * Applies the held-back answers once the whole file is in, as long as each
 * pass places some; what is left answers nothing known, or answers in a
 * circle, and is rejected with its line number (its translations with it).
 */
async function applyDeferred(db: Database, deferred: Deferred, counts: ImportCounts, newOriginals: Set<string>) {
  while (deferred.lines.length) {
    const lines = answeredFirst(deferred.lines);
    deferred.lines = [];
    deferred.ids = new Set();
    for (let i = 0; i < lines.length; i += BATCH)
      await applyBatch(db, lines.slice(i, i + BATCH), counts, newOriginals, deferred);
    if (deferred.lines.length === lines.length) break;
  }
  const waiting = new Map<string, number>();
  for (const { line, record } of deferred.lines) if (record.type === 'contribution') waiting.set(record.id, line);
  for (const { line, record } of deferred.lines) {
    if (record.type === 'contribution') {
      const target = record.replyTo!;
      const reason = waiting.has(target)
        ? `replyTo ${JSON.stringify(target)} closes a cycle of answers (line ${waiting.get(target)})`
        : `replyTo: unknown contribution ${JSON.stringify(target)}`;
      counts.rejected.push({ line, reason });
    } else if (record.type === 'translation') {
      const of = waiting.get(record.contributionId);
      counts.rejected.push({ line, reason: `its contribution was rejected${of ? ` (line ${of})` : ''}` });
    }
  }
}

/**
 * The held-back lines reordered so that a contribution comes after the one it
 * answers when that one is held back too (each translation right after its
 * contribution): one more pass then places a whole thread, however deep and
 * in whatever order the file listed it. Links in a circle keep file order
 * (they are rejected).
 */
function answeredFirst(lines: Pending[]): Pending[] {
  const contributions = new Map<string, Pending>();
  const translations = new Map<string, Pending[]>();
  for (const pending of lines) {
    const r = pending.record;
    if (r.type === 'contribution') contributions.set(r.id, pending);
    else if (r.type === 'translation')
      translations.set(r.contributionId, [...(translations.get(r.contributionId) ?? []), pending]);
  }
  const out: Pending[] = [];
  const placed = new Set<Pending>();
  const put = (pending: Pending) => {
    placed.add(pending);
    out.push(pending);
  };
  const place = (pending: Pending) => {
    // Up the chain of held-back contributions (iteratively: a thread may be thousands deep), then down it.
    const chain: Pending[] = [];
    const seen = new Set<Pending>();
    for (let at: Pending | undefined = pending; at && !placed.has(at) && !seen.has(at);) {
      seen.add(at);
      chain.push(at);
      const r: ImportLine = at.record;
      at = r.type === 'contribution' && r.replyTo ? contributions.get(r.replyTo) : undefined;
    }
    for (const p of chain.reverse()) {
      put(p);
      const r = p.record;
      if (r.type === 'contribution') for (const t of translations.get(r.id) ?? []) put(t);
    }
  };
  for (const pending of lines)
    if (pending.record.type === 'contribution') place(pending);
    else if (!placed.has(pending)) put(pending);
  return out;
}

async function applyBatch(
  db: Database,
  batch: Pending[],
  counts: ImportCounts,
  newOriginals: Set<string>,
  deferred: Deferred,
) {
  const local: ImportCounts = { ...counts, rejected: [] };
  const originals = new Set<string>();
  const held: Pending[] = [];
  await writeTransaction(db, async (tx) => {
    held.length = 0;
    const heldIds = new Set(deferred.ids);
    const retranslated = new Set<string>();
    const resized = new Set<string>();
    for (const pending of batch) {
      const { line, record } = pending;
      if (record.type === 'translation' && heldIds.has(record.contributionId)) {
        held.push(pending);
        continue;
      }
      const outcome = await applyLine(tx, record, retranslated, originals);
      if (outcome === 'deferred') {
        held.push(pending);
        if (record.type === 'contribution') heldIds.add(record.id);
      } else if (outcome === 'unchanged') local.unchanged += 1;
      else if (outcome === 'changed') {
        if (record.type === 'contribution') resized.add(record.id);
        if (record.type === 'translation') resized.add(record.contributionId);
        const key = (
          {
            theme: 'themes',
            question: 'questions',
            event: 'events',
            participant: 'participants',
            session: 'sessions',
            contribution: 'contributions',
            translation: 'translations',
            tag: 'tags',
          } as const
        )[record.type];
        local[key] += 1;
      } else local.rejected.push({ line, reason: outcome.rejected });
    }
    // A contribution is sent whole with its versions, so a new or changed
    // translation moves its seq: once per batch, not once per language.
    if (retranslated.size)
      await tx.query(
        `UPDATE contributions SET updated_at=now(), seq=nextval('change_seq') WHERE id = ANY($1::text[])`,
        [[...retranslated]],
      );
    if (resized.size)
      await tx.query(
        `UPDATE contributions c SET chars = COALESCE((SELECT SUM(length(t.text)) FROM text_versions t
           WHERE t.contribution_id = c.id), 0) WHERE c.id = ANY($1::text[])`,
        [[...resized]],
      );
  });
  // Counted only once the batch committed.
  Object.assign(counts, { ...local, rejected: [...counts.rejected, ...local.rejected] });
  deferred.lines.push(...held);
  for (const { record } of held) if (record.type === 'contribution') deferred.ids.add(record.id);
  for (const id of originals) newOriginals.add(id);
}

/**
 * Queues, for each published original, the languages that hold no translation
 * (human or machine, any layer) of its current version. Batches of ids keep
 * each transaction short on a large import.
 */
async function queueMissingTranslations(db: Database, ids: string[]): Promise<number> {
  let queued = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    await writeTransaction(db, async (tx) => {
      const rows = await tx.query<{ id: string; language: Lang; version: number; current: Lang[] | null }>(
        `SELECT c.id, c.language, c.version,
           (SELECT array_agg(DISTINCT l.language) FROM translation_layers l
             WHERE l.contribution_id = c.id AND l.source_version = c.version) AS current
         FROM contributions c WHERE c.id = ANY($1::text[]) AND c.status = 'published'`,
        [ids.slice(i, i + BATCH)],
      );
      for (const row of rows) {
        const translated = new Set(row.current ?? []);
        const targets = LANGUAGES.filter((l) => l !== row.language && !translated.has(l));
        if (targets.length) await enqueueTranslationsTx(tx, row.id, Number(row.version), row.language, targets);
        queued += targets.length;
      }
    });
  }
  return queued;
}

/** 'deferred': an answer to a contribution not (yet) known, tried again once the whole file is in. */
type Outcome = 'changed' | 'unchanged' | 'deferred' | { rejected: string };

/** jsonb does not keep key order, so stored and imported values are compared with sorted keys. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

async function applyLine(
  tx: Queryable,
  r: ImportLine,
  retranslated: Set<string>,
  originals: Set<string>,
): Promise<Outcome> {
  switch (r.type) {
    case 'theme': {
      const [old] = await tx.query<{ track: string; code: string; ord: number; title: unknown }>(
        'SELECT track, code, ord, title FROM themes WHERE id = $1',
        [r.id],
      );
      if (old && old.track === r.track && old.code === r.code && old.ord === r.order && same(old.title, r.title))
        return 'unchanged';
      await tx.query(
        `INSERT INTO themes (id, track, code, ord, title, seq) VALUES ($1,$2,$3,$4,$5,nextval('change_seq'))
         ON CONFLICT (id) DO UPDATE SET track=$2, code=$3, ord=$4, title=$5, version=themes.version+1, seq=EXCLUDED.seq`,
        [r.id, r.track, r.code, r.order, JSON.stringify(r.title)],
      );
      return 'changed';
    }
    case 'question': {
      const context = r.context ?? {};
      const media = r.media ?? [];
      const [old] = await tx.query<Record<string, unknown>>(
        'SELECT track, theme, code, ord, title, context, media FROM questions WHERE id = $1',
        [r.id],
      );
      if (
        old &&
        same(
          [old.track, old.theme, old.code, old.ord, old.title, old.context, old.media],
          [r.track, r.theme, r.code, r.order, r.title, context, media],
        )
      )
        return 'unchanged';
      await tx.query(
        `INSERT INTO questions (id, track, theme, code, ord, title, context, media, seq)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,nextval('change_seq'))
         ON CONFLICT (id) DO UPDATE SET track=$2, theme=$3, code=$4, ord=$5, title=$6, context=$7, media=$8,
           version=questions.version+1, seq=EXCLUDED.seq`,
        [
          r.id,
          r.track,
          r.theme,
          r.code,
          r.order,
          JSON.stringify(r.title),
          JSON.stringify(context),
          JSON.stringify(media),
        ],
      );
      return 'changed';
    }
    case 'event':
      return importEventTx(tx, r);
    case 'participant':
      return importParticipantTx(tx, r);
    case 'session': {
      const eventId = r.eventId ?? (await legacyEventTx(tx));
      if (typeof eventId !== 'string') return eventId;
      if (!(await tx.query('SELECT 1 FROM events WHERE id = $1', [eventId])).length)
        return { rejected: `eventId: unknown event ${JSON.stringify(eventId)} (its event line must come first)` };
      const [old] = await tx.query<Record<string, unknown>>(
        'SELECT day, date, ord, title, question_ids, event_id, format, speakers FROM seminar_sessions WHERE id = $1',
        [r.id],
      );
      if (old && old.event_id !== eventId)
        return { rejected: `session ${r.id} is on the agenda of event ${String(old.event_id)}; a session never moves` };
      // Its questions are on the event's agenda, whether or not they changed.
      await addEventQuestionsTx(tx, eventId, r.questionIds);
      if (
        old &&
        same(
          [old.day, old.date, old.ord, old.title, old.question_ids, old.format, old.speakers],
          [r.day, r.date, r.order, r.title, r.questionIds, r.format ?? 'session', r.speakers ?? []],
        )
      )
        return 'unchanged';
      await tx.query(
        `INSERT INTO seminar_sessions (id, day, date, ord, title, question_ids, event_id, format, speakers, seq)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,nextval('change_seq'))
         ON CONFLICT (id) DO UPDATE SET day=$2, date=$3, ord=$4, title=$5, question_ids=$6, format=$8, speakers=$9,
           version=seminar_sessions.version+1, seq=EXCLUDED.seq`,
        [
          r.id,
          r.day,
          r.date,
          r.order,
          JSON.stringify(r.title),
          JSON.stringify(r.questionIds),
          eventId,
          r.format ?? 'session',
          JSON.stringify(r.speakers ?? []),
        ],
      );
      return 'changed';
    }
    case 'contribution': {
      const [question] = await tx.query('SELECT 1 FROM questions WHERE id = $1', [r.questionId]);
      if (!question) return { rejected: `unknown question ${JSON.stringify(r.questionId)}` };
      const replyTo = r.replyTo ?? null;
      if (replyTo !== null) {
        const link = await checkReplyTo(tx, r.id, r.questionId, replyTo);
        if (link !== 'ok') return link;
      }
      const [old] = await tx.query<{
        question_id: string;
        author_name: string;
        author_kind: string;
        language: string;
        status: string;
        version: number;
        reply_to: string | null;
        text: string | null;
      }>(
        `SELECT c.question_id, c.author_name, c.author_kind, c.language, c.status, c.version, c.reply_to, t.text
         FROM contributions c LEFT JOIN text_versions t ON t.contribution_id = c.id AND t.language = c.language
         WHERE c.id = $1`,
        [r.id],
      );
      if (!old) {
        await tx.query(
          `INSERT INTO contributions (id, question_id, author_name, author_kind, language, status, version, created_at, updated_at, reply_to, seq)
           VALUES ($1,$2,$3,$4,$5,$6,$8,$7,$7,$9,nextval('change_seq'))`,
          [
            r.id,
            r.questionId,
            r.author.name,
            r.author.kind,
            r.language,
            r.status,
            r.createdAt,
            r.version ?? 1,
            replyTo,
          ],
        );
        await tx.query(
          `INSERT INTO text_versions (contribution_id, language, text, origin, engine, source_version) VALUES ($1,$2,$3,'original',NULL,$4)`,
          [r.id, r.language, r.text, r.version ?? 1],
        );
        originals.add(r.id);
        return 'changed';
      }
      if (old.language !== r.language) return { rejected: 'the original language of a contribution cannot change' };
      const textChanged = old.text !== r.text;
      if (
        !textChanged &&
        old.question_id === r.questionId &&
        old.author_name === r.author.name &&
        old.author_kind === r.author.kind &&
        old.status === r.status &&
        old.reply_to === replyTo
      )
        return 'unchanged';
      // A changed text takes the next version, or the export's own number when that is higher.
      const version = textChanged ? Math.max(Number(old.version) + 1, r.version ?? 0) : old.version;
      await tx.query(
        `UPDATE contributions SET question_id=$2, author_name=$3, author_kind=$4, status=$5, version=$6,
           reply_to=$7, updated_at=now(), seq=nextval('change_seq') WHERE id=$1`,
        [r.id, r.questionId, r.author.name, r.author.kind, r.status, version, replyTo],
      );
      if (textChanged) {
        // Translations keep their source_version, so clients see them as stale.
        await tx.query(`UPDATE text_versions SET text=$3, source_version=$4 WHERE contribution_id=$1 AND language=$2`, [
          r.id,
          r.language,
          r.text,
          version,
        ]);
        originals.add(r.id);
      }
      return 'changed';
    }
    case 'translation': {
      const [contribution] = await tx.query<{ language: string; version: number; text: string | null }>(
        `SELECT c.language, c.version, t.text FROM contributions c
         LEFT JOIN text_versions t ON t.contribution_id = c.id AND t.language = c.language WHERE c.id = $1`,
        [r.contributionId],
      );
      if (!contribution) return { rejected: `unknown contribution ${JSON.stringify(r.contributionId)}` };
      if (contribution.language === r.language)
        return { rejected: `a translation cannot be in the original's language (${r.language})` };
      const engine = r.engine ?? null;
      // Each origin in its own layer: an imported machine translation never replaces a human one.
      const [old] = await tx.query<{ text: string; engine: string | null; source_version: number }>(
        'SELECT text, engine, source_version FROM translation_layers WHERE contribution_id=$1 AND language=$2 AND layer=$3',
        [r.contributionId, r.language, r.origin],
      );
      const source = sourceVersionOf(r, Number(contribution.version), contribution.text ?? '', old);
      if (typeof source !== 'number') return source;
      if (old && old.text === r.text && old.engine === engine && Number(old.source_version) === source)
        return 'unchanged';
      const served = await storeTranslationTx(tx, {
        contributionId: r.contributionId,
        language: r.language,
        layer: r.origin,
        text: r.text,
        engine,
        sourceVersion: source,
      });
      if (served) retranslated.add(r.contributionId);
      return 'changed';
    }
    case 'tag':
      return upsertActiveTag(tx, r);
  }
}

/**
 * Whether `id` may answer `target`: the target exists (else the line waits
 * for the rest of the file), belongs to the same question, and does not
 * itself answer `id`, however far up (the stored threads hold no cycle, so
 * the walk ends).
 */
async function checkReplyTo(
  tx: Queryable,
  id: string,
  questionId: string,
  target: string,
): Promise<'ok' | 'deferred' | { rejected: string }> {
  if (target === id) return { rejected: 'replyTo: a contribution cannot answer itself' };
  const [row] = await tx.query<{ question_id: string }>('SELECT question_id FROM contributions WHERE id = $1', [
    target,
  ]);
  if (!row) return 'deferred';
  if (row.question_id !== questionId)
    return {
      rejected: `replyTo: ${JSON.stringify(target)} answers another question (${JSON.stringify(row.question_id)})`,
    };
  // Only a contribution that already has answers, and whose link changes, can close a cycle (the stored
  // threads hold none): a first import or an unchanged re-import walks nothing, whatever the thread's depth.
  const [answered] = await tx.query<{ reply_to: string | null }>(
    `SELECT c.reply_to FROM contributions c WHERE c.id = $1
       AND EXISTS (SELECT 1 FROM contributions a WHERE a.reply_to = c.id)`,
    [id],
  );
  if (!answered || answered.reply_to === target) return 'ok';
  const [cycle] = await tx.query(
    `WITH RECURSIVE up(id, reply_to) AS (
       SELECT id, reply_to FROM contributions WHERE id = $1
       UNION SELECT c.id, c.reply_to FROM contributions c JOIN up ON c.id = up.reply_to)
     SELECT 1 FROM up WHERE id = $2`,
    [target, id],
  );
  if (cycle) return { rejected: `replyTo ${JSON.stringify(target)} closes a cycle of answers` };
  return 'ok';
}

/**
 * The version of the original a translation line was made from. A full
 * re-import carries every translation again after an original changed, so a
 * line must not be re-attached to the new text merely by being in the file:
 * - `sourceVersion` given: that version (at most the current one);
 * - `sourceHash` given: the current version when it is the current original's
 *   hash, else an earlier one (the version it was stored with, or the one before);
 * - neither: an unchanged text keeps the version it was stored with (it still
 *   translates that text, and the reader says so); a new or changed text is
 *   taken as made from the current original.
 */
function sourceVersionOf(
  r: Extract<ImportLine, { type: 'translation' }>,
  current: number,
  originalText: string,
  old: { text: string; source_version: number } | undefined,
): number | { rejected: string } {
  const stored = old ? Number(old.source_version) : undefined;
  if (r.sourceVersion !== undefined) {
    if (r.sourceVersion > current)
      return {
        rejected: `sourceVersion ${r.sourceVersion} is newer than the original this server holds (version ${current})`,
      };
    return r.sourceVersion;
  }
  if (r.sourceHash !== undefined) {
    if (r.sourceHash === hashText(originalText)) return current;
    if (stored !== undefined && stored < current) return stored;
    if (current > 1) return current - 1;
    return { rejected: "sourceHash is not the hash of the original's text, and this server holds no earlier text" };
  }
  if (old && stored !== undefined && old.text === r.text) return Math.min(stored, current);
  return current;
}
