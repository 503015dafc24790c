import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBitset, Postings } from '../../../renderer/search/postings.js';
import { TextShard } from '../../../renderer/search/text-shard.js';
import { planQuery, parseQuery } from '../../../shared/search/index.js';

/** The slots of a word's list, decoded here independently of the index's own code. */
function slotsOf(postings: Postings, word: string): number[] {
  const list = postings.get(word)?.list;
  if (!list) return [];
  if (!isBitset(list)) return [...list];
  const slots: number[] = [];
  for (let slot = 0; slot < list.length * 32; slot++) if ((list[slot >>> 5]! >>> (slot & 31)) & 1) slots.push(slot);
  return slots;
}

describe('posting lists', () => {
  it('keeps a rare word as a sorted array and a frequent one as a bitset, with the same answers', () => {
    const postings = new Postings();
    const expected = { rare: [] as number[], common: [] as number[] };
    for (let slot = 0; slot < 5_000; slot++) {
      const words = ['common'];
      expected.common.push(slot);
      if (slot % 500 === 7) {
        words.push('rare');
        expected.rare.push(slot);
      }
      postings.add(slot, words);
    }
    const rare = postings.get('rare')!;
    const common = postings.get('common')!;
    expect(isBitset(rare.list)).toBe(false);
    expect(isBitset(common.list)).toBe(true);
    // The bitset is what saves memory: a bit per document where the array took 32.
    expect((common.list as Uint32Array).byteLength).toBeLessThan(5_000 / 4);
    expect(slotsOf(postings, 'rare')).toEqual(expected.rare);
    expect(slotsOf(postings, 'common')).toEqual(expected.common);
    expect(rare.count).toBe(expected.rare.length);
    expect(common.count).toBe(5_000);
    expect(slotsOf(postings, 'common').at(-1)).toBe(4_999);
    expect(postings.get('absent')).toBeUndefined();
  });

  it('counts a word once per document, and refuses a slot out of order', () => {
    const postings = new Postings();
    postings.add(3, ['law', 'law', 'state']);
    expect(postings.count('law')).toBe(1);
    expect(() => postings.add(2, ['law'])).toThrow(/slot 2 added after 3/);
  });

  it('matches a model of sets through additions, compaction and a save and reload', () => {
    const vocabulary = ['a', 'b', 'c', 'd', 'e', 'f'];
    fc.assert(
      fc.property(
        fc.array(fc.subarray(vocabulary), { minLength: 1, maxLength: 3_000 }),
        fc.array(fc.nat(), { maxLength: 400 }),
        fc.boolean(),
        (documents, removedPicks, reload) => {
          let postings = new Postings();
          documents.forEach((words, slot) => postings.add(slot, words));
          const removed = new Uint8Array(documents.length);
          for (const pick of removedPicks) removed[pick % documents.length] = 1;
          let from = 0;
          // A deadline already passed: the pass goes on in slices until it is done.
          while ((from = postings.compact(removed, from, 0)) >= 0);
          if (reload) postings = Postings.restore(postings.snapshot());
          for (const word of vocabulary) {
            const model = documents.flatMap((words, slot) => (words.includes(word) && !removed[slot] ? [slot] : []));
            expect(slotsOf(postings, word)).toEqual(model);
            expect(postings.count(word)).toBe(model.length);
          }
          // Documents added after a reload land after the others.
          postings.add(documents.length, ['a']);
          expect(slotsOf(postings, 'a').at(-1)).toBe(documents.length);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('refuses a saved index whose parts do not agree', () => {
    const postings = new Postings();
    postings.add(0, ['x', 'y']);
    const saved = postings.snapshot();
    expect(() => Postings.restore({ ...saved, counts: saved.counts.slice(1) })).toThrow(/inconsistent/);
  });
});

describe('a shard of texts', () => {
  const search = (shard: TextShard, query: string) =>
    shard.match(planQuery(parseQuery(query), 'en')).slots.map((slot) => shard.ownerOf(slot));

  it('clears replaced texts from the lists once enough are dead, and finds the same afterwards', () => {
    const shard = new TextShard('en', 'en', true);
    for (let ordinal = 0; ordinal < 600; ordinal++) shard.put(ordinal, ordinal, `common text number ${ordinal} old`);
    for (let ordinal = 0; ordinal < 600; ordinal++) shard.put(ordinal, ordinal, `common text number ${ordinal} new`);
    expect(shard.deadCount).toBe(600);
    expect(shard.needsReap).toBe(true);
    // Dead slots are skipped before they are cleared.
    expect(search(shard, 'old')).toEqual([]);
    while (shard.reap(performance.now() + 5));
    expect(shard.deadCount).toBe(0);
    expect(shard.needsReap).toBe(false);
    expect(search(shard, 'old')).toEqual([]);
    expect(search(shard, 'new').length).toBe(600);
    // A finished word (typed with its space), not a prefix of 420…429.
    expect(search(shard, 'number 42 ')).toEqual([42]);
    const reloaded = new TextShard('en', 'en', true);
    reloaded.restore(shard.snapshot());
    expect(search(reloaded, 'new').length).toBe(600);
    expect(search(reloaded, 'old')).toEqual([]);
  });
});
