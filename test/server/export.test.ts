import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJsonlFile, importLines } from '../../server/import/import-jsonl.js';
import { exportLines } from '../../server/export/export-jsonl.js';
import { openPostgres, type Database } from '../../server/db/database.js';
import { readContribution } from '../../server/contributions/contribution-store.js';
import { DEMO_CORPUS } from '../../server/demo/seed-demo.js';
import { freshDatabase, freshPostgresUrl, runAdmin } from '../support/server-harness.js';

/**
 * `admin export` writes the corpus in the import format, translations with
 * their source: imported into an empty server it gives the same texts,
 * versions and sources (a translation of an earlier original stays one);
 * imported back it changes nothing.
 */
async function collect(db: Database): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of exportLines(db)) lines.push(line);
  return lines;
}

async function everything(db: Database) {
  const ids = await db.query<{ id: string }>('SELECT id FROM contributions ORDER BY id');
  return db.transaction(async (tx) =>
    Promise.all(
      ids.map(async ({ id }) => {
        // updatedAt is when this server stored it, not part of what is exported.
        const { updatedAt: _updatedAt, ...c } = (await readContribution(tx, id))!;
        return { ...c, versions: [...c.versions].sort((a, b) => a.language.localeCompare(b.language)) };
      }),
    ),
  );
}

describe('admin export', () => {
  let source: Database;
  let target: Database;
  beforeAll(async () => {
    source = await freshDatabase('pglite', inject('pgUrl'));
    target = await freshDatabase('pglite', inject('pgUrl'));
    expect((await importJsonlFile(source, DEMO_CORPUS)).rejected).toEqual([]);
    // One original changed twice: its English translation redone for the new text, a human German one of the
    // first text kept; the others stay translations of the first text.
    const [first] = await source.query<{ id: string; language: string; text: string }>(
      `SELECT c.id, c.language, t.text FROM contributions c JOIN text_versions t ON t.contribution_id=c.id AND t.language=c.language
       WHERE c.language <> 'en' AND c.language <> 'de' ORDER BY c.id LIMIT 1`,
    );
    const line = JSON.parse(
      readFileSync(DEMO_CORPUS, 'utf8')
        .split('\n')
        .find((l) => l.includes(`"id":"${first!.id}"`) && l.includes('"type":"contribution"'))!,
    );
    const translation = (language: string, origin: string, text: string) =>
      JSON.stringify({ type: 'translation', contributionId: first!.id, language, origin, text });
    await importLines(source, [translation('de', 'human', 'Eine menschliche Übersetzung des ersten Textes.')]);
    await importLines(source, [JSON.stringify({ ...line, text: `${line.text} Ajout.` })]);
    await importLines(source, [
      JSON.stringify({ ...line, text: `${line.text} Ajout. Encore.` }),
      translation('en', 'machine', 'A translation of the newest text.'),
    ]);
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  it('restores the same texts, versions and sources on an empty server', async () => {
    const lines = await collect(source);
    const counts = await importLines(target, lines);
    expect(counts.rejected).toEqual([]);
    const restored = await everything(target);
    expect(restored).toEqual(await everything(source));
    const changed = restored.find((c) => c.version === 3)!;
    expect(changed.versions.find((v) => v.language === 'en')!.sourceVersion).toBe(3);
    expect(changed.versions.find((v) => v.language === 'de')).toMatchObject({ origin: 'human', sourceVersion: 1 });
    expect(changed.versions.filter((v) => v.origin === 'machine' && v.sourceVersion === 1).length).toBeGreaterThan(5);
  });

  it('changes nothing when imported back', async () => {
    const counts = await importLines(source, await collect(source));
    expect(counts).toMatchObject({ themes: 0, questions: 0, sessions: 0, contributions: 0, translations: 0, tags: 0 });
    expect(counts.rejected).toEqual([]);
    expect(counts.unchanged).toBeGreaterThan(300);
  });

  it('writes the file from the command line', async () => {
    const url = await freshPostgresUrl(inject('pgUrl'));
    const db = await openPostgres(url);
    try {
      expect((await importJsonlFile(db, DEMO_CORPUS)).rejected).toEqual([]);
    } finally {
      await db.close();
    }
    const file = join(mkdtempSync(join(tmpdir(), 'export-')), 'corpus.jsonl');
    const run = await runAdmin(url, ['export', file]);
    expect(run.code, run.stderr).toBe(0);
    const written = readFileSync(file, 'utf8').trim().split('\n');
    expect(run.stdout).toContain(`exported ${written.length} lines`);
    expect(written.filter((l) => l.includes('"type":"translation"')).length).toBe(270);
  });
});
