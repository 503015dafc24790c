import { anchor, hashText, targetSelection } from '../anchoring/index.js';
import type { AnnotationTarget } from '../model/annotations.js';
import type { ContributionId } from '../model/entities.js';
import type { MaterialId } from '../model/material.js';
import type { PdfPassageTarget } from '../model/material-note.js';

/**
 * Notes on a PDF's text, anchored as the Hypothesis client anchors PDF text:
 * selectors made from one page's text (as pdf.js's text layer joins it), and
 * found again by quote, on the page they name first (the fast path when that
 * page is unchanged), then on the other pages, nearest first. The contribution
 * anchoring (shared/anchoring) does the matching, each page standing in for a
 * text version.
 */

/** A PDF's text, one string per page, with each page's hash computed once for many notes. */
export interface PdfText {
  pages: readonly string[];
  hashes: readonly string[];
}

export function pdfText(pages: readonly string[]): PdfText {
  return { pages, hashes: pages.map(hashText) };
}

export type PdfAnchor =
  { status: 'anchored' | 'moved'; page: number; start: number; end: number } | { status: 'orphan' };

/** A page as the contribution anchoring sees a text version (its own kind of target). */
const asTextTarget = (target: PdfPassageTarget): AnnotationTarget => ({
  contributionId: '' as ContributionId,
  language: 'en',
  sourceVersion: 1,
  textHash: target.textHash,
  quote: target.quote,
  position: target.position,
});

/**
 * The selectors of the passage [start, end) of page `page` (1-based).
 * @throws SelectionError as describeSelection does (empty, whitespace, too long).
 */
export function describePdfSelection(
  material: { id: MaterialId; sha256: string },
  text: PdfText,
  page: number,
  start: number,
  end: number,
): PdfPassageTarget {
  const pageText = text.pages[page - 1];
  if (pageText === undefined) throw new RangeError(`page ${page} is not a page of this PDF`);
  const { quote, position, textHash } = targetSelection(
    { contributionId: '' as ContributionId, language: 'en' },
    { text: pageText, sourceVersion: 1, textHash: text.hashes[page - 1] },
    start,
    end,
  );
  return { kind: 'pdf', materialId: material.id, sha256: material.sha256, page, textHash, quote, position };
}

/** Where a note's passage is in the PDF's current text (see the module's comment for the order of the search). */
export function anchorPdfNote(target: PdfPassageTarget, text: PdfText): PdfAnchor {
  const textTarget = asTextTarget(target);
  for (const page of pagesNearest(target.page, text.pages.length)) {
    const result = anchor(textTarget, {
      text: text.pages[page - 1]!,
      sourceVersion: 1,
      textHash: text.hashes[page - 1],
    });
    if (result.status !== 'orphan')
      return { status: page === target.page ? result.status : 'moved', page, start: result.start, end: result.end };
  }
  return { status: 'orphan' };
}

/** Pages 1…count, nearest to `first` first (the lower one of two at the same distance). */
function pagesNearest(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1).sort(
    (a, b) => Math.abs(a - first) - Math.abs(b - first) || a - b,
  );
}
