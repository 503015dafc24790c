import { describe, expect, it } from 'vitest';
import { describeSelection, hashText } from '../../../shared/anchoring/index.js';
import type { Annotation } from '../../../shared/model/annotations.js';
import type { Contribution, ContributionId } from '../../../shared/model/entities.js';
import { citationFor } from '../../../shared/synthesis/citation.js';

const ORIGINAL =
  'Die Staaten tragen Verantwortung. Sie müssen Sorgfalt walten lassen. Die Zuordnung bleibt politisch.\n\n' +
  'Ein zweiter Absatz.';
const ENGLISH =
  'States bear responsibility. They must exercise due diligence. Attribution remains political.\n\n' +
  'A second paragraph.';

function cite(quotedText: string, exact: string, original = ORIGINAL) {
  const start = quotedText.indexOf(exact);
  const annotation = {
    id: 'a-1',
    target: {
      contributionId: 'c-1' as ContributionId,
      language: 'en',
      sourceVersion: 1,
      textHash: hashText(quotedText),
      ...describeSelection(quotedText, start, start + exact.length),
    },
  } as unknown as Annotation;
  const contribution = {
    id: 'c-1' as ContributionId,
    author: { name: 'Dr. Albrecht', kind: 'legal-expert' },
    language: 'de',
    version: 1,
    versions: [
      { language: 'de', text: original, origin: 'original', engine: null, sourceVersion: 1 },
      { language: 'en', text: quotedText, origin: 'machine', engine: 'deepl', sourceVersion: 1 },
    ],
  } as unknown as Pick<Contribution, 'id' | 'author' | 'language' | 'versions' | 'version'>;
  return citationFor(annotation, contribution, 'I.i', 'q-1');
}

describe('the original wording of a quoted translation', () => {
  it('is the passage matching the quote, not the whole paragraph', () => {
    expect(cite(ENGLISH, 'must exercise due diligence').originalText).toBe('Sie müssen Sorgfalt walten lassen.');
    expect(cite(ENGLISH, 'due diligence. Attribution remains').originalText).toBe(
      'Sie müssen Sorgfalt walten lassen. Die Zuordnung bleibt politisch.',
    );
  });

  it('is the whole paragraph when the sentences do not correspond one to one', () => {
    const merged =
      'Die Staaten tragen Verantwortung und müssen Sorgfalt walten lassen. Die Zuordnung bleibt politisch.\n\nEin zweiter Absatz.';
    expect(cite(ENGLISH, 'must exercise due diligence', merged).originalText).toBe(merged.split('\n\n')[0]);
  });
});
