import type { Lang } from '../languages.js';
import type { AuthorKind, TextOrigin } from '../model/entities.js';
import type { MaterialQuoteAttrs } from './material-quote.js';
import type { SynthesisQuoteAttrs } from './synthesis-quote.js';

/**
 * A synthesis document as the editor (TipTap / ProseMirror) stores it in its
 * CRDT and as the exports read it: ProseMirror's JSON of the StarterKit nodes
 * (doc, paragraph, heading, bulletList, orderedList, listItem, blockquote,
 * hardBreak, horizontalRule, text with the marks bold, italic, code, link)
 * plus marks of ours: `citation` on the words that cite a contribution's
 * passage, `synthesisQuote` on words quoted from an earlier event's synthesis,
 * `materialQuote` on words quoted from a briefing document's page.
 */
export interface SynthesisNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: SynthesisNode[];
  text?: string;
  marks?: SynthesisMark[];
}

export type SynthesisMark =
  | { type: 'bold' | 'italic' | 'code' | 'strike' }
  | { type: 'link'; attrs: { href: string } }
  | { type: 'citation'; attrs: CitationAttrs }
  /** A quote from an earlier event's synthesis (synthesis-quote.ts). */
  | { type: 'synthesisQuote'; attrs: SynthesisQuoteAttrs }
  /** A quote from a PDF material's page (material-quote.ts). */
  | { type: 'materialQuote'; attrs: MaterialQuoteAttrs };

/**
 * Where a quote comes from, carried on the quoted words: enough to cite it in
 * the proceedings, to open the passage again, and to tell whether its source
 * changed since. A quote from a machine translation says so and keeps the
 * original's wording of the same passage.
 */
export interface CitationAttrs {
  /** Stable within the document: the same id on every piece of one quote. */
  citationId: string;
  contributionId: string;
  /** The annotation the quote was inserted from, when it was (opens the passage at its highlight). */
  annotationId: string | null;
  authorName: string;
  authorKind: AuthorKind;
  /** The language version quoted, and what it is. */
  language: Lang;
  origin: TextOrigin;
  /** The machine-translation engine, when origin is 'machine'. */
  engine: string | null;
  /** The contribution's original language, and the passage in it when the quote is a translation. */
  originalLanguage: Lang;
  originalText: string | null;
  /** The quoted text's hash and the original's version when quoted: a later change is flagged. */
  textHash: string;
  sourceVersion: number;
  /** The question the contribution answers (its code, e.g. "I.ii"). */
  questionCode: string;
  /**
   * When the quoted contribution answers another (a forum thread): which, and
   * its author when known then, so the note says "in answer to …". Absent
   * otherwise (quotes made before threads keep their attributes as they were).
   */
  inAnswerTo?: { contributionId: string; authorName: string | null };
}

/** The document's root as TipTap's `getJSON()` gives it. */
export interface SynthesisDoc {
  type: 'doc';
  content: SynthesisNode[];
}

/** The Yjs names inside a synthesis's Y.Doc: the rich text (TipTap's Collaboration field) and the summary grid. */
export const SYNTHESIS_FIELD = 'default';
export const GRID_MAP = 'grid';
