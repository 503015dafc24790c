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

/**
 * Where a note's passage is in the PDF's current text: the quote with its
 * context exactly, on its own page first, then on the nearest page that has
 * it (a new edition moved pages); else the fuzzy match of the contribution
 * anchoring (shared/anchoring), nearest page first. Exact before fuzzy, so a
 * similar sentence on the note's old page never wins over the passage itself.
 */
export function anchorPdfNote(target: PdfPassageTarget, text: PdfText): PdfAnchor {
  const pages = pagesNearest(target.page, text.pages.length);
  const { exact, prefix, suffix } = target.quote;
  const whole = prefix + exact + suffix;
  for (const page of pages) {
    const pageText = text.pages[page - 1]!;
    // The stored position first: a page with the same words twice keeps the one noted.
    const at = target.position.start - prefix.length;
    const found = at >= 0 && pageText.startsWith(whole, at) ? at : pageText.indexOf(whole);
    if (found < 0) continue;
    const start = found + prefix.length;
    const same = page === target.page && start === target.position.start;
    return { status: same ? 'anchored' : 'moved', page, start, end: start + exact.length };
  }
  const textTarget = asTextTarget(target);
  for (const page of pages) {
    const result = anchor(textTarget, {
      text: text.pages[page - 1]!,
      sourceVersion: 1,
      textHash: text.hashes[page - 1],
    });
    if (result.status !== 'orphan') return { status: 'moved', page, start: result.start, end: result.end };
  }
  return { status: 'orphan' };
}

/** Pages 1…count, nearest to `first` first (the lower one of two at the same distance). */
function pagesNearest(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => i + 1).sort(
    (a, b) => Math.abs(a - first) - Math.abs(b - first) || a - b,
  );
}
