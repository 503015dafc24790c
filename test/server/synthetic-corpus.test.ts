import { describe, it, expect } from 'vitest';
import { generateSyntheticCorpus } from '../../server/demo/synthetic-corpus.js';
import { importLineSchema, type ImportLine } from '../../shared/protocol/import-format.js';
import { LANGUAGES } from '../../shared/languages.js';

/** Every text in these languages is in this script. */
const SCRIPTS: Partial<Record<string, RegExp>> = {
  zh: /\p{Script=Han}/u,
  ar: /\p{Script=Arabic}/u,
  ko: /\p{Script=Hangul}/u,
  ru: /\p{Script=Cyrillic}/u,
};

/** Latin-script languages: their diacritics appear across the texts. */
const DIACRITICS: Partial<Record<string, RegExp>> = {
  de: /[äöüß]/,
  fr: /[éèàç]/,
  es: /[áéíóúñ]/,
  pt: /[ãõçáéó]/,
  it: /[àèéìòù]/,
};

function parseAll(contributions: number, seed?: number): ImportLine[] {
  return [...generateSyntheticCorpus({ contributions, seed })].map((line) => {
    const parsed = importLineSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`invalid line ${line.slice(0, 200)}: ${parsed.error.message}`);
    return parsed.data;
  });
}

describe('generateSyntheticCorpus', () => {
  it('yields valid lines: a theme, eight questions, then each contribution with nine translations', () => {
    const lines = parseAll(50, 3);
    expect(lines).toHaveLength(1 + 8 + 50 * 10);
    expect(lines[0]?.type).toBe('theme');
    expect(lines.slice(1, 9).every((line) => line.type === 'question')).toBe(true);
    for (const line of lines) {
      if (line.type === 'question') expect(Object.keys(line.title).sort()).toEqual([...LANGUAGES].sort());
    }
    const contributions = lines.filter((line) => line.type === 'contribution');
    expect(contributions).toHaveLength(50);
    for (const c of contributions) {
      const translations = lines.flatMap((line) =>
        line.type === 'translation' && line.contributionId === c.id ? [line.language] : [],
      );
      expect(translations.sort()).toEqual(LANGUAGES.filter((l) => l !== c.language).sort());
    }
    expect(new Set(contributions.map((c) => c.language))).toEqual(new Set(LANGUAGES));
    expect(new Set(contributions.map((c) => c.author.kind)).size).toBeGreaterThanOrEqual(4);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = [...generateSyntheticCorpus({ contributions: 20, seed: 42 })];
    const b = [...generateSyntheticCorpus({ contributions: 20, seed: 42 })];
    const c = [...generateSyntheticCorpus({ contributions: 20, seed: 43 })];
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('produces realistic lengths with paragraphs', () => {
    const texts = parseAll(300, 9).flatMap((line) =>
      line.type === 'contribution' || line.type === 'translation' ? [line.text] : [],
    );
    const lengths = texts.map((t) => t.length);
    const mean = lengths.reduce((sum, n) => sum + n, 0) / lengths.length;
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(8_000);
    expect(Math.max(...lengths)).toBeGreaterThan(4_000);
    expect(mean).toBeGreaterThan(1_500);
    expect(mean).toBeLessThan(2_600);
    expect(texts.some((t) => t.includes('\n\n'))).toBe(true);
  });

  it('writes each language in its own script', () => {
    const byLanguage = new Map<string, string>();
    for (const line of parseAll(20, 5)) {
      if (line.type !== 'contribution' && line.type !== 'translation') continue;
      byLanguage.set(line.language, (byLanguage.get(line.language) ?? '') + line.text);
      const script = SCRIPTS[line.language];
      if (script) expect(line.text, line.language).toMatch(script);
      if (line.language !== 'zh' && line.language !== 'ko')
        expect(line.text).not.toMatch(/\p{Script=Han}|\p{Script=Hangul}/u);
      if (line.language === 'zh') expect(line.text).not.toMatch(/ /);
      if (line.language === 'ko') expect(line.text).toMatch(/ /);
      if (line.language === 'en') expect(line.text).toMatch(/^[\x20-\x7e\n]+$/);
    }
    for (const [lang, diacritics] of Object.entries(DIACRITICS))
      expect(byLanguage.get(lang), lang).toMatch(diacritics as RegExp);
  });
});
