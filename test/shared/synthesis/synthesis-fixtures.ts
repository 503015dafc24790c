import { createRequire } from 'node:module';
import { strFromU8, unzipSync } from 'fflate';
import type { CitationAttrs, SynthesisDoc, SynthesisMark, SynthesisNode } from '../../../shared/synthesis/document.js';
import type { SynthesisExportInput } from '../../../shared/synthesis/export/citations.js';

/**
 * A synthesis as the editor stores it (TipTap's getJSON shape; links as
 * document.ts types them), made to catch what an export can get wrong: a quote
 * from a machine translation with the original's wording, inside a block
 * quote and cut in two by a bold word; the same quote cited again elsewhere;
 * a second quote from the same contribution; a quote from an original text;
 * Markdown's special characters in the text, in a note and in an author's
 * name; edge spaces in marks; Arabic and Chinese words.
 */

/** Quoted from a machine translation into English of a French original. */
export const MACHINE_QUOTE: CitationAttrs = {
  citationId: 'cit-1',
  contributionId: 'c-1042',
  annotationId: 'a-7',
  authorName: 'Dr. Amélie *Durand* [chair]',
  authorKind: 'legal-expert',
  language: 'en',
  origin: 'machine',
  engine: 'systran',
  originalLanguage: 'fr',
  originalText: 'La souveraineté numérique -- « exige » des règles communes <et> des `normes` #1.',
  textHash: 'sha256:0f1e',
  sourceVersion: 2,
  questionCode: 'I.ii',
};

/** A second quote from the same contribution: its own note, the same entry in the list of cited contributions. */
export const SAME_CONTRIBUTION_QUOTE: CitationAttrs = {
  ...MACHINE_QUOTE,
  citationId: 'cit-2',
  annotationId: null,
  originalText: 'Le droit international s’applique.',
  textHash: 'sha256:77aa',
};

/** Quoted from an original (Chinese) text. */
export const ORIGINAL_QUOTE: CitationAttrs = {
  citationId: 'cit-3',
  contributionId: 'c-2001',
  annotationId: 'a-9',
  authorName: '网络安全协会',
  authorKind: 'ngo',
  language: 'zh',
  origin: 'original',
  engine: null,
  originalLanguage: 'zh',
  originalText: null,
  textHash: 'sha256:3c3c',
  sourceVersion: 1,
  questionCode: 'II.i',
};

/** Quoted from a human translation into French of an Arabic original. */
export const HUMAN_QUOTE: CitationAttrs = {
  citationId: 'cit-4',
  contributionId: 'c-3003',
  annotationId: null,
  authorName: 'Institut d’études',
  authorKind: 'institution',
  language: 'fr',
  origin: 'human',
  engine: null,
  originalLanguage: 'ar',
  originalText: 'السيادة الرقمية تتطلب قواعد مشتركة',
  textHash: 'sha256:9d9d',
  sourceVersion: 3,
  questionCode: 'I.ii',
};

export const text = (value: string, ...marks: SynthesisMark[]): SynthesisNode =>
  marks.length > 0 ? { type: 'text', text: value, marks } : { type: 'text', text: value };
export const cite = (attrs: CitationAttrs): SynthesisMark => ({ type: 'citation', attrs });
export const bold: SynthesisMark = { type: 'bold' };
export const italic: SynthesisMark = { type: 'italic' };
export const code: SynthesisMark = { type: 'code' };
export const strike: SynthesisMark = { type: 'strike' };
export const link = (href: string): SynthesisMark => ({ type: 'link', attrs: { href } });
export const paragraph = (...content: SynthesisNode[]): SynthesisNode =>
  content.length > 0 ? { type: 'paragraph', content } : { type: 'paragraph' };
export const heading = (level: number, ...content: SynthesisNode[]): SynthesisNode => ({
  type: 'heading',
  attrs: { level },
  content,
});
export const item = (...content: SynthesisNode[]): SynthesisNode => ({ type: 'listItem', content });
export const bulletList = (...items: SynthesisNode[]): SynthesisNode => ({ type: 'bulletList', content: items });
export const orderedList = (start: number, ...items: SynthesisNode[]): SynthesisNode => ({
  type: 'orderedList',
  attrs: { start, type: null },
  content: items,
});
export const blockquote = (...content: SynthesisNode[]): SynthesisNode => ({ type: 'blockquote', content });
export const hardBreak: SynthesisNode = { type: 'hardBreak' };

export const QUOTE_FIRST_PART = 'digital sovereignty requires ';
export const QUOTE_BOLD_PART = 'common';
export const QUOTE_LAST_PART = ' rules';
export const SPECIAL = 'Stars *a* _b_ [link](x) #1 <b>tag</b> `code` a\\b & &amp; ~~s~~ | pipe > gt 100% !';

export const fixtureDoc: SynthesisDoc = {
  type: 'doc',
  content: [
    heading(1, text('Synthèse de la question I.ii')),
    paragraph(
      text('Les experts estiment que '),
      text('la coopération', bold),
      text(' et la '),
      text('confiance', italic),
      text(' sont nécessaires ; voir '),
      text('le rapport', link('https://example.org/report?a=1&b=(2)')),
      text(', la commande '),
      text('npm run bench', code),
      text(' et une '),
      text('idée abandonnée', strike),
      text('.'),
    ),
    heading(2, text('Citations')),
    blockquote(
      paragraph(
        text(QUOTE_FIRST_PART, cite(MACHINE_QUOTE)),
        text(QUOTE_BOLD_PART, bold, cite(MACHINE_QUOTE)),
        text(QUOTE_LAST_PART, cite(MACHINE_QUOTE)),
      ),
    ),
    paragraph(
      text('Le même passage revient : '),
      text('digital sovereignty', italic, cite(MACHINE_QUOTE)),
      text(', puis '),
      text('international law applies', cite(SAME_CONTRIBUTION_QUOTE)),
      text(' ; en chinois, '),
      text('网络主权需要共同规则', cite(ORIGINAL_QUOTE)),
      text(' ; traduit de l’arabe : '),
      text('la souveraineté numérique', cite(HUMAN_QUOTE)),
      text('.'),
    ),
    heading(3, text('Points #2 & <3>')),
    bulletList(
      item(
        paragraph(text('Premier point')),
        orderedList(3, item(paragraph(text('trois'))), item(paragraph(text('quatre')))),
      ),
      item(paragraph(text('- pas une liste'), hardBreak, text('# pas un titre'))),
      item(paragraph(text(' gras avec espaces ', bold), text('fin'))),
    ),
    orderedList(1, item(paragraph(text('un'))), item(paragraph(text('deux')))),
    paragraph(text(SPECIAL)),
    paragraph(),
    paragraph(text('Arabe : السيادة الرقمية, et ligne'), hardBreak, text('   indentée')),
  ],
};

export const fixtureInput: SynthesisExportInput = {
  title: 'Synthèse I.ii — gouvernance',
  language: 'fr',
  doc: fixtureDoc,
  authors: ['Claire Martin', 'Kim Min-jun'],
  date: '2017-02-02',
};

/** The same synthesis written in Arabic. */
export const arabicInput: SynthesisExportInput = {
  title: 'خلاصة السؤال I.ii',
  language: 'ar',
  authors: ['ليلى حداد'],
  date: '2017-02-02',
  doc: {
    type: 'doc',
    content: [
      heading(1, text('الحوكمة والتنظيم')),
      paragraph(
        text('يرى الخبراء أن '),
        text('السيادة الرقمية', bold),
        text(' كما ورد: '),
        text('digital sovereignty requires common rules', cite(MACHINE_QUOTE)),
        text('.'),
      ),
      bulletList(item(paragraph(text('نقطة أولى'))), item(paragraph(text('نقطة ثانية')))),
    ],
  },
};

// ---- Reading a .docx in tests ----

interface JsdomModule {
  JSDOM: new () => { window: { DOMParser: new () => DOMParser } };
}

const { JSDOM } = createRequire(import.meta.url)('jsdom') as JsdomModule;
const parser = new new JSDOM().window.DOMParser();

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

export function readDocx(bytes: Uint8Array): { files: Record<string, Uint8Array>; xml: (path: string) => Document } {
  const files = unzipSync(bytes);
  return {
    files,
    xml(path) {
      const file = files[path];
      if (!file) throw new Error(`${path} is not in the package`);
      const doc = parser.parseFromString(strFromU8(file), 'application/xml');
      const error = doc.getElementsByTagName('parsererror')[0];
      if (error) throw new Error(`${path} is not well-formed: ${error.textContent}`);
      return doc;
    },
  };
}

export const wElements = (node: Document | Element, name: string): Element[] => [
  ...node.getElementsByTagNameNS(W_NS, name),
];

/** A paragraph's or footnote's text as Word shows it: its w:t, tabs as \t, breaks as \n. */
export function wText(node: Element): string {
  let out = '';
  const walk = (el: Element) => {
    for (const child of el.children) {
      if (child.namespaceURI === W_NS && (child.localName === 'pPr' || child.localName === 'rPr')) continue;
      if (child.namespaceURI === W_NS && child.localName === 't') out += child.textContent ?? '';
      else if (child.namespaceURI === W_NS && child.localName === 'tab') out += '\t';
      else if (child.namespaceURI === W_NS && child.localName === 'br') out += '\n';
      else walk(child);
    }
  };
  walk(node);
  return out;
}
