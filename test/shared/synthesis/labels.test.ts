import { describe, expect, it } from 'vitest';
import { LANGUAGES, NATIVE_NAMES } from '../../../shared/languages.js';
import { AUTHOR_KINDS } from '../../../shared/model/entities.js';
import {
  citationNoteText,
  citedContributionText,
  languageName,
  SYNTHESIS_LABELS,
} from '../../../shared/synthesis/export/labels.js';
import { MACHINE_QUOTE, ORIGINAL_QUOTE } from './synthesis-fixtures.js';

const PLACEHOLDERS: Record<string, string[]> = {
  authorWithKind: ['{author}', '{kind}'],
  contribution: ['{id}'],
  question: ['{code}'],
  quotedIn: ['{language}'],
  machineTranslation: ['{engine}'],
  originalWording: ['{language}'],
  originalLanguage: ['{language}'],
};

describe.each(LANGUAGES)('export labels in %s', (lang) => {
  const labels = SYNTHESIS_LABELS[lang];

  it('has every label, each template with its placeholders', () => {
    for (const [key, value] of Object.entries(labels)) {
      if (typeof value === 'string' && !['sentenceGap'].includes(key)) expect(value.trim(), key).not.toBe('');
    }
    for (const [key, placeholders] of Object.entries(PLACEHOLDERS)) {
      for (const p of placeholders) expect(labels[key as keyof typeof labels], key).toContain(p);
    }
    for (const kind of AUTHOR_KINDS) expect(labels.authorKinds[kind]).not.toBe('');
    expect(labels.quotes.every((q) => q.trim() !== '')).toBe(true);
  });

  it('writes a note that marks a machine translation and gives the original’s wording', () => {
    const note = citationNoteText(MACHINE_QUOTE, lang);
    const originalWording = labels.originalWording.replace('{language}', 'fr');
    for (const part of [MACHINE_QUOTE.authorName, 'c-1042', 'I.ii', originalWording, MACHINE_QUOTE.originalText!]) {
      expect(note).toContain(part);
    }
    expect(note).toContain(labels.machineTranslation.replace('{engine}', 'systran'));
    expect(note).toContain(labels.quotes[0] + MACHINE_QUOTE.originalText + labels.quotes[1]);
    expect(note).toContain(languageName('en', lang));
  });

  it('writes a note on an original text without a translation label', () => {
    const note = citationNoteText(ORIGINAL_QUOTE, lang);
    expect(note).not.toContain(labels.machineTranslationUnnamed);
    expect(note).not.toContain(labels.humanTranslation);
    expect(note.endsWith(labels.fullStop)).toBe(true);
  });

  it('names languages in the synthesis’s language', () => {
    const french = languageName('fr', lang);
    expect(french).not.toBe('fr');
    if (lang !== 'fr') expect(french).not.toBe(NATIVE_NAMES.fr);
    expect(
      citedContributionText(
        { contributionId: 'c-1', authorName: 'A', authorKind: 'ngo', originalLanguage: 'fr', questionCode: 'I.i' },
        lang,
      ),
    ).toContain(french);
  });
});

describe('note wording', () => {
  it('reads naturally in English, French and Chinese', () => {
    expect(citationNoteText({ ...MACHINE_QUOTE, authorName: 'A. Durand' }, 'en')).toBe(
      'A. Durand (legal expert), contribution c-1042, question I.ii, in English — machine translation (systran). ' +
        `Original (fr): “${MACHINE_QUOTE.originalText}”`,
    );
    expect(citationNoteText({ ...MACHINE_QUOTE, engine: null, originalText: null }, 'en')).toMatch(
      /in English — machine translation\.$/,
    );
    expect(citationNoteText(ORIGINAL_QUOTE, 'zh')).toBe(
      '网络安全协会（非政府组织），意见 c-2001，问题 II.i，中文文本。',
    );
  });
});
