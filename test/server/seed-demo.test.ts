import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { currentHead, writeTransaction, type Database } from '../../server/db/database.js';
import { DEMO_CORPUS, describeDemoSeed, seedDemo } from '../../server/demo/seed-demo.js';
import { importJsonlFile, importLines } from '../../server/import/import-jsonl.js';
import { upsertParticipant } from '../../server/auth/tokens.js';
import { attachHumanTranslationTx, withdrawContributionTx } from '../../server/contributions/moderation.js';
import { freshDatabase, type Backend } from '../support/server-harness.js';

const TABLES: [string, string][] = [
  ['themes', 'id'],
  ['questions', 'id'],
  ['seminar_sessions', 'id'],
  ['contributions', 'id'],
  ['text_versions', 'contribution_id, language'],
  ['translation_layers', 'contribution_id, language, layer'],
  ['tags', 'id'],
];

/** Every row of every table the demo writes, in a stable order, as JSON. */
async function snapshot(db: Database): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, order] of TABLES)
    out[table] = JSON.stringify(await db.query(`SELECT * FROM ${table} ORDER BY ${order}`));
  out.head = String(await currentHead(db));
  return out;
}

const corpusLines = () => readFileSync(DEMO_CORPUS, 'utf8').split('\n');
type Line = Record<string, unknown> & { type: string };
/** A copy of the demo corpus with `edit` applied to each parsed line: a new demo version. */
function editedCorpus(edit: (line: Line) => Line): string {
  const dir = mkdtempSync(join(tmpdir(), 'demo-corpus-'));
  const file = join(dir, 'corpus.jsonl');
  const lines = corpusLines().map((raw) => (raw.trim() ? JSON.stringify(edit(JSON.parse(raw) as Line)) : raw));
  writeFileSync(file, lines.join('\n'));
  return file;
}

async function contribution(db: Database, id: string) {
  const [row] = await db.query<{ status: string; version: number; text: string }>(
    `SELECT c.status, c.version, t.text FROM contributions c
     JOIN text_versions t ON t.contribution_id = c.id AND t.language = c.language WHERE c.id = $1`,
    [id],
  );
  return row!;
}

/** The secretariat's work after the demo import: a withdrawal, a corrected text, a human translation. */
async function meetingWork(db: Database) {
  const secretariat = await upsertParticipant(db, {
    id: 'sec',
    name: 'Secretariat',
    roles: ['secretariat'],
    language: 'en',
  });
  const withdrawn = await writeTransaction(db, (tx) =>
    withdrawContributionTx(tx, secretariat, 'demo-c-001', { reason: 'asked by the author' }),
  );
  expect(withdrawn.result.status).toBe('applied');
  const original = JSON.parse(corpusLines().find((l) => l.includes('"id":"demo-c-002"'))!) as Line;
  const corrected = await importLines(db, [
    JSON.stringify({ ...original, text: 'Corrected text by the secretariat.' }),
  ]);
  expect(corrected.contributions).toBe(1);
  const human = await writeTransaction(db, (tx) =>
    attachHumanTranslationTx(tx, secretariat, 'demo-c-003', 'fr', { text: 'Traduction relue par un humain.' }),
  );
  expect(human.result.status).toBe('applied');
}

describe.each<Backend>(['pglite', 'postgres'])('demo seed on %s', (backend) => {
  it('imports once into an empty folder; restarts never undo a withdrawal, a correction or a human translation', async () => {
    const db = await freshDatabase(backend, inject('pgUrl'));
    try {
      const first = await seedDemo(db);
      expect(first.outcome).toBe('imported');
      if (first.outcome !== 'imported') return;
      expect(first.counts.rejected).toEqual([]);
      expect(first.counts.contributions).toBe(30);
      expect(describeDemoSeed(first)).toMatch(/imported into an empty data folder/);

      await meetingWork(db);
      const before = await snapshot(db);
      for (let restart = 0; restart < 3; restart++) {
        const again = await seedDemo(db);
        expect(again.outcome).toBe('current');
        expect(describeDemoSeed(again)).toMatch(/nothing imported, nothing changed/);
      }
      expect(await snapshot(db)).toEqual(before);
      expect((await contribution(db, 'demo-c-001')).status).toBe('withdrawn');
      expect((await contribution(db, 'demo-c-002')).text).toBe('Corrected text by the secretariat.');
    } finally {
      await db.close();
    }
  });

  it('a new demo version updates only records nobody changed since, and says what it left alone', async () => {
    const db = await freshDatabase(backend, inject('pgUrl'));
    try {
      await seedDemo(db);
      await meetingWork(db);
      const edited = new Set(['demo-c-001', 'demo-c-002', 'demo-c-003', 'demo-c-004']);
      const corpus = editedCorpus((line) => {
        if (line.type === 'contribution' && edited.has(line.id as string))
          return { ...line, text: `New demo text of ${String(line.id)}.` };
        if (line.type === 'translation' && edited.has(line.contributionId as string))
          return { ...line, text: `New machine translation of ${String(line.contributionId)}.` };
        return line;
      });
      const c2before = await contribution(db, 'demo-c-002');
      const layersBefore = await db.query(
        `SELECT * FROM translation_layers WHERE contribution_id IN ('demo-c-001','demo-c-002') ORDER BY language, layer`,
      );
      const humanBefore = await db.query(
        `SELECT * FROM text_versions WHERE contribution_id='demo-c-003' AND language='fr'`,
      );

      const update = await seedDemo(db, corpus);
      expect(update.outcome).toBe('updated');
      if (update.outcome !== 'updated') return;
      expect(update.kept).toEqual(expect.arrayContaining(['contribution:demo-c-001', 'contribution:demo-c-002']));
      expect(describeDemoSeed(update)).toMatch(/left as they are because they were changed/);

      // Untouched by anyone: follows the demo.
      const c4 = await contribution(db, 'demo-c-004');
      expect(c4.text).toBe('New demo text of demo-c-004.');
      expect(Number(c4.version)).toBe(2);
      // Withdrawn, corrected: as the meeting left them, translations included.
      expect(await contribution(db, 'demo-c-001')).toMatchObject({ status: 'withdrawn' });
      expect(await contribution(db, 'demo-c-002')).toEqual(c2before);
      expect(
        await db.query(
          `SELECT * FROM translation_layers WHERE contribution_id IN ('demo-c-001','demo-c-002') ORDER BY language, layer`,
        ),
      ).toEqual(layersBefore);
      // The human translation is still what readers get in French.
      expect(
        await db.query(`SELECT * FROM text_versions WHERE contribution_id='demo-c-003' AND language='fr'`),
      ).toEqual(humanBefore);

      const before = await snapshot(db);
      expect((await seedDemo(db, corpus)).outcome).toBe('current');
      expect(await snapshot(db)).toEqual(before);
    } finally {
      await db.close();
    }
  });

  it('a folder seeded by an older version (no record of the import) is adopted, not re-imported', async () => {
    const db = await freshDatabase(backend, inject('pgUrl'));
    try {
      await importJsonlFile(db, DEMO_CORPUS);
      await meetingWork(db);
      const before = await snapshot(db);
      const report = await seedDemo(db);
      expect(report.outcome).toBe('adopted');
      expect(await snapshot(db)).toEqual(before);
      expect((await seedDemo(db)).outcome).toBe('current');
      expect(await snapshot(db)).toEqual(before);
    } finally {
      await db.close();
    }
  });

  it('a folder holding another corpus is left alone', async () => {
    const db = await freshDatabase(backend, inject('pgUrl'));
    try {
      await importLines(db, [
        JSON.stringify({ type: 'theme', id: 'real-theme', track: 'legal', code: 'X', order: 1, title: { en: 'Real' } }),
      ]);
      const before = await snapshot(db);
      expect((await seedDemo(db)).outcome).toBe('foreign');
      expect(await snapshot(db)).toEqual(before);
    } finally {
      await db.close();
    }
  });
});
