import { describe, expect, it } from 'vitest';
import { describeSelection, hashText } from '../../../shared/anchoring/index.js';
import type { Annotation } from '../../../shared/model/annotations.js';
import type { Contribution, ContributionId } from '../../../shared/model/entities.js';
import { citationFor } from '../../../shared/synthesis/citation.js';
import { citationAttrsSchema } from '../../../shared/synthesis/export/citations.js';
import { citationNoteText } from '../../../shared/synthesis/export/labels.js';

/** Issue 23: a quote from an answer says what it answers, in the synthesis's language. */
const TEXT = 'We agree with the previous speaker, but cooperation must stay voluntary.';

function cite(replyTo: string | null, answered: Pick<Contribution, 'author'> | null) {
  const annotation = {
    id: 'a-1',
    target: {
      contributionId: 'c-2' as ContributionId,
      language: 'en',
      sourceVersion: 1,
      textHash: hashText(TEXT),
      ...describeSelection(TEXT, 0, 20),
    },
  } as unknown as Annotation;
  const contribution = {
    id: 'c-2' as ContributionId,
    author: { name: 'B. Chen', kind: 'ngo' },
    language: 'en',
    version: 1,
    replyTo: replyTo as ContributionId | null,
    versions: [{ language: 'en', text: TEXT, origin: 'original', engine: null, sourceVersion: 1 }],
  } as Pick<Contribution, 'id' | 'author' | 'language' | 'versions' | 'version' | 'replyTo'>;
  return citationFor(annotation, contribution, 'P1', 'q-1', answered);
}

describe('a quote from an answer', () => {
  it('carries what it answers and says so in the note, in each language', () => {
    const attrs = cite('c-1', { author: { name: 'A. Durand', kind: 'legal-expert' } });
    expect(attrs.inAnswerTo).toEqual({ contributionId: 'c-1', authorName: 'A. Durand' });
    expect(citationAttrsSchema.safeParse(attrs).success).toBe(true);
    expect(citationNoteText(attrs, 'en')).toBe(
      'B. Chen (NGO), contribution c-2, in answer to A. Durand (contribution c-1), question P1, in English.',
    );
    expect(citationNoteText(attrs, 'fr')).toContain('en réponse à A. Durand (contribution c-1)');
    expect(citationNoteText(attrs, 'zh')).toContain('回复 A. Durand（意见 c-1）');
  });

  it('names only the contribution when its author is not known here (withdrawn before it was pulled)', () => {
    const attrs = cite('c-1', null);
    expect(citationNoteText(attrs, 'en')).toContain('in answer to contribution c-1');
  });

  it('leaves a quote from a contribution answering the question as it was', () => {
    const attrs = cite(null, null);
    expect('inAnswerTo' in attrs).toBe(false);
    expect(citationNoteText(attrs, 'en')).not.toContain('answer');
  });
});
