import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { describeSelection, hashText } from '../../../../shared/anchoring/index.js';
import type { ContributionId, TextVersion } from '../../../../shared/model/entities.js';
import type { AnnotationRow } from '../../../../renderer/db/database.js';
import { AnnotationCard } from '../../../../renderer/features/annotate/AnnotationCard.js';
import { placeAnnotation } from '../../../../renderer/features/annotate/place-annotation.js';

const BEFORE = 'States should exercise due diligence. Attribution remains political.';
const AFTER = 'States must exercise due diligence. Attribution remains political.';

function cardFor(origin: TextVersion['origin']) {
  const start = BEFORE.indexOf('Attribution');
  const target = {
    contributionId: 'c-1' as ContributionId,
    language: 'fr' as const,
    sourceVersion: 1,
    textHash: hashText(BEFORE),
    ...describeSelection(BEFORE, start, start + 'Attribution remains political.'.length),
  };
  const version: TextVersion = {
    language: 'fr',
    text: AFTER,
    origin,
    engine: origin === 'machine' ? 'deepl' : null,
    sourceVersion: 2,
  };
  const row = {
    id: 'a-1',
    authorName: 'Me',
    target,
    note: '',
    tags: [],
    visibility: 'private',
  } as unknown as AnnotationRow;
  render(<AnnotationCard item={{ row, own: true, placement: placeAnnotation(target, version) }} tags={new Map()} />);
  return screen.getByTestId('retranslated-note').textContent;
}

describe('a note whose text version changed since it was made', () => {
  it('on the original: says the original was edited', () => {
    expect(cardFor('original')).toBe('The original was edited since the note was made.');
  });
  it('on a translation: says it was translated again', () => {
    expect(cardFor('machine')).toBe('This version was translated again since the note was made.');
  });
});
