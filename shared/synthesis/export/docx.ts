import {
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  ShadingType,
  Tab,
  TextRun,
  type ILevelsOptions,
  type IParagraphOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { textDirection, type Lang } from '../../languages.js';
import { escapeXmlText, xmlSafe } from '../../export/xml.js';
import type { SynthesisNode } from '../document.js';
import {
  CitationRegister,
  citationSegments,
  headingLevel,
  inlineLeaves,
  noteSegments,
  topHeadingLevel,
  type InlineSegment,
  type NoteAttrs,
  type SynthesisExportInput,
} from './citations.js';
import type { CitationAttrs } from '../document.js';
import { noteText } from './synthesis-quote-labels.js';
import { citedContributionText, formatAuthors, formatDate, parseExportDate, SYNTHESIS_LABELS } from './labels.js';

/**
 * A synthesis as a Word document for the proceedings (the `docx` library,
 * which runs in the browser and in Node alike): title, rapporteurs and date,
 * the body with Word's own heading and list styles, every run of quoted words
 * followed by a real footnote (one per quote, however many runs refer to it)
 * saying where the words come from and, for a machine translation, that it is
 * one and what the original says; then the list of cited contributions.
 *
 * Language and direction. The document's default language is the
 * synthesis's (w:lang, with w:eastAsia for Chinese and Korean and w:bidi for
 * Arabic). An Arabic synthesis has right-to-left paragraphs (w:bidi), notes
 * and list included; in any document, Arabic words are right-to-left runs
 * (w:rtl) and Latin words are not, which keeps a French quote or a
 * contribution id inside Arabic text in reading order (`directionRuns`).
 *
 * Equal input gives equal bytes: the date is the caller's (document
 * properties, zip entries), and the random ids the library gives hyperlink
 * relationships are renumbered in reading order.
 */
export async function synthesisToDocx(input: SynthesisExportInput): Promise<Uint8Array> {
  const date = parseExportDate(input.date);
  const writer = new DocxWriter<NoteAttrs>(input.language, noteSegments);
  const body = writer.blocks(input.doc.content, { quoteDepth: 0, list: null });
  const labels = SYNTHESIS_LABELS[input.language];
  const withdrawn = new Set(input.withdrawn ?? []);

  const front = [writer.paragraph(writer.runs(input.title), { heading: HeadingLevel.TITLE })];
  if (input.authors && input.authors.length > 0) {
    front.push(writer.paragraph(writer.runs(formatAuthors(input.authors, input.language))));
  }
  front.push(writer.paragraph(writer.runs(formatDate(input.date, input.language))));

  const cited = writer.register.citedContributions();
  const back: Paragraph[] = [];
  if (cited.length > 0) {
    const level = HEADINGS[topHeadingLevel(input.doc, 1) - 1]!;
    back.push(writer.paragraph(writer.runs(labels.citedContributions), { heading: level }));
    const numbering = writer.orderedNumbering(1, 0);
    for (const c of cited) {
      back.push(
        writer.paragraph(
          writer.runs(citedContributionText(c, input.language, withdrawn.has(c.contributionId))),
          listIndent(numbering, 0),
        ),
      );
    }
  }

  const footnotes: Record<string, { children: Paragraph[] }> = {};
  for (const note of writer.register.notes) {
    footnotes[String(note.number)] = {
      children: [
        writer.paragraph(writer.runs(noteText(note.attrs, input.language, withdrawn)), { style: 'FootnoteText' }),
      ],
    };
  }

  const tag = LANGUAGE_TAGS[input.language];
  const document = new Document({
    title: input.title,
    creator: (input.authors ?? []).join(', '),
    styles: {
      default: {
        document: {
          run: {
            language: {
              value: tag,
              ...(input.language === 'zh' || input.language === 'ko' ? { eastAsia: tag } : {}),
              ...(input.language === 'ar' ? { bidirectional: tag } : {}),
            },
          },
        },
      },
      paragraphStyles: [
        {
          id: 'Quote',
          name: 'Quote',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          paragraph: { indent: { start: INDENT, end: INDENT } },
        },
      ],
    },
    numbering: { config: writer.numberingConfig() },
    footnotes,
    sections: [{ children: [...front, ...body, ...back] }],
  });
  const packed = await Packer.pack(document, 'uint8array');
  return reproducible(packed, input, date);
}

/** Word's locale for each language, as Word itself writes it (Portuguese as the app's pt locale words it: Brazilian). */
export const LANGUAGE_TAGS: Readonly<Record<Lang, string>> = {
  de: 'de-DE',
  en: 'en-GB',
  ar: 'ar-SA',
  zh: 'zh-CN',
  ko: 'ko-KR',
  es: 'es-ES',
  fr: 'fr-FR',
  it: 'it-IT',
  pt: 'pt-BR',
  ru: 'ru-RU',
};

export const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

/** Twips (1/1440 in): half an inch per level of quote or list. */
const INDENT = 720;
const HANGING = 360;
const CODE_FONT = 'Courier New';
const BULLETS = ['•', '◦', '▪'];

export interface ListNumbering {
  reference: string;
  instance?: number;
  level: number;
}

interface BlockContext {
  quoteDepth: number;
  /** The list the current item belongs to; null outside lists. */
  list: ListNumbering | null;
}

export function listIndent(numbering: ListNumbering, quoteDepth: number): IParagraphOptions {
  return {
    numbering,
    indent: { start: INDENT * (quoteDepth + numbering.level + 1), hanging: HANGING },
  };
}

/** Also writes the proceedings' Word file (shared/export/proceedings/docx.ts): one register numbers every note of the book. */
export class DocxWriter<A extends NoteAttrs = CitationAttrs> {
  readonly register = new CitationRegister<A>();
  private readonly rtl: boolean;
  private readonly orderedStarts = new Set<number>();
  private instances = 0;

  /**
   * `segments` says which quotes get a note: contributions' citations by default (the proceedings);
   * a synthesis's own export also notes its quotes of earlier syntheses (noteSegments).
   */
  constructor(
    language: Lang,
    private readonly segments: (inline: readonly SynthesisNode[]) => InlineSegment<A>[] = citationSegments as never,
  ) {
    this.rtl = textDirection(language) === 'rtl';
  }

  paragraph(children: ParagraphChild[], options: IParagraphOptions = {}): Paragraph {
    return new Paragraph({ ...(this.rtl ? { bidirectional: true } : {}), ...options, children });
  }

  blocks(nodes: readonly SynthesisNode[] | undefined, context: BlockContext): Paragraph[] {
    return (nodes ?? []).flatMap((node) => this.block(node, context));
  }

  private block(node: SynthesisNode, context: BlockContext): Paragraph[] {
    switch (node.type) {
      case 'paragraph':
        return [this.paragraph(this.inline(node.content ?? []), this.placement(context))];
      case 'heading':
        return [
          this.paragraph(this.inline(node.content ?? []), {
            ...this.placement(context, false),
            heading: HEADINGS[headingLevel(node) - 1]!,
          }),
        ];
      case 'blockquote':
        return this.blocks(node.content, { ...context, quoteDepth: context.quoteDepth + 1 });
      case 'bulletList':
      case 'orderedList':
        return this.list(node, context);
      case 'codeBlock':
        return [this.codeBlock(node, context)];
      case 'horizontalRule':
        return [this.paragraph([], { ...this.placement(context), thematicBreak: true })];
      default: {
        // Another extension's node: its words are kept, in paragraphs.
        const children = node.content ?? [];
        if (children.length > 0 && children.every((c) => c.type === 'text' || c.type === 'hardBreak')) {
          return [this.paragraph(this.inline(children), this.placement(context))];
        }
        if (children.length > 0) return this.blocks(children, context);
        return node.text ? [this.paragraph(this.runs(node.text), this.placement(context))] : [];
      }
    }
  }

  /**
   * Indentation for a block that is not a list item's first paragraph: under
   * its quote and list item. A paragraph has one style: a heading keeps its own.
   */
  private placement(context: BlockContext, quoteStyle = true): IParagraphOptions {
    const levels = context.quoteDepth + (context.list ? context.list.level + 1 : 0);
    if (levels === 0) return {};
    return {
      ...(quoteStyle && context.list === null ? { style: 'Quote' } : {}),
      indent: { start: INDENT * levels, ...(context.quoteDepth > 0 ? { end: INDENT } : {}) },
    };
  }

  private list(node: SynthesisNode, context: BlockContext): Paragraph[] {
    const level = context.list ? Math.min(8, context.list.level + 1) : 0;
    const numbering =
      node.type === 'bulletList'
        ? { reference: 'bullets', level }
        : this.orderedNumbering(Number(node.attrs?.start ?? 1), level);
    return (node.content ?? []).flatMap((item) => {
      const [first, ...rest] = item.content ?? [];
      const inner: BlockContext = { ...context, list: numbering };
      const head =
        first?.type === 'paragraph'
          ? [this.paragraph(this.inline(first.content ?? []), listIndent(numbering, context.quoteDepth))]
          : // An item that does not start with a paragraph still gets its number, on an empty line.
            [this.paragraph([], listIndent(numbering, context.quoteDepth)), ...(first ? this.block(first, inner) : [])];
      return [...head, ...this.blocks(rest, inner)];
    });
  }

  /** Each ordered list counts from its own start: its own numbering instance. */
  orderedNumbering(start: number, level: number): ListNumbering {
    const from = Number.isInteger(start) && start >= 0 ? start : 1;
    this.orderedStarts.add(from);
    this.instances += 1;
    return { reference: `ordered-${from}`, instance: this.instances, level };
  }

  numberingConfig(): Array<{ reference: string; levels: ILevelsOptions[] }> {
    const levels = (format: (level: number) => Omit<ILevelsOptions, 'level'>) =>
      Array.from({ length: 9 }, (_, level) => ({
        level,
        ...format(level),
        style: { paragraph: { indent: { start: INDENT * (level + 1), hanging: HANGING } } },
      }));
    return [
      { reference: 'bullets', levels: levels((l) => ({ format: LevelFormat.BULLET, text: BULLETS[l % 3]! })) },
      ...[...this.orderedStarts].map((start) => ({
        reference: `ordered-${start}`,
        levels: levels((l) => ({ format: LevelFormat.DECIMAL, text: `%${l + 1}.`, start })),
      })),
    ];
  }

  private codeBlock(node: SynthesisNode, context: BlockContext): Paragraph {
    const text = (node.content ?? []).map((n) => n.text ?? '').join('');
    return new Paragraph({
      ...this.placement(context, false),
      // Code reads left to right, even in an Arabic document.
      shading: { type: ShadingType.CLEAR, fill: 'F2F2F2', color: 'auto' },
      children: textRuns(text, { font: CODE_FONT }),
    });
  }

  /** Inline content: formatted runs, links, and a footnote reference after each run of quoted words. */
  private inline(nodes: readonly SynthesisNode[]): ParagraphChild[] {
    const children: ParagraphChild[] = [];
    for (const segment of this.segments(inlineLeaves(nodes))) {
      const pieces = segment.nodes.map((node) => {
        const href = linkOf(node);
        const runs =
          node.type === 'hardBreak'
            ? [new TextRun({ break: 1 })]
            : this.runs(node.text ?? '', { ...runFormat(node), ...(href !== null ? { style: 'Hyperlink' } : {}) });
        return { href, runs };
      });
      // Neighbouring pieces of one link are one hyperlink.
      for (let i = 0; i < pieces.length;) {
        const { href } = pieces[i]!;
        if (href === null) {
          children.push(...pieces[i]!.runs);
          i += 1;
          continue;
        }
        const runs: TextRun[] = [];
        for (; i < pieces.length && pieces[i]!.href === href; i += 1) runs.push(...pieces[i]!.runs);
        children.push(new ExternalHyperlink({ link: href, children: runs }));
      }
      if (segment.citation) children.push(new FootnoteReferenceRun(this.register.cite(segment.citation).number));
    }
    return children;
  }

  /** Text as runs cut by direction (see the module's comment). */
  runs(text: string, format: IRunOptions = {}): TextRun[] {
    return directionRuns(text).flatMap((piece) =>
      textRuns(piece.text, piece.rtl ? { ...format, rightToLeft: true } : format),
    );
  }
}

function linkOf(node: SynthesisNode): string | null {
  const mark = node.marks?.find((m) => m.type === 'link');
  const href = mark && 'attrs' in mark ? (mark.attrs as { href?: unknown }).href : undefined;
  return typeof href === 'string' && href !== '' ? hyperlinkTarget(href) : null;
}

/**
 * A relationship target must be a URI: Word calls a file with a space or a
 * raw "é" in one unreadable. Those characters are %-encoded as UTF-8; what is
 * already a URI is left as it is.
 */
export function hyperlinkTarget(href: string): string {
  return [...href]
    .map((c) => {
      if (/^[!#$%&'()*+,\-./0-9:;=?@A-Z[\]_a-z~]$/.test(c)) return c;
      const point = c.codePointAt(0)!;
      // A lone surrogate has no UTF-8 form.
      if (point >= 0xd800 && point <= 0xdfff) return '%EF%BF%BD';
      return encodeURIComponent(c);
    })
    .join('');
}

function runFormat(node: SynthesisNode): IRunOptions {
  const format: { -readonly [K in keyof IRunOptions]: IRunOptions[K] } = {};
  for (const mark of node.marks ?? []) {
    const type: string = mark.type;
    if (type === 'bold') format.bold = true;
    else if (type === 'italic') format.italics = true;
    else if (type === 'strike') format.strike = true;
    else if (type === 'underline') format.underline = {};
    else if (type === 'code') format.font = CODE_FONT;
  }
  return format;
}

/** A line break in a text node is a break in Word, a tab a tab; characters XML cannot hold become U+FFFD. */
function textRuns(text: string, format: IRunOptions): TextRun[] {
  const runs: TextRun[] = [];
  xmlSafe(text)
    .split('\n')
    .forEach((line, i) => {
      const parts = line.split('\t');
      const children = parts.flatMap((part, j) =>
        j === 0 ? (part ? [part] : []) : [new Tab(), ...(part ? [part] : [])],
      );
      if (i === 0 && children.length === 0) return;
      runs.push(new TextRun({ ...format, ...(i > 0 ? { break: 1 } : {}), children }));
    });
  return runs;
}

// ---- Direction ----

const RTL_CHAR = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const LTR_LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/**
 * Cuts text into runs that are right-to-left (w:rtl: Word then treats their
 * spaces and punctuation as right-to-left, and formats them with the complex
 * script properties) and runs left to Word's bidirectional algorithm. A
 * right-to-left run goes from a right-to-left letter to the last such letter
 * or digit before the next left-to-right letter; the spaces, brackets and
 * quotation marks between an Arabic and a Latin word stay unmarked, so that
 * "(fr)" or « la souveraineté » inside Arabic text are laid out as the
 * Unicode algorithm says, in Word as in any other reader.
 */
export function directionRuns(text: string): Array<{ text: string; rtl: boolean }> {
  const chars = [...text];
  const kinds = chars.map((c) => (RTL_CHAR.test(c) ? 'R' : LTR_LETTER.test(c) ? 'L' : DIGIT.test(c) ? 'D' : 'N'));
  const rtl = chars.map(() => false);
  for (let i = 0; i < chars.length;) {
    if (kinds[i] !== 'R') {
      i += 1;
      continue;
    }
    let end = i;
    let j = i;
    for (; j < chars.length && kinds[j] !== 'L'; j += 1) if (kinds[j] !== 'N') end = j;
    for (let k = i; k <= end; k += 1) rtl[k] = true;
    i = j;
  }
  const runs: Array<{ text: string; rtl: boolean }> = [];
  chars.forEach((c, i) => {
    const last = runs[runs.length - 1];
    if (last && last.rtl === rtl[i]) last.text += c;
    else runs.push({ text: c, rtl: rtl[i]! });
  });
  return runs;
}

// ---- Reproducible package ----

/** What the document properties say. */
export type DocxMeta = Pick<SynthesisExportInput, 'title' | 'authors' | 'language'>;

/**
 * The library stamps the document with the clock (document properties, zip
 * entries) and gives hyperlink relationships random ids: the properties are
 * rewritten with the export's date and the ids renumbered, so that exporting
 * the same synthesis twice gives the same file.
 */
export function reproducible(packed: Uint8Array, input: DocxMeta, date: Date): Uint8Array {
  const files = unzipSync(packed);
  files['docProps/core.xml'] = strToU8(coreProperties(input, date));
  for (const path of Object.keys(files)) {
    const rels = /^(.*)_rels\/([^/]+)\.rels$/.exec(path);
    const part = rels ? `${rels[1]}${rels[2]}` : null;
    if (!part || !files[part]) continue;
    let relsXml = strFromU8(files[path]!);
    let partXml = strFromU8(files[part]);
    const random = [...relsXml.matchAll(/ Id="([^"]+)"/g)].map((m) => m[1]!).filter((id) => !/^rId\d+$/.test(id));
    random.forEach((id, i) => {
      relsXml = relsXml.replaceAll(`"${id}"`, `"rIdLink${i + 1}"`);
      partXml = partXml.replaceAll(`"${id}"`, `"rIdLink${i + 1}"`);
    });
    if (random.length > 0) {
      files[path] = strToU8(relsXml);
      files[part] = strToU8(partXml);
    }
  }
  // Zip times cannot be before 1980.
  const mtime = new Date(Math.max(date.getTime(), Date.UTC(1980, 0, 2)));
  return zipSync(files, { level: 6, mtime });
}

function coreProperties(input: DocxMeta, date: Date): string {
  const when = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const creator = (input.authors ?? []).join(', ');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"' +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXmlText(input.title)}</dc:title>` +
    `<dc:creator>${escapeXmlText(creator)}</dc:creator>` +
    `<dc:language>${LANGUAGE_TAGS[input.language]}</dc:language>` +
    `<cp:lastModifiedBy>${escapeXmlText(creator)}</cp:lastModifiedBy>` +
    '<cp:revision>1</cp:revision>' +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}
