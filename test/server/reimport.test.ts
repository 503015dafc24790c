import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importLines } from '../../server/import/import-jsonl.js';
import { openPostgres, type Database } from '../../server/db/database.js';
import { hashText } from '../../shared/anchoring/hash-text.js';
import type { Contribution } from '../../shared/model/entities.js';
import { freshDatabase, freshPostgresUrl, runAdmin, type Backend } from '../support/server-harness.js';
import { readContribution } from '../../server/contributions/contribution-store.js';

/**
 * Issue 16, item 2: a platform export re-imported whole after an original
 * changed carries every translation line again. Those whose text did not
 * change still translate the old original and must say so.
 */
const theme = { type: 'theme', id: 't1', track: 'legal', code: 'I', order: 1, title: { en: 'Theme' } };
const question = { type: 'question', id: 'q1', track: 'legal', theme: 'I', code: '1', order: 1, title: { en: 'Q' } };
const ORIGINAL = 'Premier paragraphe.\n\nSecond paragraphe.';
const EDITED = 'Premier paragraphe, corrigé.\n\nSecond paragraphe.';
const contribution = (text: string, id = 'c1') => ({
  type: 'contribution',
  id,
  questionId: 'q1',
  author: { name: 'A', kind: 'individual' },
  language: 'fr',
  createdAt: '2017-01-01T00:00:00Z',
  status: 'published',
  text,
});
const translation = (language: string, text: string, extra: Record<string, unknown> = {}, id = 'c1') => ({
  type: 'translation',
  contributionId: id,
  language,
  origin: 'machine',
  engine: 'systran',
  text,
  ...extra,
});
const lines = (records: unknown[]) => records.map((r) => JSON.stringify(r));
const firstExport = [
  theme,
  question,
  contribution(ORIGINAL),
  translation('en', 'First paragraph.\n\nSecond paragraph.'),
  translation('de', 'Erster Absatz.\n\nZweiter Absatz.'),
  translation('es', 'Primer párrafo.\n\nSegundo párrafo.'),
];

const versionOf = (c: Contribution, lang: string) => c.versions.find((v) => v.language === lang)!;

describe.each<Backend>(['pglite', 'postgres'])('a re-import on %s', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(backend, inject('pgUrl'));
  });
  afterAll(() => db?.close());

  const read = async (id = 'c1') => (await db.transaction((tx) => readContribution(tx, id)))!;
  const jobs = (id = 'c1') =>
    db.query<{ target_language: string; source_version: number }>(
      `SELECT target_language, source_version FROM translation_jobs WHERE contribution_id=$1 AND status='queued'
       ORDER BY target_language`,
      [id],
    );

  it('keeps an unchanged translation on the older original and takes a changed one as current', async () => {
    expect((await importLines(db, lines(firstExport))).rejected).toEqual([]);
    // The whole export again: the original changed, the English translation was redone, the others were not.
    const second = [
      ...firstExport.slice(0, 2),
      contribution(EDITED),
      translation('en', 'First paragraph, corrected.\n\nSecond paragraph.'),
      ...firstExport.slice(4),
    ];
    const counts = await importLines(db, lines(second));
    expect(counts).toMatchObject({ contributions: 1, translations: 1, unchanged: 4, rejected: [] });
    const c1 = await read();
    expect(c1.version).toBe(2);
    expect(versionOf(c1, 'en')).toMatchObject({
      sourceVersion: 2,
      text: 'First paragraph, corrected.\n\nSecond paragraph.',
    });
    // Made from the first text: the reader shows them as translations of an earlier version.
    expect(versionOf(c1, 'de').sourceVersion).toBe(1);
    expect(versionOf(c1, 'es').sourceVersion).toBe(1);
    // The same file once more changes nothing and still passes nothing off as current.
    expect(await importLines(db, lines(second))).toMatchObject({ contributions: 0, translations: 0, unchanged: 6 });
    expect(versionOf(await read(), 'de').sourceVersion).toBe(1);
  });

  it('takes the source from an explicit sourceHash or sourceVersion', async () => {
    const de = 'Erster Absatz.\n\nZweiter Absatz.';
    // Same text as stored, but the line says it translates the current original (a reviewer checked it).
    const byHash = await importLines(db, lines([translation('de', de, { sourceHash: hashText(EDITED) })]));
    expect(byHash).toMatchObject({ translations: 1, rejected: [] });
    expect(versionOf(await read(), 'de').sourceVersion).toBe(2);
    // A changed text whose hash names another original is not current.
    const stale = await importLines(
      db,
      lines([translation('it', 'Primo paragrafo.\n\nSecondo paragrafo.', { sourceHash: hashText(ORIGINAL) })]),
    );
    expect(stale.rejected).toEqual([]);
    expect(versionOf(await read(), 'it').sourceVersion).toBe(1);
    // sourceVersion names this server's version of the original.
    await importLines(db, lines([translation('es', 'Primer párrafo.\n\nSegundo párrafo.', { sourceVersion: 2 })]));
    expect(versionOf(await read(), 'es').sourceVersion).toBe(2);
    await importLines(db, lines([translation('pt', 'Primeiro parágrafo, outro.', { sourceVersion: 1 })]));
    expect(versionOf(await read(), 'pt').sourceVersion).toBe(1);

    const bad = await importLines(
      db,
      lines([
        translation('ru', 'Первый абзац.', { sourceVersion: 3 }),
        translation('ru', 'Первый абзац.', { sourceVersion: 1, sourceHash: hashText(EDITED) }),
        translation('ru', 'Первый абзац.', { sourceHash: 'not-a-hash' }),
      ]),
    );
    expect(bad.rejected.map((r) => r.line)).toEqual([1, 2, 3]);
    expect(bad.rejected[0]!.reason).toMatch(
      /sourceVersion 3 is newer than the original this server holds \(version 2\)/,
    );
    expect(bad.rejected[1]!.reason).toMatch(/not both/);
    expect(bad.rejected[2]!.reason).toMatch(/16 lower-case hex digits/);
    expect(versionOf(await read(), 'ru')).toBeUndefined();
  });

  it('refuses a sourceHash that matches no text the server has held', async () => {
    await importLines(db, lines([contribution('Un texte neuf, version unique.', 'c2')]));
    const counts = await importLines(
      db,
      lines([translation('en', 'Some text.', { sourceHash: hashText('another text') }, 'c2')]),
    );
    expect(counts.rejected[0]!.reason).toMatch(/not the hash of the original's text/);
  });

  it('queues the changed original for the languages the import left without a translation of it', async () => {
    await importLines(db, lines([contribution(ORIGINAL, 'c3'), translation('en', 'First.', {}, 'c3')]));
    expect(await jobs('c3')).toEqual([]);
    // Without a provider (no queueTranslations), an import queues nothing.
    await importLines(db, lines([contribution(`${EDITED} v2`, 'c3')]));
    expect(await jobs('c3')).toEqual([]);
    // The next change comes with a human German translation of the new text, 510 lines later (another batch).
    const filler = Array.from({ length: 510 }, (_, i) => contribution(`Remplissage numéro ${i}, assez long.`, `f${i}`));
    await importLines(
      db,
      lines([
        contribution(`${EDITED} v3`, 'c3'),
        ...filler,
        translation('de', 'Erster Absatz, Fassung drei.', { origin: 'human', engine: undefined }, 'c3'),
      ]),
      { queueTranslations: false },
    );
    expect(await jobs('c3')).toEqual([]);
    await importLines(
      db,
      lines([
        contribution(`${EDITED} v4`, 'c3'),
        ...filler,
        translation('de', 'Erster Absatz, Fassung vier.', { origin: 'human', engine: undefined }, 'c3'),
      ]),
      { queueTranslations: true },
    );
    const queued = await jobs('c3');
    expect(queued.map((j) => j.target_language)).toEqual(['ar', 'en', 'es', 'it', 'ko', 'pt', 'ru', 'zh']);
    expect(queued.every((j) => Number(j.source_version) === 4)).toBe(true);
    // An unchanged re-import queues nothing more.
    const before = await db.query('SELECT count(*)::int AS n FROM translation_jobs');
    await importLines(db, lines([contribution(`${EDITED} v4`, 'c3')]), { queueTranslations: true });
    expect(await db.query('SELECT count(*)::int AS n FROM translation_jobs')).toEqual(before);
  });
});

describe('admin import with a translation provider configured', () => {
  it('queues the translations of a changed original; without a provider it queues none', async () => {
    const url = await freshPostgresUrl(inject('pgUrl'));
    const dir = mkdtempSync(join(tmpdir(), 'reimport-'));
    const file = (name: string, records: unknown[]) => {
      const path = join(dir, name);
      writeFileSync(path, lines(records).join('\n'));
      return path;
    };
    const first = await runAdmin(url, ['import', file('a.jsonl', firstExport)], { TRANSLATOR: '' });
    expect(first.code, first.stderr).toBe(0);
    const edited = file('b.jsonl', [...firstExport.slice(0, 2), contribution(EDITED), ...firstExport.slice(3)]);
    const provider = { LIBRETRANSLATE_URL: 'http://127.0.0.1:9' };
    const second = await runAdmin(url, ['import', edited], provider);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/translationsQueued: 9/);
    const db = await openPostgres(url);
    try {
      const rows = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM translation_jobs WHERE contribution_id='c1' AND source_version=2 AND status='queued'`,
      );
      expect(rows[0]!.n).toBe(9);
    } finally {
      await db.close();
    }
  });
});
