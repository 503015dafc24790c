import { correspondingParagraph } from '../anchoring/paragraphs.js';
import { hashText } from '../anchoring/hash-text.js';
import type { Annotation } from '../model/annotations.js';
import type { Contribution } from '../model/entities.js';
import type { CitationAttrs, SynthesisNode } from './document.js';

/**
 * The citation of an annotated passage: who wrote it, in which language
 * version, whether that version is a machine translation (and then the
 * original's wording of the same paragraph), and what the quoted text was, so
 * that a later change of the source can be noticed.
 */
export function citationFor(
  annotation: Annotation,
  contribution: Pick<Contribution, 'id' | 'author' | 'language' | 'versions' | 'version'>,
  questionCode: string,
  citationId: string,
): CitationAttrs {
  const quoted = contribution.versions.find((v) => v.language === annotation.target.language);
  const original = contribution.versions.find((v) => v.language === contribution.language);
  let originalText: string | null = null;
  if (quoted && original && quoted.language !== original.language) {
    const range = correspondingParagraph(quoted.text, annotation.target.position.start, original.text);
    originalText = range ? original.text.slice(range.start, range.end) : null;
  }
  return {
    citationId,
    contributionId: contribution.id,
    annotationId: annotation.id,
    authorName: contribution.author.name,
    authorKind: contribution.author.kind,
    language: annotation.target.language,
    origin: quoted?.origin ?? 'original',
    engine: quoted?.engine ?? null,
    originalLanguage: contribution.language,
    originalText,
    textHash: quoted ? hashText(quoted.text) : annotation.target.textHash,
    sourceVersion: contribution.version,
    questionCode,
  };
}

/** The quote as a block of the synthesis: the passage, its words carrying the citation. */
export function quoteBlock(quote: string, citation: CitationAttrs): SynthesisNode {
  return {
    type: 'blockquote',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text: quote, marks: [{ type: 'citation', attrs: citation }] }] },
    ],
  };
}

export type CitationState = 'current' | 'changed' | 'withdrawn' | 'missing';

/** Whether a quote still stands as quoted: its text unchanged, its contribution not withdrawn. */
export function citationState(
  citation: CitationAttrs,
  contribution: Pick<Contribution, 'status' | 'versions'> | undefined,
): CitationState {
  if (!contribution) return 'missing';
  if (contribution.status === 'withdrawn') return 'withdrawn';
  const version = contribution.versions.find((v) => v.language === citation.language);
  if (!version || hashText(version.text) !== citation.textHash) return 'changed';
  return 'current';
}

/** Every citation of a document, once each, in order of first appearance. */
export function citationsIn(node: SynthesisNode, found = new Map<string, CitationAttrs>()): CitationAttrs[] {
  for (const mark of node.marks ?? [])
    if (mark.type === 'citation' && !found.has(mark.attrs.citationId)) found.set(mark.attrs.citationId, mark.attrs);
  for (const child of node.content ?? []) citationsIn(child, found);
  return [...found.values()];
}
