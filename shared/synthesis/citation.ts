import { sentenceRanges } from '../anchoring/corresponding-quote.js';
import { correspondingParagraph, paragraphRanges } from '../anchoring/paragraphs.js';
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
  contribution: Pick<Contribution, 'id' | 'author' | 'language' | 'versions' | 'version' | 'replyTo'>,
  questionCode: string,
  citationId: string,
  /** The contribution it answers, when it answers one and this device has it (for its author's name). */
  answered?: Pick<Contribution, 'author'> | null,
): CitationAttrs {
  const quoted = contribution.versions.find((v) => v.language === annotation.target.language);
  const original = contribution.versions.find((v) => v.language === contribution.language);
  let originalText: string | null = null;
  if (quoted && original && quoted.language !== original.language) {
    const { start, end } = annotation.target.position;
    const range = correspondingParagraph(quoted.text, start, original.text);
    originalText = range ? correspondingPassage(quoted, start, end, original, range) : null;
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
    ...(contribution.replyTo
      ? { inAnswerTo: { contributionId: contribution.replyTo, authorName: answered?.author.name ?? null } }
      : {}),
  };
}

/**
 * The original's wording of the quoted passage: within the corresponding
 * paragraph, the sentences in the same places as the quoted ones when both
 * paragraphs have as many sentences (a translation keeps them, as a rule);
 * the whole paragraph otherwise, rather than a wrong passage.
 */
function correspondingPassage(
  quoted: { text: string; language: string },
  start: number,
  end: number,
  original: { text: string; language: string },
  range: { start: number; end: number },
): string {
  const whole = original.text.slice(range.start, range.end);
  const paragraph = paragraphRanges(quoted.text).find((r) => r.start <= start && start < r.end);
  if (!paragraph) return whole;
  const mine = sentenceRanges(quoted.text.slice(paragraph.start, paragraph.end), quoted.language);
  const theirs = sentenceRanges(whole, original.language);
  if (mine.length !== theirs.length || mine.length < 2) return whole;
  const from = start - paragraph.start;
  const to = Math.max(from + 1, end - paragraph.start);
  const first = mine.findIndex((s) => s.start <= from && from < s.end);
  const last = mine.findIndex((s) => s.start < to && to <= s.end);
  if (first < 0 || last < first) return whole;
  return whole.slice(theirs[first]!.start, theirs[last]!.end).trim();
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
