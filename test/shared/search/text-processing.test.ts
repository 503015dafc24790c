import { describe, expect, it } from 'vitest';
import { arabicStemCandidates } from '../../../shared/search/arabic-stem.js';
import {
  buildSnippet,
  findMatches,
  foldWord,
  indexTermsOf,
  isStopword,
  normalizeArabic,
  parseQuery,
  planQuery,
  stemOf,
  termsOf,
  tokenize,
} from '../../../shared/search/index.js';

describe('folding', () => {
  it('drops the accents of Latin letters, keeping Spanish ñ', () => {
    expect(foldWord('Régulation', 'fr')).toBe('regulation');
    expect(foldWord('Völkerrecht', 'de')).toBe('volkerrecht');
    expect(foldWord('Straße', 'de')).toBe('strasse');
    expect(foldWord('cœur', 'fr')).toBe('coeur');
    expect(foldWord('proteção', 'pt')).toBe('protecao');
    expect(foldWord('año', 'es')).toBe('año');
    expect(foldWord('año', 'fr')).toBe('ano');
  });

  it('folds Cyrillic ё to е but keeps й', () => {
    expect(foldWord('Ёлка', 'ru')).toBe('елка');
    expect(foldWord('Международный', 'ru')).toBe('международный');
  });

  it('applies compatibility normalisation: full-width letters, ligatures, presentation forms', () => {
    expect(foldWord('ＧＧＥ', 'en')).toBe('gge');
    expect(foldWord('ﬁnal', 'en')).toBe('final');
    expect(foldWord('\ufedf\ufe8e', 'ar')).toBe('لا');
  });

  it('normalises Arabic: marks, tatweel, alef, yeh and teh marbuta variants, digits', () => {
    expect(normalizeArabic('الدَّوْلَةُ')).toBe('الدوله');
    expect(normalizeArabic('إقليم')).toBe('اقليم');
    expect(normalizeArabic('أمن')).toBe('امن');
    expect(normalizeArabic('آمن')).toBe('امن');
    expect(normalizeArabic('على')).toBe('علي');
    expect(normalizeArabic('العنـــاية')).toBe('العنايه');
    expect(normalizeArabic('٢٠١٧')).toBe('2017');
  });

  it('leaves Hangul syllables and Han whole', () => {
    expect(foldWord('국가들은', 'ko')).toBe('국가들은');
    expect(foldWord('网络空间', 'zh')).toBe('网络空间');
  });

  it('drops invisible characters inside a word', () => {
    expect(foldWord('Sorgfalts\u00adpflicht', 'de')).toBe('sorgfaltspflicht');
  });
});

describe('words', () => {
  it('segments Chinese by dictionary, with offsets into the original text', () => {
    const text = '各国应当共同履行网络空间的审慎义务。';
    const tokens = tokenize(text, 'zh');
    expect(tokens.map((t) => t.word)).toContain('网络');
    expect(tokens.map((t) => t.word)).toContain('义务');
    for (const token of tokens) expect(text.slice(token.start, token.end)).toBe(token.word);
  });

  it('gives the same words as Intl.Segmenter for scripts written with spaces', () => {
    const samples: [string, 'de' | 'ru' | 'ar' | 'ko' | 'en'][] = [
      ['Die Staaten müssen gemeinsam die Sorgfaltspflicht im Cyberraum stärken.', 'de'],
      ['Государства должны совместно защищать персональные данные.', 'ru'],
      ['يجب أن تعزز الدول مبدأ العناية الواجبة في الفضاء الرقمي.', 'ar'],
      ['국가들은 함께 사이버 공간의 상당한 주의 의무를 강화해야 한다.', 'ko'],
      ['Operators of critical infrastructure should explicitly review cross-border cooperation.', 'en'],
    ];
    for (const [text, lang] of samples) {
      const segmenter = new Intl.Segmenter(lang, { granularity: 'word' });
      const expected = [...segmenter.segment(text)]
        .filter((s) => s.isWordLike)
        .map((s) => foldWord(s.segment, lang))
        .filter((w) => !/^[a-z]$/.test(w));
      expect(termsOf(text, lang)).toEqual(expected);
    }
  });

  it('keeps offsets of the original text when folding changes a word', () => {
    const text = 'La RÉGULATION, l’État.';
    expect(tokenize(text, 'fr').map((t) => [t.word, text.slice(t.start, t.end)])).toEqual([
      ['la', 'La'],
      ['regulation', 'RÉGULATION'],
      ['etat', 'État'],
    ]);
  });
});

describe('stopwords', () => {
  it('are left out of what is indexed, compared folded', () => {
    expect(indexTermsOf('the attribution of attacks', 'en')).toEqual(['attribution', 'attacks']);
    expect(isStopword(foldWord('أن', 'ar'), 'ar')).toBe(true);
    expect(isStopword(foldWord('على', 'ar'), 'ar')).toBe(true);
    expect(isStopword('die', 'de')).toBe(true);
    expect(isStopword('die', 'en')).toBe(false);
  });

  it('are not needed alone, but a phrase must hold them where it says', () => {
    const text = 'a reachable point of contact';
    const alone = planQuery(parseQuery('of '), 'en');
    expect(alone[0]!.patterns[0]!.indexed).toBe(false);
    expect(findMatches(text, 'en', planQuery(parseQuery('"point of contact"'), 'en')).complete).toBe(true);
    expect(findMatches(text, 'en', planQuery(parseQuery('"point in contact"'), 'en')).complete).toBe(false);
    // The word being typed may begin longer words: it is looked up as a prefix.
    expect(planQuery(parseQuery('of'), 'en')[0]!.patterns[0]!.indexed).toBe(true);
  });
});

describe('stems', () => {
  it('stems folded words, so a query without accents stems as the text does', () => {
    expect(stemOf(foldWord('données', 'fr'), 'fr')).toBe(stemOf('donnees', 'fr'));
    expect(stemOf('attacks', 'en')).toBe(stemOf('attacked', 'en'));
    expect(stemOf('государства', 'ru')).toBe(stemOf('государство', 'ru'));
    expect(stemOf('领土', 'zh')).toBe('领土');
  });
});

describe('queries', () => {
  it('reads words, quoted phrases in several quotation styles, and the word being typed', () => {
    expect(parseQuery('due diligence')).toEqual([
      { text: 'due', phrase: false, prefix: false },
      { text: 'diligence', phrase: false, prefix: true },
    ]);
    expect(parseQuery('"point of contact" attri')).toEqual([
      { text: 'point of contact', phrase: true, prefix: false },
      { text: 'attri', phrase: false, prefix: true },
    ]);
    expect(parseQuery('« espace numérique » ').map((c) => [c.text.trim(), c.phrase, c.prefix])).toEqual([
      ['espace numérique', true, false],
    ]);
    expect(parseQuery('„Sorgfalt“ 「网络空间」')).toHaveLength(2);
    expect(parseQuery('"unclosed phra')).toEqual([{ text: 'unclosed phra', phrase: true, prefix: true }]);
    expect(parseQuery('   ')).toEqual([]);
  });

  it('plans a query per language: folded, stemmed where it can be, Korean as prefixes', () => {
    const clauses = parseQuery('Régulations 국가 ');
    expect(planQuery(clauses, 'fr').map((p) => p.patterns[0])).toEqual([
      { word: 'regulations', stem: stemOf('regulations', 'fr'), prefix: false, indexed: true },
      { word: '국가', stem: stemOf('국가', 'fr'), prefix: true, indexed: true },
    ]);
    expect(planQuery(clauses, 'ko')[0]!.patterns[0]!.stem).toBeNull();
    // A one-letter prefix would match half the vocabulary: it is matched whole.
    expect(planQuery(parseQuery('x'), 'en')[0]?.patterns[0]?.prefix ?? false).toBe(false);
  });
});

describe('matches and passages', () => {
  it('highlights Arabic words with their marks, as written', () => {
    const text = 'تقتضي العِنايَةُ الواجِبَةُ أن تمنعَ الدَّوْلَةُ الهجماتِ.';
    const { spans, complete } = findMatches(text, 'ar', planQuery(parseQuery('الدولة العناية '), 'ar'));
    expect(complete).toBe(true);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['العِنايَةُ', 'الدَّوْلَةُ']);
  });

  it('checks that a phrase’s words follow each other, in Chinese by their characters', () => {
    const text = '审慎义务并不要求国家阻止从其领土发起的每一次攻击。';
    const yes = findMatches(text, 'zh', planQuery(parseQuery('"国家阻止"'), 'zh'));
    expect(yes.complete).toBe(true);
    expect(yes.spans.map((s) => text.slice(s.start, s.end))).toEqual(['国家阻止']);
    expect(findMatches(text, 'zh', planQuery(parseQuery('"阻止国家"'), 'zh')).complete).toBe(false);
    const en = 'a reachable point of contact';
    expect(findMatches(en, 'en', planQuery(parseQuery('"point of contact"'), 'en')).complete).toBe(true);
    expect(findMatches(en, 'en', planQuery(parseQuery('"contact point"'), 'en')).complete).toBe(false);
  });

  it('cuts a passage around the first match, at spaces, with highlights relative to it', () => {
    const words = Array.from({ length: 80 }, (_, i) => `word${i}`);
    words[40] = 'needle';
    const text = words.join(' ');
    const { spans } = findMatches(text, 'en', planQuery(parseQuery('needle '), 'en'));
    const snippet = buildSnippet(text, spans)!;
    expect(snippet.cutBefore).toBe(true);
    expect(snippet.cutAfter).toBe(true);
    expect(snippet.text.startsWith('word')).toBe(true);
    expect(snippet.text.slice(snippet.highlights[0]!.start, snippet.highlights[0]!.end)).toBe('needle');
    expect(text.slice(snippet.first.start, snippet.first.end)).toBe('needle');
    expect(text.slice(snippet.start, snippet.start + snippet.text.length)).toBe(snippet.text);
  });
});

// Issue 16: what each script needs besides words (the ten-language recall test measures the whole).
describe('words inside words, in each script', () => {
  it('stems Arabic through its attached conjunctions, prepositions, article and pronouns, both ways', () => {
    const stem = (word: string) => stemOf(foldWord(word, 'ar'), 'ar');
    for (const form of ['الحرية', 'والحرية', 'بحرية', 'وحرياته']) expect(stem(form)).toBe(stem('حرية'));
    for (const form of ['والحقوق', 'لحقوقه', 'وبحقوقهم', 'الحقوق']) expect(stem(form)).toBe(stem('حقوق'));
    expect(stem('لكرامته')).toBe(stem('بالكرامة'));
    // A first letter that may be a clitic or the root's: the text's stem is one of the query's.
    expect(arabicStemCandidates(foldWord('فريق', 'ar'))).toContain(stem('الفريق'));
    expect(arabicStemCandidates(foldWord('كرامة', 'ar'))).toContain(stem('بالكرامة'));
    // Length guards: a three-letter word keeps its letters.
    expect(stem('بلد')).toBe('بلد');
    expect(stem('حقوق')).not.toBe(stem('حق'));
  });

  it('indexes the character pairs of Chinese runs across the segmenter’s cuts, and finds any run in the text', () => {
    const text = '人人生而自由，在尊严和权利上一律平等。';
    // The segmenter cuts 人|人生: the pair 人人 is indexed all the same, but not across the comma.
    expect(indexTermsOf(text, 'zh')).toContain('人人');
    expect(indexTermsOf(text, 'zh')).not.toContain('由在');
    const [part] = planQuery(parseQuery('人人生 '), 'zh');
    expect(part!.patterns).toHaveLength(1);
    expect(part!.patterns[0]).toMatchObject({ word: '人人生', run: true, grams: ['人人', '人生'] });
    expect(findMatches(text, 'zh', planQuery(parseQuery('人人生 '), 'zh')).spans).toEqual([{ start: 0, end: 3 }]);
    expect(findMatches(text, 'zh', planQuery(parseQuery('"利上一律"'), 'zh')).complete).toBe(true);
    // Both characters are in the text, never side by side.
    expect(findMatches(text, 'zh', planQuery(parseQuery('人由 '), 'zh')).complete).toBe(false);
    // Japanese: kana and kanji make one run, cut by the segmenter as it likes (サイ|バー).
    const japanese = '国家はサイバー攻撃を防ぐ義務を負う。';
    expect(findMatches(japanese, 'zh', planQuery(parseQuery('バー攻 '), 'zh')).spans).toEqual([{ start: 5, end: 8 }]);
    expect(findMatches(japanese, 'en', planQuery(parseQuery('"攻撃を防ぐ"'), 'en')).complete).toBe(true);
  });

  it('finds a Korean word inside a compound and through its particle, in quoted phrases too', () => {
    expect(indexTermsOf('세계인권선언을', 'ko')).toEqual(expect.arrayContaining(['세계', '인권', '선언']));
    const text = '국제사법재판소는 사이버 공간에서 공격을 다루었다.';
    expect(findMatches(text, 'ko', planQuery(parseQuery('사법재판소 '), 'ko')).complete).toBe(true);
    expect(findMatches(text, 'ko', planQuery(parseQuery('"사이버 공간"'), 'ko')).complete).toBe(true);
    expect(findMatches(text, 'ko', planQuery(parseQuery('"공격"'), 'ko')).complete).toBe(true);
    expect(findMatches(text, 'ko', planQuery(parseQuery('"공간 사이버"'), 'ko')).complete).toBe(false);
  });

  it('finds a German compound from its head, not from a word that only ends alike', () => {
    const plan = planQuery(parseQuery('Pflicht '), 'de');
    expect(findMatches('Die Sorgfaltspflicht gilt.', 'de', plan).complete).toBe(true);
    expect(findMatches('Die Meinungsfreiheiten gelten.', 'de', planQuery(parseQuery('Freiheit '), 'de')).complete).toBe(
      true,
    );
    // Two letters before "recht" are no compound's first part.
    expect(findMatches('Ein gerechtes Urteil.', 'de', planQuery(parseQuery('Recht '), 'de')).complete).toBe(false);
  });
});
