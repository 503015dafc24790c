import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { applyPushResults } from '../../../renderer/db/apply-push-results.js';
import { openSeminarDb, type EditionUnitsRow } from '../../../renderer/db/database.js';
import { queueEditionCorrection, shownSections } from '../../../renderer/db/edition-corrections.js';
import type { PushResult } from '../../../shared/protocol/push.js';

/**
 * Corrections of a machine edition on the device: the kept units with the
 * queued corrections over them, each section saying its origin, and the
 * server's acknowledgement written into every kept edition holding the unit.
 */
let n = 0;
const fresh = () => openSeminarDb(`edition-corrections-${Date.now()}-${(n += 1)}`);
const h = (c: string) => c.repeat(64);

const kept = (number: number, lang: 'ar' | 'fr' = 'ar'): EditionUnitsRow => ({
  eventId: 'ev',
  number,
  lang,
  source: 'fr',
  fetchedAt: '2017-02-01T10:00:00.000Z',
  units: [
    { hash: h('a'), source: 'Titre', machine: lang === 'fr' ? null : '[ar] Titre', correction: null },
    {
      hash: h('b'),
      source: 'Un <x0>mot</x0>.',
      machine: lang === 'fr' ? null : '[ar] Un <x0>mot</x0>.',
      correction: null,
    },
    { hash: h('c'), source: 'Fin.', machine: lang === 'fr' ? null : '[ar] Fin.', correction: null },
  ],
  sections: [
    { kind: 'titles', title: 'Actes', hashes: [h('a')] },
    { kind: 'synthesis', title: 'Synthèse', hashes: [h('a'), h('b')] },
    { kind: 'closing', title: 'Clôture', hashes: [h('c')] },
  ],
});

const correction = (hash: string, text: string, lang = 'ar') => ({
  id: crypto.randomUUID(),
  kind: 'edition-correct' as const,
  eventId: 'ev',
  number: 1,
  lang: lang as 'ar',
  hash,
  text,
});

describe('corrections of a machine edition on the device', () => {
  it('lays queued corrections over the kept units, the latest standing, and says each section’s origin', async () => {
    const row = kept(1);
    const outbox = [
      { mutation: correction(h('b'), 'أولى <x0>كلمة</x0>.'), rejected: null },
      { mutation: correction(h('b'), 'ثانية <x0>كلمة</x0>.'), rejected: null },
      // Another language's correction of the same unit is not this one's.
      { mutation: correction(h('c'), 'Ende.', 'de'), rejected: null },
    ];
    const sections = shownSections(row, outbox);
    expect(sections.map((s) => [s.kind, s.origin])).toEqual([
      ['titles', 'machine'],
      ['synthesis', 'human-corrected'],
      ['closing', 'machine'],
    ]);
    expect(sections[1]!.units.map((u) => u.pending)).toEqual([null, 'ثانية <x0>كلمة</x0>.']);
    // A correction the server refused keeps its text, says why, and makes nothing corrected.
    const refused = shownSections(row, [
      { mutation: correction(h('c'), 'نهاية'), rejected: { reason: 'validation-failed', message: 'keep the tags' } },
    ]);
    expect(refused[2]).toMatchObject({ origin: 'machine', units: [{ pending: 'نهاية', refused: 'keep the tags' }] });
    // The edition's own language: every section is the original.
    expect(shownSections(kept(1, 'fr'), outbox).map((s) => s.origin)).toEqual(['original', 'original', 'original']);
  });

  it('writes the acknowledged unit into every kept edition of that language holding it, and drops the outbox row', async () => {
    const db = fresh();
    await db.editionUnits.bulkPut([kept(1), kept(2), { ...kept(2), lang: 'zh' as never }]);
    const mutation = correction(h('b'), 'مصحّح <x0>كلمة</x0>.');
    await queueEditionCorrection(db, mutation);
    const sent = await db.outbox.toArray();
    expect(sent).toHaveLength(1);
    const unit = {
      hash: h('b'),
      source: 'Un <x0>mot</x0>.',
      machine: '[ar] Un <x0>mot</x0>.',
      correction: {
        text: mutation.text,
        authorId: 'alice',
        authorName: 'Alice',
        correctedAt: '2017-02-02T10:00:00.000Z',
      },
    };
    const results: PushResult[] = [
      { mutationId: mutation.id, status: 'applied', record: { kind: 'edition-unit', eventId: 'ev', lang: 'ar', unit } },
    ];
    await applyPushResults(db, sent, results);
    expect(await db.outbox.count()).toBe(0);
    for (const number of [1, 2]) {
      const row = (await db.editionUnits.get(['ev', number, 'ar']))!;
      expect(row.units.find((u) => u.hash === h('b'))!.correction).toEqual(unit.correction);
      expect(shownSections(row, [])[1]!.origin).toBe('human-corrected');
    }
    expect((await db.editionUnits.get(['ev', 2, 'zh']))!.units[1]!.correction).toBeNull();
    db.close();
  });
});
