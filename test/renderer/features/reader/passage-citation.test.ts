import { describe, expect, it } from 'vitest';
import type { ContributionId } from '../../../../shared/model/entities.js';
import { passageWithCitation } from '../../../../renderer/features/reader/passage-citation.js';

const original = 'Les États doivent faire preuve de diligence raisonnable. Deuxième phrase.';
const english = 'States must exercise due diligence. Second sentence.';
const contribution = {
  id: 'c-42' as ContributionId,
  author: { name: 'F. Albrecht', kind: 'legal-expert' as const },
  language: 'fr' as const,
  version: 3,
};
const versions = [
  { language: 'fr' as const, text: original, origin: 'original' as const, engine: null, sourceVersion: 3 },
  { language: 'en' as const, text: english, origin: 'machine' as const, engine: 'systran', sourceVersion: 3 },
];

describe('copy with citation', () => {
  it('quotes the passage and says where it comes from, and that it is a machine translation', () => {
    const text = passageWithCitation({
      contribution,
      versions,
      lang: 'en',
      range: { start: 0, end: 35 },
      questionCode: 'PP.i',
      uiLang: 'en',
    })!;
    const [quote, note] = text.split('\n');
    expect(quote).toBe('“States must exercise due diligence.”');
    for (const part of ['F. Albrecht', 'c-42', 'PP.i', 'English', 'systran']) expect(note).toContain(part);
  });

  it('gives nothing for an empty selection or a missing version', () => {
    const base = { contribution, versions, questionCode: 'PP.i', uiLang: 'fr' as const };
    expect(passageWithCitation({ ...base, lang: 'en', range: { start: 35, end: 36 } })).toBeNull();
    expect(passageWithCitation({ ...base, lang: 'zh', range: { start: 0, end: 5 } })).toBeNull();
  });
});
