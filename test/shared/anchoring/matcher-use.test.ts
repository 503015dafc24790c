import approxSearch from 'approx-string-match';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { anchor } from '../../../shared/anchoring/index.js';
import { annotate, edit, FR } from './fixtures.js';

// A spy around the real matcher: the cheap paths must not reach it.
vi.mock('approx-string-match', async (importOriginal) => {
  const original = await importOriginal<{ default: typeof approxSearch }>();
  return { default: vi.fn(original.default) };
});

const matcher = vi.mocked(approxSearch);
const quote = 'une obligation de comportement et non de résultat';
const target = annotate(FR, quote);

describe('anchoring without the fuzzy matcher', () => {
  beforeEach(() => {
    matcher.mockClear();
  });

  it('does not search an unchanged text', () => {
    expect(anchor(target, { text: FR, sourceVersion: 1 }).status).toBe('anchored');
    expect(matcher).not.toHaveBeenCalled();
  });

  it('does not search when the quote is still at its offsets after an edit elsewhere', () => {
    const edited = edit(FR, 'les mesures raisonnables à sa portée', 'toute mesure raisonnable à sa portée');
    expect(anchor(target, { text: edited, sourceVersion: 1 })).toMatchObject({
      status: 'anchored',
      retranslated: true,
    });
    expect(matcher).not.toHaveBeenCalled();
  });

  it('does not search when the unique exact quote moved with its context intact', () => {
    const edited = `Note liminaire.\n\n${FR}`;
    expect(anchor(target, { text: edited, sourceVersion: 1 })).toMatchObject({
      status: 'moved',
      score: expect.closeTo(1, 3),
    });
    expect(matcher).not.toHaveBeenCalled();
  });

  it('does search once the quote itself was edited', () => {
    const edited = edit(FR, 'de comportement et non', 'de comportement, et non');
    expect(anchor(target, { text: edited, sourceVersion: 1 }).status).toBe('moved');
    expect(matcher).toHaveBeenCalled();
  });
});

describe('bounded fuzzy search', () => {
  beforeEach(() => {
    matcher.mockClear();
  });

  it('searches the whole text for a long quote only by its first and last 64 characters', () => {
    const long =
      'Les preuves techniques, comme les adresses IP ou les signatures de logiciels malveillants, peuvent être falsifiées, et les services de renseignement hésitent à divulguer leurs sources.';
    expect(long.length).toBeGreaterThan(128);
    const edited = edit(FR, 'signatures de logiciels', 'signatures connues de logiciels');
    expect(anchor(annotate(FR, long), { text: edited, sourceVersion: 1 }).status).toBe('moved');
    expect(matcher).toHaveBeenCalled();
    for (const [text, pattern] of matcher.mock.calls) {
      // The whole quote is only compared with a span about its own length.
      if (pattern.length > 128) expect(text.length).toBeLessThan(pattern.length * 1.5);
      else expect(pattern.length).toBeLessThanOrEqual(64 + 32 /* a context side is searched too */);
    }
  });
});
