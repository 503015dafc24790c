import { z } from 'zod';
import { LANGUAGES, type Lang } from '../../languages.js';
import { AUTHOR_KINDS, TEXT_ORIGINS } from '../../model/entities.js';
import type { CitationAttrs, SynthesisDoc, SynthesisMark, SynthesisNode } from '../document.js';
import type { MaterialQuoteAttrs } from '../material-quote.js';
import type { SynthesisQuoteAttrs } from '../synthesis-quote.js';
import type { CitedContribution } from './labels.js';

/** What the exports of a synthesis are made from; the caller reads it from the synthesis and gives the date. */
export interface SynthesisExportInput {
  title: string;
  /** The synthesis's language: the notes and the list of cited contributions are written in it. */
  language: Lang;
  doc: SynthesisDoc;
  /** The rapporteurs. */
  authors?: readonly string[];
  /** ISO date of the export ("2017-02-02"). */
  date: string;
  /**
   * Cited contributions withdrawn by the secretariat at the time of export.
   * They stay cited (the synthesis's words are the rapporteurs'), and every
   * format says so the same way: their notes end with "Contribution withdrawn
   * since it was quoted", their entry in the list of cited contributions with
   * "withdrawn" (labels.ts); the Quotes panel flags them.
   */
  withdrawn?: readonly string[];
}

/** CitationAttrs as read back from a file: what the type promises, checked; attributes added later are kept. */
export const citationAttrsSchema = z.looseObject({
  citationId: z.string(),
  contributionId: z.string(),
  annotationId: z.string().nullable(),
  authorName: z.string(),
  authorKind: z.enum(AUTHOR_KINDS),
  language: z.enum(LANGUAGES),
  origin: z.enum(TEXT_ORIGINS),
  engine: z.string().nullable(),
  originalLanguage: z.enum(LANGUAGES),
  originalText: z.string().nullable(),
  textHash: z.string(),
  sourceVersion: z.number().int(),
  questionCode: z.string(),
  inAnswerTo: z.strictObject({ contributionId: z.string(), authorName: z.string().nullable() }).optional(),
});

/**
 * What a note of an export cites: a contribution's passage, a passage of an
 * earlier event's synthesis, or a page of a briefing document.
 */
export type NoteAttrs = CitationAttrs | SynthesisQuoteAttrs | MaterialQuoteAttrs;

export const isSynthesisQuote = (attrs: NoteAttrs): attrs is SynthesisQuoteAttrs => 'synthesisId' in attrs;
export const isMaterialQuote = (attrs: NoteAttrs): attrs is MaterialQuoteAttrs => 'materialId' in attrs;
/** A contribution's citation (the only kind listed among the cited contributions). */
export const isCitation = (attrs: NoteAttrs): attrs is CitationAttrs => 'contributionId' in attrs;

const QUOTE_MARKS = ['citation', 'synthesisQuote', 'materialQuote'] as const;
type QuoteMark = Extract<SynthesisMark, { type: (typeof QUOTE_MARKS)[number] }>;
const isQuoteMark = (mark: SynthesisMark): mark is QuoteMark => (QUOTE_MARKS as readonly string[]).includes(mark.type);

/** SynthesisQuoteAttrs as read back from a file, checked the same way. */
export const synthesisQuoteAttrsSchema = z.looseObject({
  quoteId: z.string(),
  eventId: z.string(),
  eventTitle: z.partialRecord(z.enum(LANGUAGES), z.string()),
  eventStartsOn: z.string(),
  eventEndsOn: z.string(),
  synthesisId: z.string(),
  synthesisTitle: z.string(),
  synthesisLanguage: z.enum(LANGUAGES),
  rapporteur: z.string(),
  questionCode: z.string(),
  block: z.number().int().min(0),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  blockHash: z.string(),
  quotedOn: z.string(),
});

/** MaterialQuoteAttrs as read back from a file, checked the same way. */
export const materialQuoteAttrsSchema = z.looseObject({
  quoteId: z.string(),
  materialId: z.string(),
  materialTitle: z.partialRecord(z.enum(LANGUAGES), z.string()),
  questionId: z.string().nullable(),
  sha256: z.string(),
  page: z.number().int().min(1),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
  noteId: z.string().nullable(),
  quotedOn: z.string(),
});

export function citationOf(node: SynthesisNode): CitationAttrs | null {
  const mark = node.marks?.find((m): m is Extract<SynthesisMark, { type: 'citation' }> => m.type === 'citation');
  return mark ? mark.attrs : null;
}

/** A contribution's citation, an earlier synthesis's quote or a document's, whichever the words carry. */
export function noteOf(node: SynthesisNode): NoteAttrs | null {
  const mark = node.marks?.find(isQuoteMark);
  return mark ? mark.attrs : null;
}

/** What a note of the proceedings cites: a contribution's passage or a document's page. */
export type ProceedingsNoteAttrs = CitationAttrs | MaterialQuoteAttrs;

/** Segments by contribution citations and quotes of documents (the proceedings' writers: earlier syntheses are not noted there). */
export function proceedingsSegments(
  inline: readonly SynthesisNode[],
): InlineSegment<CitationAttrs | MaterialQuoteAttrs>[] {
  return segmentsBy(inline, (node) => {
    const attrs = noteOf(node);
    return attrs && !isSynthesisQuote(attrs) ? attrs : null;
  });
}

/**
 * A textblock's inline content cut where citations begin and end: each piece is
 * either free text or one run of one quote. Two quotes with different
 * provenance side by side are two runs, so each gets its own note.
 */
export interface InlineSegment<A extends NoteAttrs = CitationAttrs> {
  nodes: SynthesisNode[];
  citation: A | null;
}

/** Text and hard breaks, with inline nodes of other extensions replaced by their content (their words are kept). */
export function inlineLeaves(nodes: readonly SynthesisNode[]): SynthesisNode[] {
  return nodes.flatMap((node) => {
    if (node.type === 'text' || node.type === 'hardBreak') return [node];
    if (node.content) return inlineLeaves(node.content);
    return node.text ? [{ ...node, type: 'text' }] : [];
  });
}

/** Segments by contribution citations only (the proceedings' writers). */
export function citationSegments(inline: readonly SynthesisNode[]): InlineSegment[] {
  return segmentsBy(inline, citationOf);
}

/** Segments by contribution citations and quotes of earlier syntheses (a synthesis's own exports). */
export function noteSegments(inline: readonly SynthesisNode[]): InlineSegment<NoteAttrs>[] {
  return segmentsBy(inline, noteOf);
}

function segmentsBy<A extends NoteAttrs>(
  inline: readonly SynthesisNode[],
  pick: (node: SynthesisNode) => A | null,
): InlineSegment<A>[] {
  const segments: InlineSegment<A>[] = [];
  let current: InlineSegment<A> | null = null;
  let currentKey: string | null = null;
  for (const node of inline) {
    const citation = pick(node);
    const key = citation ? citationKey(citation) : null;
    if (!current || key !== currentKey) {
      current = { nodes: [], citation };
      currentKey = key;
      segments.push(current);
    }
    current.nodes.push(node);
  }
  return segments;
}

/**
 * Notes are per quote, not per run: the same citation attributes everywhere
 * give one note, referenced from each of its runs. Keys sort the attributes so
 * that the order they were stored in does not split a note.
 */
export function citationKey(attrs: NoteAttrs): string {
  return stableJson(attrs);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export interface CitationNote<A extends NoteAttrs = CitationAttrs> {
  /** 1, 2, ... in order of first reference. */
  number: number;
  attrs: A;
}

/** Numbers notes in reading order and remembers which contributions were cited, first citation first. */
export class CitationRegister<A extends NoteAttrs = CitationAttrs> {
  readonly notes: CitationNote<A>[] = [];
  private readonly byKey = new Map<string, CitationNote<A>>();
  private readonly contributions = new Map<string, CitedContribution>();

  cite(attrs: A): CitationNote<A> {
    const key = citationKey(attrs);
    let note = this.byKey.get(key);
    if (!note) {
      note = { number: this.notes.length + 1, attrs };
      this.notes.push(note);
      this.byKey.set(key, note);
    }
    // A synthesis or a document quoted is named in its note; the list is of the consultation's contributions.
    if (isCitation(attrs) && !this.contributions.has(attrs.contributionId)) {
      this.contributions.set(attrs.contributionId, {
        contributionId: attrs.contributionId,
        authorName: attrs.authorName,
        authorKind: attrs.authorKind,
        originalLanguage: attrs.originalLanguage,
        questionCode: attrs.questionCode,
      });
    }
    return note;
  }

  citedContributions(): CitedContribution[] {
    return [...this.contributions.values()];
  }
}

/** The level for the list of cited contributions: that of the document's top headings, so it sits beside them. */
export function topHeadingLevel(doc: SynthesisDoc, fallback: number): number {
  let top = Infinity;
  const visit = (nodes: readonly SynthesisNode[] | undefined) => {
    for (const node of nodes ?? []) {
      if (node.type === 'heading') top = Math.min(top, headingLevel(node));
      else visit(node.content);
    }
  };
  visit(doc.content);
  return Number.isFinite(top) ? top : fallback;
}

export function headingLevel(node: SynthesisNode): number {
  const level = Number(node.attrs?.level);
  return Number.isInteger(level) ? Math.min(6, Math.max(1, level)) : 1;
}
