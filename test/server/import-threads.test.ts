import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importLines } from '../../server/import/import-jsonl.js';
import { exportLines } from '../../server/export/export-jsonl.js';
import type { Database } from '../../server/db/database.js';
import { readContribution } from '../../server/contributions/contribution-store.js';
import { freshDatabase, type Backend } from '../support/server-harness.js';

/**
 * Issue 23: the platform was a forum. A contribution line may name the
 * contribution it answers (`replyTo`), before or after it in the file; an
 * unknown target, one of another question and a cycle are rejected with the
 * line number, and the rest of the file still goes in.
 */
const question = (id: string) => ({
  type: 'question',
  id,
  track: 'public',
  theme: 'public',
  code: id,
  order: 1,
  title: { en: id },
});
const contribution = (id: string, replyTo?: string, questionId = 'q1') => ({
  type: 'contribution',
  id,
  questionId,
  author: { name: `Author ${id}`, kind: 'individual' },
  language: 'fr',
  createdAt: '2017-01-01T00:00:00Z',
  status: 'published',
  text: `Texte de ${id}.`,
  ...(replyTo ? { replyTo } : {}),
});
const translation = (contributionId: string) => ({
  type: 'translation',
  contributionId,
  language: 'en',
  origin: 'machine',
  engine: 'systran',
  text: `Text of ${contributionId}.`,
});
const lines = (records: unknown[]) => records.map((r) => JSON.stringify(r));

describe.each<Backend>(['pglite', 'postgres'])('threads in the import on %s', (backend) => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase(backend, inject('pgUrl'));
  });
  afterAll(() => db?.close());

  const replyTo = async (id: string) => (await db.transaction((tx) => readContribution(tx, id)))?.replyTo ?? null;

  it('links answers, also to contributions later in the file, with their translations', async () => {
    const counts = await importLines(
      db,
      lines([
        question('q1'),
        question('q2'),
        contribution('a'),
        // b answers c, which comes two lines later (an export lists contributions by id).
        contribution('b', 'c'),
        translation('b'),
        contribution('c', 'a'),
        contribution('d', 'b'),
      ]),
    );
    expect(counts.rejected).toEqual([]);
    expect(counts.contributions).toBe(4);
    expect(counts.translations).toBe(1);
    expect(await replyTo('a')).toBeNull();
    expect(await replyTo('b')).toBe('c');
    expect(await replyTo('c')).toBe('a');
    expect(await replyTo('d')).toBe('b');
    const b = await db.transaction((tx) => readContribution(tx, 'b'));
    expect(b!.versions.map((v) => v.language).sort()).toEqual(['en', 'fr']);
  });

  it('rejects unknown targets, other questions, self-answers and cycles with their line numbers', async () => {
    const counts = await importLines(
      db,
      lines([
        contribution('e', 'nowhere'), // 1
        translation('e'), // 2
        contribution('f', 'a', 'q2'), // 3: a answers q1
        contribution('g', 'g'), // 4
        contribution('h', 'i'), // 5
        contribution('i', 'h'), // 6
        // 7: a (already stored) would answer d, which answers b → c → a.
        contribution('a', 'd'),
        contribution('j', 'a'), // 8: fine
      ]),
    );
    expect(counts.rejected).toEqual([
      { line: 1, reason: 'replyTo: unknown contribution "nowhere"' },
      { line: 2, reason: 'its contribution was rejected (line 1)' },
      { line: 3, reason: 'replyTo: "a" answers another question ("q1")' },
      { line: 4, reason: 'replyTo: a contribution cannot answer itself' },
      { line: 5, reason: 'replyTo "i" closes a cycle of answers (line 6)' },
      { line: 6, reason: 'replyTo "h" closes a cycle of answers (line 5)' },
      { line: 7, reason: 'replyTo "d" closes a cycle of answers' },
    ]);
    expect(counts.contributions).toBe(1);
    expect(await replyTo('j')).toBe('a');
    expect(await replyTo('a')).toBeNull();
    const stored = await db.query<{ id: string }>(`SELECT id FROM contributions WHERE id IN ('e','f','g','h','i')`);
    expect(stored).toEqual([]);
  });

  it('exports the links and imports its own export unchanged', async () => {
    const exported: string[] = [];
    for await (const line of exportLines(db)) exported.push(line);
    const b = exported.map((l) => JSON.parse(l) as Record<string, unknown>).find((r) => r.id === 'b');
    expect(b?.replyTo).toBe('c');
    const again = await importLines(db, exported);
    expect(again.rejected).toEqual([]);
    expect(again.contributions).toBe(0);

    const other = await freshDatabase(backend, inject('pgUrl'));
    try {
      const counts = await importLines(other, exported);
      expect(counts.rejected).toEqual([]);
      const links = await other.query<{ id: string; reply_to: string | null }>(
        'SELECT id, reply_to FROM contributions ORDER BY id',
      );
      expect(links).toEqual(await db.query('SELECT id, reply_to FROM contributions ORDER BY id'));
    } finally {
      await other.close();
    }
  });

  it('a re-import may move an answer to another contribution of its question, or unlink it', async () => {
    await importLines(db, lines([contribution('d', 'a')]));
    expect(await replyTo('d')).toBe('a');
    await importLines(db, lines([contribution('d')]));
    expect(await replyTo('d')).toBeNull();
  });
});
