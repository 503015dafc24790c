import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LANGUAGES, type Lang } from '../../../shared/languages.js';
import type { SeminarDb } from '../../../renderer/db/database.js';
import { freshDb } from '../fixtures.js';
import { contribution } from '../sync/fake-change-server.js';
import { ids, multilingual, ONLY, searchWorld } from './search-fixtures.js';

/**
 * Issue 7: each language is searchable by a word that only its version holds,
 * and the result says which version matched and whether it is a machine
 * translation. Run through the whole path: a pull writes the corpus, the
 * search service indexes it from the queue, searches, and builds passages.
 */
let db: SeminarDb;
let world: ReturnType<typeof searchWorld>;

beforeEach(async () => {
  db = freshDb();
  world = searchWorld(db, [
    { kind: 'contribution', record: multilingual('c-multi') },
    // Noise in every language, so a match is not just "the only document there is".
    { kind: 'contribution', record: contribution('c-other', 'legal-I-i', 'Un autre avis sur la gouvernance.') },
  ]);
  await world.sync();
});

afterEach(() => world.stop());

function matchOf(response: Awaited<ReturnType<typeof world.search>>, lang: Lang) {
  const group = response.groups.find((g) => g.contributionId === 'c-multi');
  return group?.versions.find((v) => v.language === lang);
}

describe('a word only one language version holds', () => {
  for (const lang of LANGUAGES) {
    it(`finds the contribution through its ${lang} version, and says so`, async () => {
      const response = await world.search(`${ONLY[lang].only} `);
      expect(ids(response)).toEqual(['c-multi']);
      const group = response.groups[0]!;
      expect([...group.versions.map((v) => v.language), ...group.otherLanguages]).toEqual([lang]);
      const match = matchOf(response, lang)!;
      expect(match.origin).toBe(lang === 'fr' ? 'original' : 'machine');
      expect(match.engine).toBe(lang === 'fr' ? null : 'systran');
      // The highlight covers the word in the original text, wherever folding moved it.
      const { snippet } = match;
      const highlighted = snippet.highlights.map((h) => snippet.text.slice(h.start, h.end));
      expect(highlighted.length).toBeGreaterThan(0);
      expect(ONLY[lang].text.slice(snippet.first.start, snippet.first.end)).toBe(highlighted[0]);
    });
  }
});

describe('language-aware matching', () => {
  it('finds a word inside a Chinese sentence written without spaces', async () => {
    const response = await world.search('领土 ');
    const match = matchOf(response, 'zh')!;
    expect(match.snippet.highlights.map((h) => match.snippet.text.slice(h.start, h.end))).toEqual(['领土']);
  });

  it('finds Arabic written with or without its vowel marks', async () => {
    const bare = await world.search('الدولة ');
    const vocalised = await world.search('الدَّوْلَةُ ');
    expect(ids(bare)).toEqual(['c-multi']);
    expect(ids(vocalised)).toEqual(['c-multi']);
    // The highlight is the vocalised word as written, marks included.
    const match = matchOf(bare, 'ar')!;
    expect(match.snippet.highlights.map((h) => match.snippet.text.slice(h.start, h.end))).toEqual(['الدَّوْلَةُ']);
    // Alef with hamza, teh marbuta and tatweel fold too.
    expect(ids(await world.search('اقليمها '))).toEqual(['c-multi']);
    expect(ids(await world.search('العنايه '))).toEqual(['c-multi']);
    expect(ids(await world.search('العنـــاية '))).toEqual(['c-multi']);
  });

  it('finds a French word typed without its accents, and the other way round', async () => {
    expect(ids(await world.search('numerique securite '))).toEqual(['c-multi']);
    const match = matchOf(await world.search('regulation '), 'fr')!;
    expect(match.snippet.highlights.map((h) => match.snippet.text.slice(h.start, h.end))).toEqual(['régulation']);
    expect(ids(await world.search('Sécurité '))).toEqual(['c-multi']);
  });

  it('folds German umlauts and Russian ё', async () => {
    expect(ids(await world.search('auslandische '))).toEqual(['c-multi']);
    expect(ids(await world.search('ее '))).toEqual(['c-multi']);
  });

  it('finds Korean nouns with their particles, and words as they are typed', async () => {
    // 의무 is written 의무를 (with its object particle).
    const match = matchOf(await world.search('의무 '), 'ko')!;
    expect(match.snippet.highlights.map((h) => match.snippet.text.slice(h.start, h.end))).toEqual(['의무를']);
    expect(ids(await world.search('takedo'))).toEqual(['c-multi']);
    expect(ids(await world.search('领'))).toEqual(['c-multi']);
  });

  it('finds a Korean noun inside a compound written without spaces', async () => {
    // 창구 (window, counter) is only written inside 연락창구를 (contact point, with its particle).
    const match = matchOf(await world.search('창구 '), 'ko')!;
    expect(match.snippet.highlights.map((h) => match.snippet.text.slice(h.start, h.end))).toEqual(['연락창구를']);
    expect(ids(await world.search('공간 창구 '))).toEqual(['c-multi']);
    // Inside, not just anywhere: these syllables are in the text, but never next to each other.
    expect(ids(await world.search('구마 '))).toEqual([]);
  });

  it('matches other forms of a word through its stem', async () => {
    expect(ids(await world.search('warning '))).toEqual(['c-multi']);
    expect(ids(await world.search('киберпространство '))).toEqual(['c-multi']);
    expect(ids(await world.search('régulations '))).toEqual(['c-multi']);
  });

  it('splits French and Italian elisions', async () => {
    expect(ids(await world.search('espace europeen '))).toEqual(['c-multi']);
    expect(ids(await world.search('unione '))).toEqual(['c-multi']);
  });

  it('requires the words of a quoted phrase to follow each other', async () => {
    expect(ids(await world.search('"point of contact"'))).toEqual(['c-multi']);
    expect(ids(await world.search('"contact of point"'))).toEqual([]);
    expect(ids(await world.search('"国家阻止"'))).toEqual(['c-multi']);
  });

  it('finds a contribution written in one language by words of another', async () => {
    // Written in French; the query is Russian, Chinese, German.
    for (const query of ['осмотрительность ', '审慎义务 ', 'Sorgfaltspflicht ']) {
      const response = await world.search(query);
      expect(ids(response)).toEqual(['c-multi']);
      expect(response.groups[0]!.language).toBe('fr');
      expect(response.groups[0]!.versions[0]!.origin).toBe('machine');
    }
  });
});
