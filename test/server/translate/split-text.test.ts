import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  joinPieces,
  jsonUtf8Length,
  splitForTranslation,
  splitInHalf,
  splitParagraphs,
  utf16Length,
  utf8Length,
  type TextPieces,
} from '../../../server/translate/split-text.js';
import type { TextMeasure } from '../../../server/translate/translator.js';
import { ARABIC, CHINESE, FRENCH_SENTENCES, frenchText } from './texts.js';

/** Every piece fits, none is empty or padded, and pieces with gaps are the text again. */
function expectSound(text: string, split: TextPieces, maxChars: number, measure: TextMeasure = utf16Length) {
  expect(split.gaps).toHaveLength(split.pieces.length + 1);
  for (const piece of split.pieces) {
    expect(measure(piece)).toBeLessThanOrEqual(maxChars);
    expect(piece).not.toBe('');
    expect(piece.trim()).toBe(piece);
  }
  for (const gap of split.gaps) expect(gap.trim()).toBe('');
  expect(joinPieces(split, split.pieces)).toBe(text);
}

describe('splitForTranslation', () => {
  it('keeps a text that fits in one piece, without its surrounding whitespace', () => {
    const split = splitForTranslation('\n  Un paragraphe.\n\nUn autre.  \n', 1000);
    expect(split.pieces).toEqual(['Un paragraphe.\n\nUn autre.']);
    expect(split.gaps).toEqual(['\n  ', '  \n']);
  });

  it('has nothing to translate in an empty or blank text', () => {
    expect(splitForTranslation('', 10)).toEqual({ pieces: [], gaps: [''] });
    expect(splitForTranslation(' \n\n\t', 10)).toEqual({ pieces: [], gaps: [' \n\n\t'] });
  });

  it('cuts a 20,000-character French text at paragraph boundaries, every piece under the limit', () => {
    const text = frenchText(20_000);
    expect(text.length).toBeGreaterThanOrEqual(20_000);
    const paragraphs = text.split('\n\n');
    const split = splitForTranslation(text, 2_000, { lang: 'fr' });
    expectSound(text, split, 2_000);
    // Whole paragraphs only (they all fit): each piece is a run of paragraphs, each gap a paragraph break.
    expect(split.gaps.slice(1, -1).every((gap) => gap === '\n\n')).toBe(true);
    expect(split.pieces.flatMap((piece) => piece.split('\n\n'))).toEqual(paragraphs);
    // Greedy: no two neighbours would have fitted together.
    for (let i = 1; i < split.pieces.length; i++)
      expect(split.pieces[i - 1]!.length + 2 + split.pieces[i]!.length).toBeGreaterThan(2_000);
  });

  it('cuts a paragraph longer than the limit at sentence boundaries', () => {
    const paragraph = FRENCH_SENTENCES.join(' ');
    const split = splitForTranslation(paragraph, 200, { lang: 'fr' });
    expectSound(paragraph, split, 200);
    expect(split.pieces.length).toBeGreaterThan(2);
    for (const piece of split.pieces) expect(piece).toMatch(/[.?!]$/);
  });

  it('cuts Arabic at its sentence ends (. ؟ !)', () => {
    const split = splitForTranslation(ARABIC, 120, { lang: 'ar' });
    expectSound(ARABIC, split, 120);
    expect(split.pieces.length).toBeGreaterThan(1);
    for (const piece of split.pieces) expect(piece).toMatch(/[.؟!]$/);
  });

  it('cuts Chinese, written without spaces, at 。？！', () => {
    const split = splitForTranslation(CHINESE, 40, { lang: 'zh' });
    expectSound(CHINESE, split, 40);
    expect(split.pieces.length).toBeGreaterThan(2);
    for (const piece of split.pieces) expect(piece).toMatch(/[。？！]$/);
    expect(split.gaps.every((gap) => gap === '')).toBe(true);
  });

  it('cuts a Chinese sentence longer than the limit between words, never inside one', () => {
    const sentence = '计算机应急响应小组之间的合作应当得到鼓励';
    const split = splitForTranslation(sentence, 6, { lang: 'zh' });
    expectSound(sentence, split, 6);
    const words = [...new Intl.Segmenter('zh', { granularity: 'word' }).segment(sentence)].map((s) => s.index);
    let at = 0;
    for (const piece of split.pieces) {
      expect(words).toContain(at);
      at += piece.length;
    }
  });

  it('cuts an overlong sentence at a space between words where there is one', () => {
    const sentence = 'Considérant que la coopération internationale renforcée constitue une nécessité absolue';
    const split = splitForTranslation(sentence, 30, { lang: 'fr' });
    expectSound(sentence, split, 30);
    expect(split.gaps.slice(1, -1).every((gap) => gap === ' ')).toBe(true);
  });

  it('cuts a single overlong word between graphemes: no broken surrogate pair or emoji sequence', () => {
    const word = `https://example.org/${'👩‍👩‍👧‍👦🇫🇷é'.repeat(10)}`;
    const split = splitForTranslation(word, 16);
    expectSound(word, split, 16);
    const graphemes = new Set(
      [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(word)].map((s) => s.index),
    );
    let at = 0;
    for (const piece of split.pieces) {
      expect(graphemes.has(at)).toBe(true);
      at += piece.length;
    }
  });

  it('cuts a word without word boundaries (letters with combining accents) between graphemes', () => {
    const word = 'e\u0301'.repeat(30); // one word of 30 graphemes, 60 code units
    const split = splitForTranslation(word, 7);
    expectSound(word, split, 7);
    expect(split.pieces.every((piece) => piece === 'e\u0301'.repeat(3))).toBe(true);
  });

  it('refuses a limit smaller than one grapheme', () => {
    expect(() => splitForTranslation('👩‍👩‍👧‍👦', 4)).toThrow(RangeError);
    expect(() => splitForTranslation('abc', 0)).toThrow(RangeError);
  });

  it('measures in bytes when told to: Chinese is three bytes a character', () => {
    const text = Array.from({ length: 12 }, () => CHINESE).join('\n\n');
    const bytes = splitForTranslation(text, 600, { measure: utf8Length, lang: 'zh' });
    const units = splitForTranslation(text, 600, { lang: 'zh' });
    expectSound(text, bytes, 600, utf8Length);
    expect(bytes.pieces.length).toBeGreaterThan(units.pieces.length * 2);
  });

  it('measures JSON-escaped bytes: quotes, backslashes and line breaks count double', () => {
    expect(jsonUtf8Length('a"b\\c\nd')).toBe(7 + 3);
    expect(jsonUtf8Length('é文😀')).toBe(2 + 3 + 4);
    expect(utf8Length('é文😀')).toBe(new TextEncoder().encode('é文😀').length);
    expect(utf8Length('\ud800x')).toBe(new TextEncoder().encode('\ud800x').length);
  });

  it('holds for any text: pieces fit, are trimmed, and with the gaps give the text back', () => {
    const part = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 30 }),
      fc.constantFrom('\n\n', '\n', ' ', '. ', '。', '؟ ', '\r\n\r\n', ' \n \n', '👩‍👧'),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 40 }), fc.integer({ min: 25, max: 200 }), (parts, maxChars) => {
        const text = parts.join('');
        for (const measure of [utf16Length, utf8Length])
          expectSound(text, splitForTranslation(text, maxChars, { measure }), maxChars, measure);
      }),
      { numRuns: 200 },
    );
  });
});

describe('joinPieces', () => {
  it('puts translated pieces back with the paragraph breaks exactly as they were', () => {
    const text = 'Premier.\n\nDeuxième, plus long que la limite. Il a deux phrases.\n \n\nTroisième.\n';
    const split = splitForTranslation(text, 40, { lang: 'fr' });
    const translated = split.pieces.map((p) => p.toUpperCase());
    expect(joinPieces(split, translated, 'de')).toBe(
      'PREMIER.\n\nDEUXIÈME, PLUS LONG QUE LA LIMITE. IL A DEUX PHRASES.\n \n\nTROISIÈME.\n',
    );
  });

  it('follows the target spacing between sentences cut from one paragraph', () => {
    const chinese = splitForTranslation('第一句。第二句。', 4, { lang: 'zh' });
    expect(chinese.pieces).toEqual(['第一句。', '第二句。']);
    expect(joinPieces(chinese, ['Première.', 'Deuxième.'], 'fr')).toBe('Première. Deuxième.');
    const french = splitForTranslation('Première phrase. Deuxième phrase.', 20, { lang: 'fr' });
    expect(joinPieces(french, ['第一句。', '第二句。'], 'zh')).toBe('第一句。第二句。');
    expect(joinPieces(french, ['Erster Satz.', 'Zweiter Satz.'], 'de')).toBe('Erster Satz. Zweiter Satz.');
  });

  it('trims what providers add around a piece', () => {
    const split = splitParagraphs('Un.\n\nDeux.');
    expect(joinPieces(split, [' One.\n', '\nTwo. '])).toBe('One.\n\nTwo.');
  });

  it('refuses a count of pieces that does not match', () => {
    expect(() => joinPieces(splitParagraphs('Un.\n\nDeux.'), ['One.'])).toThrow('1 translated pieces for 2');
  });
});

describe('splitInHalf', () => {
  it('cuts at the sentence boundary nearest the middle', () => {
    const text = 'Un. Deux. Trois. Quatre.';
    expect(splitInHalf(text, 'fr').pieces).toEqual(['Un. Deux.', 'Trois. Quatre.']);
  });

  it('cuts one sentence at a word, one word at a grapheme, and cannot cut one grapheme', () => {
    expect(splitInHalf('une seule phrase sans fin', 'fr').pieces).toEqual(['une seule', 'phrase sans fin']);
    expect(splitInHalf('anticonstitutionnellement').pieces).toHaveLength(2);
    expect(splitInHalf('👩‍👩‍👧‍👦').pieces).toEqual(['👩‍👩‍👧‍👦']);
  });
});
