import { pickLocalized, type Lang, type LocalizedText } from '../languages.js';
import type { PdfPassageTarget } from '../model/material-note.js';
import type { SynthesisNode } from './document.js';

/**
 * A quote from a briefing document (a PDF material, issue 21), carried on the
 * quoted words as the `materialQuote` mark, as a contribution quote carries
 * its `citation` and an earlier synthesis's quote its `synthesisQuote`: which
 * document (its title then, its file's hash), which page, and the words with
 * their context, as the PDF note they came from anchors them. Every export
 * gives its provenance as "document title, p. N".
 */
export interface MaterialQuoteAttrs {
  /** Stable within the document: the same id on every piece of one quote. */
  quoteId: string;
  materialId: string;
  /** The document's title as known when quoted (every language it had). */
  materialTitle: LocalizedText;
  /** The question the document belongs to, to open it there (null: an event's document). */
  questionId: string | null;
  /** The file quoted (its SHA-256): a later edition of the document may number its pages otherwise. */
  sha256: string;
  /** 1-based, as the reader and the note number pages. */
  page: number;
  exact: string;
  prefix: string;
  suffix: string;
  /** The PDF note it was inserted from, when it was. */
  noteId: string | null;
  /** The day it was quoted (ISO date). */
  quotedOn: string;
}

/** The attributes of a quote of a PDF note's passage. */
export function materialQuoteFor(
  material: { id: string; title: LocalizedText; owner: { kind: string; id: string } },
  target: PdfPassageTarget,
  ids: { quoteId: string; noteId: string | null },
  quotedOn: string,
): MaterialQuoteAttrs {
  return {
    quoteId: ids.quoteId,
    materialId: material.id,
    materialTitle: material.title,
    questionId: material.owner.kind === 'question' ? material.owner.id : null,
    sha256: target.sha256,
    page: target.page,
    exact: target.quote.exact,
    prefix: target.quote.prefix,
    suffix: target.quote.suffix,
    noteId: ids.noteId,
    quotedOn,
  };
}

/** The quote as a block of the synthesis: the passage, its words carrying where they come from. */
export function materialQuoteBlock(attrs: MaterialQuoteAttrs): SynthesisNode {
  return {
    type: 'blockquote',
    content: [
      {
        type: 'paragraph',
        content: [{ type: 'text', text: attrs.exact, marks: [{ type: 'materialQuote', attrs }] }],
      },
    ],
  };
}

/** "p. {n}" as a reader of each language cites a page. */
export const PAGE_LABELS: Readonly<Record<Lang, string>> = {
  de: 'S. {n}',
  en: 'p. {n}',
  ar: 'ص. {n}',
  zh: '第{n}页',
  ko: '{n}쪽',
  es: 'p. {n}',
  fr: 'p. {n}',
  it: 'p. {n}',
  pt: 'p. {n}',
  ru: 'с. {n}',
};

/** The document's title in `lang` (else the fallbacks of pickLocalized), else its id. */
export const materialTitleIn = (attrs: Pick<MaterialQuoteAttrs, 'materialTitle' | 'materialId'>, lang: Lang) =>
  pickLocalized(attrs.materialTitle, lang)?.text ?? attrs.materialId;

export const pageLabel = (page: number, lang: Lang) =>
  PAGE_LABELS[lang].replace('{n}', new Intl.NumberFormat(lang).format(page));

/** Every quote of a document in a synthesis, once each, in order of first appearance. */
export function materialQuotesIn(
  node: SynthesisNode,
  found = new Map<string, MaterialQuoteAttrs>(),
): MaterialQuoteAttrs[] {
  for (const mark of node.marks ?? [])
    if (mark.type === 'materialQuote' && !found.has(mark.attrs.quoteId)) found.set(mark.attrs.quoteId, mark.attrs);
  for (const child of node.content ?? []) materialQuotesIn(child, found);
  return [...found.values()];
}
