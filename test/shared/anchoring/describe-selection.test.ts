import { describe, expect, it } from 'vitest';
import { anchor, describeSelection, SelectionError } from '../../../shared/anchoring/index.js';
import { LIMITS } from '../../../shared/protocol/schemas.js';
import { annotate, AR, edit, FR, offsetOf } from './fixtures.js';

/** No lone surrogate: in a `u` regex, a surrogate class only matches unpaired halves. */
const wellFormed = (s: string) => !/[\ud800-\udfff]/u.test(s);

function selectionError(run: () => unknown): SelectionError {
  try {
    run();
  } catch (error) {
    if (error instanceof SelectionError) return error;
    throw error;
  }
  throw new Error('expected a SelectionError');
}

describe('describeSelection', () => {
  it('keeps 32 characters of context on each side', () => {
    const start = offsetOf(FR, "l'étape la plus délicate");
    const end = start + "l'étape la plus délicate".length;
    expect(describeSelection(FR, start, end)).toEqual({
      quote: {
        exact: "l'étape la plus délicate",
        prefix: 'ne cyberattaque à un État reste ',
        suffix: '. Les preuves techniques, comme ',
      },
      position: { start, end },
    });
  });

  it('keeps shorter context at the edges of the text', () => {
    expect(describeSelection('Due diligence applies.', 0, 3)).toEqual({
      quote: { exact: 'Due', prefix: '', suffix: ' diligence applies.' },
      position: { start: 0, end: 3 },
    });
  });

  it.each([
    ['leading and trailing spaces', '  due diligence  ', 'due diligence'],
    ['a paragraph break', '\n\ndue diligence\n\n', 'due diligence'],
    ['no-break and ideographic spaces', '\u00a0due diligence\u3000', 'due diligence'],
  ])('trims %s and adjusts the offsets', (_case, selected, words) => {
    const text = `Text: ${selected} end.`;
    const start = text.indexOf(selected);
    const { quote, position } = describeSelection(text, start, start + selected.length);
    expect(quote.exact).toBe(words);
    expect(position).toEqual({ start: text.indexOf(words), end: text.indexOf(words) + words.length });
  });

  it.each<[string, string, number, number, SelectionError['code']]>([
    ['empty', FR, 10, 10, 'empty'],
    ['only whitespace', 'a \n\n b', 1, 5, 'whitespace-only'],
    ['negative', FR, -1, 4, 'out-of-range'],
    ['past the end', 'abc', 1, 4, 'out-of-range'],
    ['backwards', FR, 9, 3, 'out-of-range'],
    ['fractional', FR, 1.5, 4, 'out-of-range'],
  ])('rejects a selection that is %s', (_case, text, start, end, code) => {
    expect(selectionError(() => describeSelection(text, start, end)).code).toBe(code);
  });

  it('accepts a quote of the maximum length and rejects one character more, after trimming', () => {
    const longest = ` ${'x'.repeat(LIMITS.quoteLength)} `;
    expect(describeSelection(longest, 0, longest.length).quote.exact).toHaveLength(LIMITS.quoteLength);
    const tooLong = ` ${'x'.repeat(LIMITS.quoteLength + 1)} `;
    const error = selectionError(() => describeSelection(tooLong, 0, tooLong.length));
    expect(error.code).toBe('too-long');
    expect(error.message).toContain(String(LIMITS.quoteLength));
  });

  it('takes in the vowel marks that follow the last selected Arabic letter', () => {
    const word = 'العِنايَةِ';
    const start = offsetOf(AR, word);
    // Stop before the final kasra: the letter would lose its vowel.
    const { quote, position } = describeSelection(AR, start, start + word.length - 1);
    expect(quote.exact).toBe(word);
    expect(position).toEqual({ start, end: start + word.length });
  });

  it('starts at the letter when the selection starts on its vowel mark', () => {
    const word = 'الواجِبَةِ';
    const start = offsetOf(AR, word);
    const mark = start + word.indexOf('ِ');
    expect(describeSelection(AR, mark, start + word.length).position.start).toBe(mark - 1);
  });
});

describe('surrogate pairs (emoji)', () => {
  // 📄 and 🔍 are two UTF-16 units each; 🛡️ is two units and a variation selector.
  const text = "Le rapport 📄 sur l'attribution 🔍 des attaques 🛡️ reste confidentiel.";
  const page = text.indexOf('📄');
  const lens = text.indexOf('🔍');
  const shield = text.indexOf('🛡️');

  it.each([
    ['starting inside 📄 (the space before 🔍 is trimmed)', page + 1, lens, page, lens - 1],
    ['ending inside 🔍', page, lens + 1, page, lens + 2],
    ['ending inside 🛡️, before its variation selector', lens, shield + 1, lens, shield + 3],
    ['ending between 🛡 and its variation selector', lens, shield + 2, lens, shield + 3],
  ])('widens a selection %s to whole characters', (_case, start, end, wantStart, wantEnd) => {
    const { quote, position } = describeSelection(text, start, end);
    expect(position).toEqual({ start: wantStart, end: wantEnd });
    expect(quote.exact).toBe(text.slice(wantStart, wantEnd));
    expect(wellFormed(quote.exact)).toBe(true);
  });

  it.each([
    // 32 units before and after are 16 whole emoji.
    ['on emoji boundaries', '', '🔒'.repeat(16), '🔑'.repeat(16)],
    // A space shifts the 32-unit edges into the middle of an emoji: take 33 units, not 31 and half an emoji.
    ['inside emoji', ' ', `${'🔒'.repeat(16)} `, ` ${'🔑'.repeat(16)}`],
  ])('widens context rather than cut an emoji in half (edges %s)', (_case, space, prefix, suffix) => {
    const emojiText = `${'🔒'.repeat(20)}${space}due diligence${space}${'🔑'.repeat(20)}`;
    const start = emojiText.indexOf('due');
    const { quote } = describeSelection(emojiText, start, start + 'due diligence'.length);
    expect(quote).toEqual({ exact: 'due diligence', prefix, suffix });
  });

  it('anchors a quote with emoji after an insertion, to whole characters', () => {
    const quote = "📄 sur l'attribution 🔍";
    const target = annotate(text, quote);
    const edited = edit(text, 'Le rapport', 'Le rapport confidentiel 🗂️');
    expect(anchor(target, { text: edited, sourceVersion: 1 })).toMatchObject({
      status: 'moved',
      start: offsetOf(edited, quote),
      end: offsetOf(edited, quote) + quote.length,
    });
  });

  it('never returns an anchor that splits an emoji, whatever the edit', () => {
    const emojiText = Array.from({ length: 12 }, (_, i) => `Point ${i} 🔐 chiffrement 🌍 réseau 📡 alerte.`).join(' ');
    const quote = 'Point 5 🔐 chiffrement 🌍 réseau 📡';
    const target = annotate(emojiText, quote);
    // Edit whole characters only: an edit that split an emoji would itself leave half of one in the text.
    const characters = Array.from(emojiText);
    const first = Array.from(emojiText.slice(0, offsetOf(emojiText, quote))).length;
    for (let at = first - 8; at < first + Array.from(quote).length + 8; at += 1) {
      for (const change of ['', '🧭', 'é']) {
        const edited = [...characters.slice(0, at), change, ...characters.slice(at + 1)].join('');
        const result = anchor(target, { text: edited, sourceVersion: 1 });
        expect(result.status).not.toBe('orphan');
        if (result.status !== 'orphan') expect(wellFormed(edited.slice(result.start, result.end))).toBe(true);
      }
    }
  });
});
