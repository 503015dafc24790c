import { describe, expect, it } from 'vitest';
import { searchMaterialTexts, type SearchableMaterialText } from '../../../renderer/materials/material-search.js';
import type { MaterialId } from '../../../shared/model/material.js';
import type { QuestionId } from '../../../shared/model/entities.js';

const owner = { kind: 'question', id: 'q1' as QuestionId } as const;
const page = (text: string, n: number, extra: Partial<SearchableMaterialText> = {}): SearchableMaterialText => ({
  materialId: 'study' as MaterialId,
  owner,
  title: { en: 'Study' },
  text,
  page: n,
  ...extra,
});

const TEXTS = [
  page('Due diligence in cyberspace asks what a State must do.', 1),
  page('Attribution, countermeasures and the duty to cooperate.', 2),
  page('各国应在网络空间履行尽职调查义务。', 3),
  page('يجب على الدولة أن تبذل العناية الواجبة في الفضاء السيبراني.', 4),
  page('국가들은 사이버 공간에서 상당한 주의 의무를 다해야 한다.', 5),
  { ...page('the duty to cooperate, said on video', 0), page: undefined, time: 42.5, lang: 'en' as const },
];

describe('searching the text of materials with the search rules of contributions', () => {
  const pages = (query: string, lang: 'en' | 'zh' | 'ar' | 'ko' = 'en') =>
    searchMaterialTexts(TEXTS, query, lang).map((hit) => hit.page ?? `t${hit.time}`);

  it('finds words on a page, every part of the query on the same page, with a snippet marking them', () => {
    expect(pages('countermeasures')).toEqual([2]);
    expect(pages('duty cooperate')).toEqual([2, 't42.5']);
    expect(pages('diligence countermeasures')).toEqual([]);
    expect(pages('"duty to cooperate"')).toEqual([2, 't42.5']);
    const [hit] = searchMaterialTexts(TEXTS, 'countermeasure', 'en');
    // Stemmed: the singular finds the plural; the snippet marks the word in the page's text.
    expect(hit).toMatchObject({ materialId: 'study', page: 2 });
    const { text, highlights } = hit!.snippet;
    expect(text.slice(highlights[0]!.start, highlights[0]!.end)).toBe('countermeasures');
  });

  it('finds Chinese without spaces, Arabic with its prefixes, and Korean with its particles', () => {
    expect(pages('网络空间', 'zh')).toEqual([3]);
    expect(pages('尽职调查', 'zh')).toEqual([3]);
    expect(pages('الدولة', 'ar')).toEqual([4]);
    expect(pages('دولة', 'ar')).toEqual([4]);
    expect(pages('국가', 'ko')).toEqual([5]);
  });

  it('answers nothing for an empty query, and stops at the limit', () => {
    expect(pages('   ')).toEqual([]);
    expect(searchMaterialTexts(TEXTS, 'the', 'en', 1).length).toBeLessThanOrEqual(1);
  });
});
