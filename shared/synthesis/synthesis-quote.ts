import { hashText } from '../anchoring/hash-text.js';
import type { Lang, LocalizedText } from '../languages.js';
import type { SynthesisNode } from './document.js';

/**
 * A quote from an earlier event's synthesis (issue 18, "carry work forward"),
 * carried on the quoted words as the `synthesisQuote` mark, as a contribution
 * quote carries its `citation`: which event, question and synthesis it comes
 * from, the version of the passage quoted, and a text-quote anchor (the words,
 * what comes before and after them, and where they were) to open the passage
 * again and to notice that it changed since.
 */
export interface SynthesisQuoteAttrs {
  /** Stable within the document: the same id on every piece of one quote. */
  quoteId: string;
  eventId: string;
  /** The event's title as known when quoted (every language it had), and its dates. */
  eventTitle: LocalizedText;
  eventStartsOn: string;
  eventEndsOn: string;
  synthesisId: string;
  synthesisTitle: string;
  synthesisLanguage: Lang;
  /** Who started the synthesis (its rapporteur's name). */
  rapporteur: string;
  /** The question the synthesis is about (its code, e.g. "I.ii"). */
  questionCode: string;
  /** The anchor: block index among the synthesis's text blocks, offsets in it, the words and their context. */
  block: number;
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  /** The version quoted: the hash of the quoted block's text then, and the day it was quoted (ISO date). */
  blockHash: string;
  quotedOn: string;
}

/** The synthesis quoted, as the quoting rapporteur's device holds it. */
export interface QuotedSynthesis {
  eventId: string;
  eventTitle: LocalizedText;
  eventStartsOn: string;
  eventEndsOn: string;
  synthesisId: string;
  synthesisTitle: string;
  synthesisLanguage: Lang;
  rapporteur: string;
  questionCode: string;
}

const CONTEXT = 32;

/** The attributes of a quote of `blocks[block]` from `start` to `end` (the whole block by default). */
export function synthesisQuoteFor(
  source: QuotedSynthesis,
  blocks: readonly string[],
  block: number,
  quoteId: string,
  quotedOn: string,
  range?: { start: number; end: number },
): SynthesisQuoteAttrs {
  const text = blocks[block];
  if (text === undefined) throw new RangeError(`no block ${block} in synthesis ${source.synthesisId}`);
  const start = Math.max(0, Math.min(range?.start ?? 0, text.length));
  const end = Math.max(start, Math.min(range?.end ?? text.length, text.length));
  return {
    quoteId,
    ...source,
    block,
    start,
    end,
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT), start),
    suffix: text.slice(end, end + CONTEXT),
    blockHash: hashText(text),
    quotedOn,
  };
}

/** The quote as a block of the synthesis: the passage, its words carrying where they come from. */
export function synthesisQuoteBlock(attrs: SynthesisQuoteAttrs): SynthesisNode {
  return {
    type: 'blockquote',
    content: [
      {
        type: 'paragraph',
        content: [{ type: 'text', text: attrs.exact, marks: [{ type: 'synthesisQuote', attrs }] }],
      },
    ],
  };
}

export interface PassagePlace {
  block: number;
  start: number;
  end: number;
}

export type SynthesisQuoteState = 'current' | 'changed' | 'missing';

/**
 * Where the quoted words are in the synthesis's text now: at their place when
 * that block is unchanged; else the occurrence whose context agrees best
 * (the block quoted first, then the others); null when the words are gone.
 */
export function locatePassage(attrs: SynthesisQuoteAttrs, blocks: readonly string[]): PassagePlace | null {
  const same = blocks[attrs.block];
  if (same !== undefined && hashText(same) === attrs.blockHash && same.slice(attrs.start, attrs.end) === attrs.exact)
    return { block: attrs.block, start: attrs.start, end: attrs.end };
  if (attrs.exact === '') return null;
  let best: (PassagePlace & { score: number }) | null = null;
  const order = [attrs.block, ...blocks.keys()].filter((b, i, all) => b < blocks.length && all.indexOf(b) === i);
  for (const block of order) {
    const text = blocks[block]!;
    for (let at = text.indexOf(attrs.exact); at >= 0; at = text.indexOf(attrs.exact, at + 1)) {
      const score =
        (text.slice(0, at).endsWith(attrs.prefix) ? 2 : 0) +
        (text.slice(at + attrs.exact.length).startsWith(attrs.suffix) ? 2 : 0) +
        (block === attrs.block ? 1 : 0);
      if (!best || score > best.score) best = { block, start: at, end: at + attrs.exact.length, score };
    }
  }
  return best ? { block: best.block, start: best.start, end: best.end } : null;
}

/** Whether a quote still stands as quoted: its block unchanged (current), its words still there (changed) or not. */
export function synthesisQuoteState(
  attrs: SynthesisQuoteAttrs,
  blocks: readonly string[] | undefined,
): SynthesisQuoteState {
  if (!blocks) return 'missing';
  const same = blocks[attrs.block];
  if (same !== undefined && hashText(same) === attrs.blockHash) return 'current';
  return locatePassage(attrs, blocks) ? 'changed' : 'missing';
}

/** Every quote of an earlier synthesis in a document, once each, in order of first appearance. */
export function synthesisQuotesIn(
  node: SynthesisNode,
  found = new Map<string, SynthesisQuoteAttrs>(),
): SynthesisQuoteAttrs[] {
  for (const mark of node.marks ?? [])
    if (mark.type === 'synthesisQuote' && !found.has(mark.attrs.quoteId)) found.set(mark.attrs.quoteId, mark.attrs);
  for (const child of node.content ?? []) synthesisQuotesIn(child, found);
  return [...found.values()];
}

/**
 * The text of each block of a document (paragraph, heading, list item's
 * paragraph, quoted paragraph), in order, a hard break as a line break: the
 * same blocks as paragraphTexts gives from the Yjs document, so an anchor
 * taken on one is found on the other.
 */
export function blockTexts(node: SynthesisNode): string[] {
  const out: string[] = [];
  const walk = (n: SynthesisNode) => {
    const children = n.content ?? [];
    if (children.some((c) => c.type === 'text')) {
      out.push(children.map((c) => (c.type === 'text' ? (c.text ?? '') : c.type === 'hardBreak' ? '\n' : '')).join(''));
      return;
    }
    if (children.length === 0 && n.type === 'paragraph') out.push('');
    for (const child of children) walk(child);
  };
  walk(node);
  return out;
}
