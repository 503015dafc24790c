import { describe, expect, it } from 'vitest';
import { correspondingParagraph, paragraphIndexAt, paragraphRanges } from '../../../shared/anchoring/index.js';
import { AR, EN, FR, offsetOf, paragraphs, RU, ZH } from './fixtures.js';

const texts = (text: string) => paragraphRanges(text).map((r) => text.slice(r.start, r.end));

describe('paragraphRanges', () => {
  it('splits on blank lines and trims each paragraph', () => {
    expect(paragraphRanges('One.\n\nTwo,\nstill two.\n \t\n\nThree.')).toEqual([
      { start: 0, end: 4 },
      { start: 6, end: 21 },
      { start: 26, end: 32 },
    ]);
  });

  it('ignores leading and trailing blank lines and accepts CRLF', () => {
    expect(texts('\n\n  One.\r\n\r\nTwo.\n\n\n')).toEqual(['One.', 'Two.']);
    expect(paragraphRanges('')).toEqual([]);
    expect(paragraphRanges(' \n\n ')).toEqual([]);
  });

  it.each([
    ['fr', FR],
    ['en', EN],
    ['ar', AR],
    ['zh', ZH],
    ['ru', RU],
  ])('finds the four paragraphs of the %s fixture', (_lang, text) => {
    expect(texts(text)).toEqual(text.split('\n\n'));
  });
});

describe('paragraphIndexAt', () => {
  const text = paragraphs('One.', 'Two.', 'Three.');

  it.each([
    [0, 0],
    [3, 0],
    [4, -1], // end of "One.", in the blank line
    [5, -1],
    [6, 1],
    [12, 2],
    [17, 2],
    [18, -1], // past the end
    [-1, -1],
  ])('offset %i is in paragraph %i', (offset, index) => {
    expect(paragraphIndexAt(text, offset)).toBe(index);
  });
});

describe('correspondingParagraph', () => {
  it('finds the same paragraph in another language version', () => {
    const offset = offsetOf(FR, 'les services de renseignement');
    expect(paragraphIndexAt(FR, offset)).toBe(1);
    const range = correspondingParagraph(FR, offset, ZH);
    expect(range && ZH.slice(range.start, range.end)).toBe(ZH.split('\n\n')[1]);
    expect(correspondingParagraph(ZH, offsetOf(ZH, '言论自由'), AR)).toEqual(paragraphRanges(AR)[3]);
  });

  it('gives nothing when the versions have different numbers of paragraphs', () => {
    const merged = EN.replace('\n\n', ' ');
    expect(correspondingParagraph(FR, offsetOf(FR, 'Enfin'), merged)).toBeNull();
    expect(correspondingParagraph(FR, 0, paragraphs(EN, 'An added paragraph.'))).toBeNull();
  });

  it('gives nothing for an offset between paragraphs', () => {
    expect(correspondingParagraph(FR, FR.indexOf('\n\n') + 1, EN)).toBeNull();
  });
});
