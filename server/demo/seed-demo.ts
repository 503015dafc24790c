import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database, Queryable } from '../db/database.js';
import { importLines, type ImportCounts } from '../import/import-jsonl.js';
import { DEMO_PARTICIPANT, upsertParticipant } from '../auth/tokens.js';
import { importLineSchema, type ImportLine } from '../../shared/protocol/import-format.js';
import { demoRecordKey, humanTranslations, lineFingerprint, storedFingerprint } from './demo-fingerprints.js';

export const DEMO_CORPUS = fileURLToPath(new URL('../../assets/demo/corpus.jsonl', import.meta.url));

/**
 * The demo corpus is imported once, not at every start: `npm start` passes
 * `--demo`, and a meeting run on it must keep its withdrawals, corrections and
 * human translations across restarts.
 *
 * - Empty data folder: the corpus is imported whole; its version (a hash of
 *   the file) and a fingerprint of every record it wrote are kept in
 *   `demo_corpus`.
 * - Same version as recorded: nothing is read or written.
 * - The corpus file changed (a new version of the app): a record is written
 *   only if it is new to the demo and absent, or still exactly as the last
 *   demo import left it. A record someone changed or deleted since is left as
 *   it is, and so are the translations of a contribution left as it is (a
 *   translation of the demo's text must not be marked current for a text
 *   someone corrected).
 * - Data but no record of a demo import (a folder seeded by an older version,
 *   or a real meeting's): nothing is written; the records that equal the
 *   demo's are adopted, so a later demo version can update them. When none
 *   equals the demo's, the folder is not the demo's and is left alone.
 */
export type DemoSeedReport =
  | { outcome: 'missing'; corpus: string }
  | { outcome: 'current'; version: string }
  | { outcome: 'imported'; version: string; counts: ImportCounts }
  | { outcome: 'updated'; version: string; previousVersion: string; counts: ImportCounts; kept: string[] }
  | { outcome: 'adopted'; version: string; adopted: number; kept: string[] }
  | { outcome: 'foreign'; version: string };

const VERSION_KEY = '#version';

export async function seedDemo(db: Database, corpus: string = DEMO_CORPUS): Promise<DemoSeedReport> {
  await upsertParticipant(db, DEMO_PARTICIPANT);
  if (!existsSync(corpus)) return { outcome: 'missing', corpus };
  const text = await readFile(corpus, 'utf8');
  const version = createHash('sha256').update(text).digest('hex').slice(0, 16);
  // Demo bookkeeping exists only in data folders started with --demo, so it
  // is created here rather than by a migration every deployment would carry.
  await db.query('CREATE TABLE IF NOT EXISTS demo_corpus (key text PRIMARY KEY, fingerprint text NOT NULL)');
  const recorded = new Map(
    (await db.query<{ key: string; fingerprint: string }>('SELECT key, fingerprint FROM demo_corpus')).map((r) => [
      r.key,
      r.fingerprint,
    ]),
  );
  const previousVersion = recorded.get(VERSION_KEY);
  if (previousVersion === version) return { outcome: 'current', version };
  const adoptOnly = previousVersion === undefined && !(await isEmpty(db));

  const raw = text.split(/\r?\n/);
  const plan = await planLines(db, raw, recorded, adoptOnly);
  if (adoptOnly) {
    if (plan.unchanged.size === 0) return { outcome: 'foreign', version };
    await record(db, plan.unchanged, version);
    return { outcome: 'adopted', version, adopted: plan.unchanged.size, kept: plan.kept };
  }
  // Lines not to import become blank, which the import skips while keeping line numbers.
  const counts = await importLines(
    db,
    raw.map((line, index) => (plan.toImport.has(index) ? line : '')),
  );
  counts.unchanged += plan.unchanged.size;
  const rejectedAt = new Set(counts.rejected.map((r) => r.line - 1));
  const written = new Map([...plan.toImport].filter(([index]) => !rejectedAt.has(index)).map(([, entry]) => entry));
  await record(db, new Map([...plan.unchanged, ...written]), version);
  if (previousVersion === undefined) return { outcome: 'imported', version, counts };
  return { outcome: 'updated', version, previousVersion, counts, kept: plan.kept };
}

interface Plan {
  /** line index → [record key, fingerprint after import] */
  toImport: Map<number, [string, string]>;
  /** records already as the corpus says: key → fingerprint */
  unchanged: Map<string, string>;
  /** records the corpus would change but someone changed since: their keys */
  kept: string[];
}

async function planLines(
  db: Queryable,
  raw: string[],
  recorded: Map<string, string>,
  adoptOnly: boolean,
): Promise<Plan> {
  const plan: Plan = { toImport: new Map(), unchanged: new Map(), kept: [] };
  const parsed: { index: number; line: ImportLine }[] = [];
  raw.forEach((text, index) => {
    if (text.trim() === '') return;
    let line: ImportLine | undefined;
    try {
      line = importLineSchema.parse(JSON.parse(text));
    } catch {
      // Passed on as it is: the import rejects it with its line number.
      plan.toImport.set(index, ['', '']);
      return;
    }
    parsed.push({ index, line });
  });
  const keptContributions = new Set<string>();
  const rewrittenContributions = new Set<string>();
  // Contributions are decided before translations, which depend on them.
  const ordered = [
    ...parsed.filter((p) => p.line.type !== 'translation'),
    ...parsed.filter((p) => p.line.type === 'translation'),
  ];
  for (const { index, line } of ordered) {
    const key = demoRecordKey(line);
    const wanted = lineFingerprint(line);
    let current = await storedFingerprint(db, line);
    if (line.type === 'contribution' && current !== undefined) {
      for (const [translation, fp] of await humanTranslations(db, line.id))
        if (recorded.get(translation) !== fp) current = 'translated by hand since';
    }
    const ofContribution = line.type === 'translation' ? line.contributionId : undefined;
    const keep = () => {
      plan.kept.push(key);
      if (line.type === 'contribution') keptContributions.add(line.id);
    };
    if (ofContribution && keptContributions.has(ofContribution)) keep();
    else if (current === wanted && !(ofContribution && rewrittenContributions.has(ofContribution)))
      plan.unchanged.set(key, wanted);
    else if (adoptOnly) keep();
    else if (current === undefined ? !recorded.has(key) : current === recorded.get(key)) {
      plan.toImport.set(index, [key, wanted]);
      if (line.type === 'contribution' && current !== undefined) rewrittenContributions.add(line.id);
    } else keep();
  }
  return plan;
}

async function isEmpty(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM themes) OR EXISTS (SELECT 1 FROM questions) OR EXISTS (SELECT 1 FROM seminar_sessions)
       OR EXISTS (SELECT 1 FROM contributions) OR EXISTS (SELECT 1 FROM tags) AS any`,
  );
  return !row?.any;
}

async function record(db: Database, fingerprints: Map<string, string>, version: string) {
  const entries = [...fingerprints].filter(([key]) => key !== '');
  entries.push([VERSION_KEY, version]);
  await db.transaction((tx) =>
    tx.query(
      `INSERT INTO demo_corpus (key, fingerprint) SELECT * FROM unnest($1::text[], $2::text[])
       ON CONFLICT (key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint`,
      [entries.map(([key]) => key), entries.map(([, fp]) => fp)],
    ),
  );
}

/** One line for the server's log: what the demo import did, and what it left alone. */
export function describeDemoSeed(report: DemoSeedReport): string {
  const keptList = (kept: string[]) =>
    kept.length === 0
      ? ''
      : `; ${kept.length} record(s) left as they are because they were changed or removed after the demo import: ` +
        kept.slice(0, 10).join(', ') +
        (kept.length > 10 ? ', …' : '');
  const countsOf = (c: ImportCounts) => JSON.stringify({ ...c, rejected: c.rejected.length });
  switch (report.outcome) {
    case 'missing':
      return `Demo corpus ${report.corpus} is missing: the demo server starts empty.`;
    case 'current':
      return `Demo corpus version ${report.version} was imported before: nothing imported, nothing changed.`;
    case 'imported':
      return `Demo corpus version ${report.version} imported into an empty data folder: ${countsOf(report.counts)}.`;
    case 'updated':
      return (
        `Demo corpus updated from version ${report.previousVersion} to ${report.version}: ` +
        `${countsOf(report.counts)}${keptList(report.kept)}.`
      );
    case 'adopted':
      return (
        `The data folder holds data but no record of a demo import: nothing imported; ${report.adopted} ` +
        `record(s) recognised as demo corpus version ${report.version}${keptList(report.kept)}.`
      );
    case 'foreign':
      return 'The data folder holds data that is not the demo corpus: the demo corpus is not imported.';
  }
}
