import { describe, expect, it } from 'vitest';
import { anchorPdfNote, describePdfSelection, pdfText } from '../../../shared/materials/pdf-anchoring.js';
import { mediaFragment, parseMediaFragment } from '../../../shared/materials/media-fragment.js';
import type { MaterialId } from '../../../shared/model/material.js';

const STUDY = { id: 'study' as MaterialId, sha256: 'a'.repeat(64) };
const PAGES = [
  'Sample material - page 1. Due diligence in cyberspace asks what a State must do.',
  'Sample material - page 2. Attribution, countermeasures and the duty to cooperate.',
  'Sample material - page 3. Attribution, countermeasures and the duty to cooperate.',
];

describe('PDF notes: selectors and re-anchoring by quote', () => {
  const text = pdfText(PAGES);
  const at = (page: number, words: string) => {
    const start = PAGES[page - 1]!.indexOf(words);
    return describePdfSelection(STUDY, text, page, start, start + words.length);
  };

  it('describes a selection with a text quote, the page and the position in that page', () => {
    const target = at(2, 'countermeasures');
    expect(target).toMatchObject({
      kind: 'pdf',
      materialId: 'study',
      page: 2,
      quote: { exact: 'countermeasures', prefix: expect.stringMatching(/Attribution, $/) },
      position: { start: 39, end: 54 },
    });
    expect(() => describePdfSelection(STUDY, text, 4, 0, 3)).toThrow(RangeError);
    expect(() => describePdfSelection(STUDY, text, 1, 3, 3)).toThrow(/empty/);
  });

  it('finds the passage where it was, on its own page even when another page has the same words', () => {
    const target = at(3, 'countermeasures');
    expect(anchorPdfNote(target, text)).toEqual({ status: 'anchored', page: 3, start: 39, end: 54 });
  });

  it('re-anchors by quote when the page text moved, and on another page when the passage changed pages', () => {
    const target = at(1, 'what a State must do');
    const edited = pdfText([
      'Sample material - page 1 (second edition). Due diligence in cyberspace asks what a State must do.',
      PAGES[1]!,
      PAGES[2]!,
    ]);
    const moved = anchorPdfNote(target, edited);
    expect(moved).toMatchObject({ status: 'moved', page: 1 });
    if (moved.status !== 'orphan') expect(edited.pages[0]!.slice(moved.start, moved.end)).toBe('what a State must do');

    const reflowed = pdfText(['Preface.', PAGES[0]!, PAGES[1]!]);
    expect(anchorPdfNote(target, reflowed)).toMatchObject({ status: 'moved', page: 2 });
    // A page number past the end (a shorter file) still finds it.
    expect(anchorPdfNote({ ...target, page: 9 }, reflowed)).toMatchObject({ page: 2 });
  });

  it('leaves a note whose words are gone as an orphan', () => {
    expect(anchorPdfNote(at(1, 'Due diligence'), pdfText(['Nothing alike here.']))).toEqual({ status: 'orphan' });
  });
});

describe('Media Fragments t=start,end', () => {
  it('writes and reads the temporal fragment of a time-range note', () => {
    expect(mediaFragment({ start: 12.5, end: 20 })).toBe('t=12.5,20');
    expect(mediaFragment({ start: 1 / 3, end: 2 })).toBe('t=0.333,2');
    expect(parseMediaFragment('t=12.5,20')).toEqual({ start: 12.5, end: 20 });
    expect(parseMediaFragment('t=npt:3,4')).toEqual({ start: 3, end: 4 });
    expect(parseMediaFragment('t=,4')).toEqual({ start: 0, end: 4 });
    expect(parseMediaFragment('t=5,4')).toBeNull();
    expect(parseMediaFragment('xywh=1,2,3,4')).toBeNull();
  });
});
