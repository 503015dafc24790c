import { describe, expect, it } from 'vitest';
import { describeSelection, hashText } from '../../../../shared/anchoring/index.js';
import type { AnnotationTarget } from '../../../../shared/model/annotations.js';
import type { ContributionId, TextVersion } from '../../../../shared/model/entities.js';
import { placeAnnotation } from '../../../../renderer/features/annotate/place-annotation.js';

const TEXT =
  'States should exercise due diligence over cyber operations launched from their territory.\n\n' +
  'Attribution remains a political decision, informed by technical evidence.';

function targetOf(text: string, exact: string): AnnotationTarget {
  const start = text.indexOf(exact);
  return {
    contributionId: 'c-1' as ContributionId,
    language: 'en',
    sourceVersion: 1,
    textHash: hashText(text),
    ...describeSelection(text, start, start + exact.length),
  };
}

const version = (text: string): TextVersion => ({
  language: 'en',
  text,
  origin: 'original',
  engine: null,
  sourceVersion: 2,
});

describe('placeAnnotation', () => {
  it('keeps a note anchored when only text before it changed, at its new place', () => {
    const target = targetOf(TEXT, 'a political decision');
    const edited = `Foreword added by the author.\n\n${TEXT}`;
    const placed = placeAnnotation(target, version(edited));
    expect(placed).toMatchObject({ status: 'anchored', start: edited.indexOf('a political decision') });
  });

  it('asks the author to check a passage whose own words changed', () => {
    const target = targetOf(TEXT, 'a political decision, informed by technical evidence');
    const edited = TEXT.replace('informed by technical evidence', 'informed by forensic evidence');
    expect(placeAnnotation(target, version(edited)).status).toBe('moved');
  });

  it('makes an orphan of a note whose language version is gone', () => {
    expect(placeAnnotation(targetOf(TEXT, 'due diligence'), undefined)).toEqual({
      status: 'orphan',
      retranslated: true,
      onOriginal: false,
    });
  });
});
