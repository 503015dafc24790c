import { strToU8, zlibSync } from 'fflate';
import { PDFArray, PDFDocument, PDFName, PDFNumber, PDFString, type PDFPage, type PDFRef } from 'pdf-lib';
import { textDirection } from '../../languages.js';
import type { SynthesisNode } from '../../synthesis/document.js';
import {
  CitationRegister,
  inlineLeaves,
  isMaterialQuote,
  proceedingsSegments,
  type ProceedingsNoteAttrs,
} from '../../synthesis/export/citations.js';
import { materialQuoteNoteText } from '../../synthesis/export/synthesis-quote-labels.js';
import { citationNoteText, formatAuthors, formatDate, SYNTHESIS_LABELS } from '../../synthesis/export/labels.js';
import { agendaOf, assembleBook, type Book, type BookPart, type BookText } from './book.js';
import { familyOrder, fileFor, LATIN_FAMILY, type FontFile, type FontSource } from './fonts.js';
import { backMatter, quotedVersionsText, safeHref, sourceEntryText } from './html.js';
import { parseProceedingsInput, type ProceedingsInput } from './input.js';
import { fill, formatDateRange, originText, PROCEEDINGS_LABELS } from './labels.js';
import { EmbeddedFont, woffToSfnt } from './pdf-fonts.js';
import { Typesetter, type Block, type Layout, type LinkTarget, type Span, type SpanStyle } from './pdf-layout.js';

/**
 * One edition as a PDF (pdf-lib, with fontkit for OpenType shaping): A4
 * pages, a title page, a table of contents with page numbers, the parts in
 * agenda order with their notes, then participants, the appendix of cited
 * contributions and the tag index. Every font is embedded and subset: the
 * Noto files holding the characters used (Latin, Arabic, Chinese, Korean,
 * regular and bold), so the file reads the same everywhere. Arabic is shaped
 * by the font (joining forms, ligatures) and laid out right to left with the
 * bidirectional algorithm (pdf-layout.ts); an Arabic edition's paragraphs
 * start at the right.
 *
 * Links: each quote's note number goes to its note, each note to its
 * contribution's entry in the appendix (contribution and version), each entry
 * back to the parts citing it; the contents go to the parts. The document's
 * language is set (/Lang) and its text can be extracted (ToUnicode maps).
 */
export async function proceedingsToPdf(value: ProceedingsInput, fonts: FontSource): Promise<Uint8Array> {
  const input = parseProceedingsInput(value);
  const book = assembleBook(input);
  const lang = book.language;
  const families = familyOrder(lang);

  const body = bodyBlocks(book);
  const title = titleBlocks(book);
  const contents = (numbers: boolean) => contentsBlocks(book, numbers);

  // Fonts: every file holding a character of the text, loaded before laying out (layout is synchronous).
  const pdf = await PDFDocument.create();
  const needed = new Map<string, FontFile>();
  const fallback = fileFor(0x41, fonts.files, [LATIN_FAMILY])!;
  const boldFallback = fileFor(0x41, fonts.files, [LATIN_FAMILY], 700) ?? fallback;
  needed.set(fallback.file, fallback);
  needed.set(boldFallback.file, boldFallback);
  const fileOf = new Map<string, FontFile>();
  const pick = (point: number, bold: boolean): FontFile => {
    const key = `${point}:${bold ? 1 : 0}`;
    let file = fileOf.get(key);
    if (!file) {
      file =
        fileFor(point, fonts.files, families, bold ? 700 : 400) ??
        fileFor(point, fonts.files, families, 400) ??
        (bold ? boldFallback : fallback);
      fileOf.set(key, file);
    }
    return file;
  };
  for (const block of [...title, ...contents(true), ...body])
    if (block.kind === 'paragraph')
      for (const span of block.spans)
        for (const char of `${span.text}${block.marker ?? ''}0123456789`) {
          const file = pick(char.codePointAt(0)!, !!span.style.bold);
          needed.set(file.file, file);
        }
  const embedded = new Map<string, { font: EmbeddedFont; ref: PDFRef }>();
  for (const file of [...needed.values()].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const name = `${file.family.replaceAll(' ', '')}-${file.weight}-${file.file.replace(/^.*?-(\d+|[a-z-]+)-\d+-normal$/, '$1')}`;
    embedded.set(file.file, {
      font: new EmbeddedFont(woffToSfnt(await fonts.load(file.file, 'woff')), name),
      ref: pdf.context.nextRef(),
    });
  }

  const measurer = {
    fontOf: (point: number, bold: boolean) => pick(point, bold).file,
    width: (font: string, text: string, size: number) => embedded.get(font)!.font.width(text, size),
  };

  // Title page, contents, body: the contents' length is known from a first pass without page numbers.
  const titleLayout = new Typesetter(measurer, GEOMETRY).layout(title);
  const draftContents = new Typesetter(measurer, GEOMETRY, () => '000').layout(contents(true));
  const bodyStart = titleLayout.pages.length + draftContents.pages.length;
  const bodyLayout = new Typesetter(measurer, GEOMETRY, undefined, bodyStart).layout(body);
  const pageNumber = (dest: string) => {
    const at = bodyLayout.dests.get(dest);
    return at ? String(at.page + 1) : '';
  };
  const contentsLayout = new Typesetter(measurer, GEOMETRY, pageNumber, titleLayout.pages.length).layout(
    contents(true),
  );
  const layouts: Layout[] = [titleLayout, contentsLayout, bodyLayout];
  const dests = new Map([...titleLayout.dests, ...contentsLayout.dests, ...bodyLayout.dests]);

  const pages: PDFPage[] = [];
  for (const layout of layouts)
    for (const laid of layout.pages) {
      const page = pdf.addPage([GEOMETRY.width, GEOMETRY.height]);
      pages.push(page);
      const painter = new TextPainter(pdf, page, embedded);
      for (const t of laid.texts) painter.draw(t.text, t.font, t.size, t.x, t.y, t.muted);
      painter.finish();
    }
  // Links and page numbers once every page exists (a link may point forward).
  let index = 0;
  for (const layout of layouts)
    for (const laid of layout.pages) {
      const page = pages[index]!;
      for (const link of laid.links) addLink(pdf, page, link.rect, link.target, dests, pages);
      if (index > 0) {
        const number = String(index + 1);
        const painter = new TextPainter(pdf, page, embedded);
        const w = embedded.get(fallback.file)!.font.width(number, 9);
        painter.draw(number, fallback.file, 9, (GEOMETRY.width - w) / 2, GEOMETRY.margin / 2, false);
        painter.finish();
      }
      index += 1;
    }

  for (const { font, ref } of embedded.values()) font.embed(pdf, ref);

  const date = new Date(`${input.edition.date}T00:00:00Z`);
  pdf.setTitle(input.titlePage.title, { showInWindowTitleBar: true });
  pdf.setLanguage(lang);
  pdf.setAuthor(formatAuthors([...new Set(book.parts.flatMap((p) => p.texts.flatMap((t) => t.authors)))], lang));
  pdf.setSubject(input.event.title);
  pdf.setCreator('Seminar Desk');
  pdf.setProducer('Seminar Desk (pdf-lib)');
  pdf.setCreationDate(date);
  pdf.setModificationDate(date);
  return pdf.save({ useObjectStreams: true });
}

const GEOMETRY = { width: 595.28, height: 841.89, margin: 64, footer: 18 };
const SIZE = { body: 10.5, small: 8.5, h1: 18, h2: 14, h3: 12, title: 26 };

function addLink(
  pdf: PDFDocument,
  page: PDFPage,
  [x, y, w, h]: [number, number, number, number],
  target: LinkTarget,
  dests: ReadonlyMap<string, { page: number; y: number }>,
  pages: readonly PDFPage[],
): void {
  const context = pdf.context;
  const action =
    'uri' in target
      ? { A: context.obj({ Type: 'Action', S: 'URI', URI: PDFString.of(target.uri) }) }
      : (() => {
          const at = dests.get(target.dest);
          if (!at) return null;
          return {
            Dest: context.obj([pages[at.page]!.ref, PDFName.of('XYZ'), null, PDFNumber.of(at.y), null]),
          };
        })();
  if (!action) return;
  const annotation = context.register(
    context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [x, y, x + w, y + h], Border: [0, 0, 0], ...action }),
  );
  let annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
  if (!annots) {
    annots = context.obj([]);
    page.node.set(PDFName.of('Annots'), annots);
  }
  annots.push(annotation);
}

/**
 * A page's text as a content stream written here (pdf-lib's operator
 * objects cost more than the rest of the export): each run starts at its
 * place; glyphs follow in a TJ array whose numbers make up the difference
 * between the font's advance and fontkit's (kerning); a glyph with an offset
 * (an Arabic dot, a vowel mark) is put at its own place, then the run goes on.
 */
class TextPainter {
  private readonly out: string[] = ['BT'];
  private readonly names = new Map<string, string>();
  private muted: boolean | null = null;

  constructor(
    private readonly pdf: PDFDocument,
    private readonly page: PDFPage,
    private readonly fonts: ReadonlyMap<string, { font: EmbeddedFont; ref: PDFRef }>,
  ) {}

  draw(text: string, fontKey: string, size: number, x: number, y: number, muted: boolean): void {
    const { font, ref } = this.fonts.get(fontKey)!;
    let name = this.names.get(fontKey);
    if (!name) {
      name = this.page.node.newFontDictionary('F', ref).toString();
      this.names.set(fontKey, name);
    }
    if (muted !== this.muted) {
      this.out.push(muted ? '0.3 0.3 0.3 rg' : '0 0 0 rg');
      this.muted = muted;
    }
    this.out.push(`${name} ${num(size)} Tf`);
    const scale = size / font.unitsPerEm;
    const toThousandths = 1000 / font.unitsPerEm;
    let pen = x;
    let array: string[] = [];
    const flush = () => {
      if (array.length > 0) this.out.push(`[${array.join('')}] TJ`);
      array = [];
    };
    let placed = false;
    for (const glyph of font.shape(text).glyphs) {
      const hex = `<${glyph.cid.toString(16).padStart(4, '0')}>`;
      if (glyph.xOffset !== 0 || glyph.yOffset !== 0) {
        flush();
        this.out.push(`1 0 0 1 ${num(pen + glyph.xOffset * scale)} ${num(y + glyph.yOffset * scale)} Tm ${hex} Tj`);
        placed = false;
      } else {
        if (!placed) {
          flush();
          this.out.push(`1 0 0 1 ${num(pen)} ${num(y)} Tm`);
          placed = true;
        }
        array.push(hex);
        const extra = font.advanceOf(glyph.cid) - glyph.xAdvance * toThousandths;
        if (Math.abs(extra) > 0.01) array.push(num(extra));
      }
      pen += glyph.xAdvance * scale;
    }
    flush();
  }

  finish(): void {
    this.out.push('ET');
    const context = this.pdf.context;
    const stream = context.stream(zlibSync(strToU8(this.out.join('\n')), { level: 6 }), { Filter: 'FlateDecode' });
    this.page.node.addContentStream(context.register(stream));
  }
}

/** A number as PDF writes it: at most two decimals, no exponent. */
const num = (n: number) => String(Math.round(n * 100) / 100);

// ---- The book as blocks ----

const span = (text: string, style: Partial<SpanStyle> = {}): Span => ({ text, style: { size: SIZE.body, ...style } });

function para(book: Book, spans: Span[], options: Partial<Extract<Block, { kind: 'paragraph' }>> = {}): Block {
  return {
    kind: 'paragraph',
    spans,
    direction: textDirection(book.language),
    spaceAfter: 6,
    ...options,
  };
}

function titleBlocks(book: Book): Block[] {
  const { input } = book;
  const labels = PROCEEDINGS_LABELS[book.language];
  const lang = book.language;
  const blocks: Block[] = [
    para(book, [span(input.titlePage.title, { size: SIZE.title, bold: true })], { spaceBefore: 160, spaceAfter: 16 }),
  ];
  if (input.titlePage.subtitle) blocks.push(para(book, [span(input.titlePage.subtitle, { size: SIZE.h2 })]));
  blocks.push(
    para(book, [span(input.event.title, { size: SIZE.h3 })], { spaceBefore: 24 }),
    para(book, [span(`${formatDateRange(input.event.startDate, input.event.endDate, lang)} · ${input.event.place}`)]),
  );
  if (input.titlePage.publisher) blocks.push(para(book, [span(input.titlePage.publisher)], { spaceBefore: 24 }));
  blocks.push(
    para(
      book,
      [
        span(
          `${fill(labels.edition, { n: input.edition.number })} · ${labels.states[input.edition.state]} · ${formatDate(input.edition.date, lang)}`,
          { muted: true },
        ),
      ],
      { spaceBefore: 48 },
    ),
  );
  if (input.edition.contentHash)
    blocks.push(
      para(book, [
        span(labels.contentHash + labels.colon, { muted: true }),
        span(input.edition.contentHash, { muted: true }),
      ]),
    );
  if (input.edition.state !== 'published')
    blocks.push(para(book, [span(labels.notForPublication, { bold: true, size: SIZE.h3 })], { spaceBefore: 24 }));
  return blocks;
}

function contentsBlocks(book: Book, withNumbers: boolean): Block[] {
  const labels = PROCEEDINGS_LABELS[book.language];
  const entry = (title: string, dest: string, depth: number, bold = false): Block =>
    para(book, [span(title, { bold, link: { dest } })], {
      indent: depth * 14,
      spaceAfter: 3,
      ...(withNumbers ? { pageOf: dest } : {}),
    });
  const blocks: Block[] = [
    para(book, [span(labels.contents, { size: SIZE.h1, bold: true })], { spaceAfter: 14, dests: ['contents'] }),
  ];
  const foreword = book.parts.find((p) => p.kind === 'foreword');
  if (foreword) blocks.push(entry(foreword.title, foreword.slug, 0, true));
  for (const { day, sessions } of agendaOf(book)) {
    const parts = sessions.flatMap((s) => s.parts);
    if (parts.length === 0) continue;
    blocks.push(
      entry(`${fill(labels.day, { n: day.day })} · ${formatDate(day.date, book.language)}`, parts[0]!.slug, 0, true),
    );
    for (const { session, parts: inSession } of sessions) {
      if (inSession.length === 0) continue;
      blocks.push(entry(session.title, inSession[0]!.slug, 1));
      for (const part of inSession) blocks.push(entry(`${part.code ?? ''} ${part.title}`.trim(), part.slug, 2));
    }
  }
  const closing = book.parts.find((p) => p.kind === 'closing');
  if (closing) blocks.push(entry(closing.title, closing.slug, 0, true));
  for (const back of backMatter(book)) blocks.push(entry(back.title, back.slug, 0, true));
  return blocks;
}

function bodyBlocks(book: Book): Block[] {
  const blocks: Block[] = [];
  for (const part of book.parts) blocks.push({ kind: 'pageBreak' }, ...partBlocks(book, part));
  const labels = PROCEEDINGS_LABELS[book.language];
  const sep = SYNTHESIS_LABELS[book.language].separator;
  for (const back of backMatter(book)) {
    blocks.push({ kind: 'pageBreak' }, heading(book, back.title, SIZE.h1, [back.slug]));
    if (back.slug === 'participants') {
      const sorted = [...book.input.participants].sort((a, b) => a.name.localeCompare(b.name, book.language));
      for (const p of sorted)
        blocks.push(
          para(book, [span(p.affiliation ? `${p.name} — ${p.affiliation}` : p.name)], { marker: '•', indent: 14 }),
        );
    } else if (back.slug === 'appendix') {
      const titles = new Map(book.parts.map((p) => [p.slug, p.code ? `${p.code} ${p.title}` : p.title]));
      book.sources.forEach((source, i) => {
        blocks.push(
          para(book, [span(sourceEntryText(book, source))], {
            marker: `${i + 1}.`,
            indent: 22,
            spaceAfter: 2,
            dests: [source.anchor],
          }),
          para(
            book,
            [
              span(labels.quotedFrom + labels.colon + quotedVersionsText(book, source), {
                size: SIZE.small,
                muted: true,
              }),
            ],
            {
              indent: 22,
              spaceAfter: 2,
            },
          ),
          para(
            book,
            [
              span(labels.citedIn + labels.colon, { size: SIZE.small, muted: true }),
              ...source.citedIn.flatMap((slug, k) => [
                ...(k > 0 ? [span(sep, { size: SIZE.small })] : []),
                span(titles.get(slug) ?? slug, { size: SIZE.small, link: { dest: slug } }),
              ]),
            ],
            { indent: 22, spaceAfter: 8 },
          ),
        );
      });
    } else {
      for (const tag of book.tags)
        blocks.push(
          para(
            book,
            [
              span(tag.label + labels.colon, { bold: true }),
              ...tag.sources.flatMap((s, k) => [
                ...(k > 0 ? [span(sep)] : []),
                span(s.contributionId, { link: { dest: s.anchor } }),
              ]),
            ],
            { spaceAfter: 4 },
          ),
        );
    }
  }
  return blocks;
}

function heading(book: Book, text: string, size: number, dests: string[] = []): Block {
  return para(book, [span(text, { size, bold: true })], {
    spaceBefore: size * 0.6,
    spaceAfter: size * 0.5,
    dests,
    keepWithNext: true,
  });
}

function partBlocks(book: Book, part: BookPart): Block[] {
  const labels = PROCEEDINGS_LABELS[book.language];
  const blocks: Block[] = [];
  if (part.kind === 'question' && part.day && part.session)
    blocks.push(
      para(
        book,
        [
          span(
            `${fill(labels.day, { n: part.day.day })} · ${formatDate(part.day.date, book.language)} · ${part.session.title}`,
            { size: SIZE.small, muted: true },
          ),
        ],
        { dests: [part.slug] },
      ),
      heading(book, `${part.code ?? ''} ${part.title}`.trim(), SIZE.h1),
    );
  else blocks.push(heading(book, part.title, SIZE.h1, [part.slug]));
  for (const text of part.texts) blocks.push(...textBlocks(book, part, text));
  return blocks;
}

function textBlocks(book: Book, part: BookPart, text: BookText): Block[] {
  const labels = PROCEEDINGS_LABELS[book.language];
  const register = new CitationRegister<ProceedingsNoteAttrs>();
  const prefix = `${part.slug}-${text.anchor}-`;
  const blocks: Block[] = [];
  if (part.kind === 'question') blocks.push(heading(book, text.title, SIZE.h2, [text.anchor]));
  if (text.authors.length > 0)
    blocks.push(
      para(book, [
        span(labels.rapporteurs + labels.colon + formatAuthors(text.authors, book.language), { muted: true }),
      ]),
    );
  const origin = originText(text.origin, book.language);
  if (origin) blocks.push(para(book, [span(origin, { muted: true })]));
  const writer = new DocBlocks(book, register, prefix);
  blocks.push(...writer.blocks(text.doc.content, 0, 'inherit'));
  if (register.notes.length > 0) {
    blocks.push(heading(book, labels.notes, SIZE.h3));
    for (const note of register.notes) {
      const { attrs } = note;
      const source = isMaterialQuote(attrs) ? null : book.sourceOf(attrs);
      blocks.push(
        para(
          book,
          // A document's page is its whole provenance; a contribution's note links to its appendix entry.
          isMaterialQuote(attrs)
            ? [span(materialQuoteNoteText(attrs, book.language), { size: SIZE.small })]
            : [
                span(citationNoteText(attrs, book.language, book.withdrawn.has(attrs.contributionId)) + ' ', {
                  size: SIZE.small,
                }),
                span(
                  `${source!.contributionId}${SYNTHESIS_LABELS[book.language].separator}${fill(labels.version, { n: source!.version })}`,
                  { size: SIZE.small, link: { dest: source!.anchor } },
                ),
              ],
          { marker: `${note.number}.`, indent: 18, spaceAfter: 3, dests: [`${prefix}note-${note.number}`] },
        ),
      );
    }
  }
  return blocks;
}

/** A synthesis document as blocks: paragraphs, headings, quotes (indented), lists (markers). */
class DocBlocks {
  constructor(
    private readonly book: Book,
    private readonly register: CitationRegister<ProceedingsNoteAttrs>,
    private readonly prefix: string,
  ) {}

  blocks(nodes: readonly SynthesisNode[] | undefined, indent: number, direction: 'inherit' | 'auto'): Block[] {
    return (nodes ?? []).flatMap((node) => this.block(node, indent, direction));
  }

  private paragraph(
    nodes: readonly SynthesisNode[],
    indent: number,
    direction: 'inherit' | 'auto',
    style: Partial<SpanStyle> = {},
    marker?: string,
  ): Block {
    return para(this.book, this.inline(nodes, style), {
      indent,
      direction: direction === 'auto' ? 'auto' : textDirection(this.book.language),
      ...(marker ? { marker } : {}),
    });
  }

  private block(node: SynthesisNode, indent: number, direction: 'inherit' | 'auto'): Block[] {
    switch (node.type) {
      case 'paragraph':
        return [this.paragraph(node.content ?? [], indent, direction)];
      case 'heading':
        return [
          {
            ...this.paragraph(node.content ?? [], indent, direction, { bold: true, size: SIZE.h3 }),
            keepWithNext: true,
            spaceBefore: 6,
          } as Block,
        ];
      case 'blockquote':
        // A quote may be in another language: its direction comes from its own text.
        return this.blocks(node.content, indent + 24, 'auto');
      case 'bulletList':
      case 'orderedList': {
        const start = Number(node.attrs?.start ?? 1);
        return (node.content ?? []).flatMap((item, i) => {
          const marker = node.type === 'bulletList' ? '•' : `${(Number.isInteger(start) ? start : 1) + i}.`;
          const [first, ...rest] = item.content ?? [];
          const head =
            first?.type === 'paragraph'
              ? [this.paragraph(first.content ?? [], indent + 18, direction, {}, marker)]
              : [...(first ? this.block(first, indent + 18, direction) : [])];
          return [...head, ...this.blocks(rest, indent + 18, direction)];
        });
      }
      case 'codeBlock':
        return [
          para(this.book, [span((node.content ?? []).map((n) => n.text ?? '').join(''))], { indent, direction: 'ltr' }),
        ];
      case 'horizontalRule':
        return [para(this.book, [span('* * *')], { direction: 'ltr' })];
      default: {
        const children = node.content ?? [];
        if (children.length > 0 && children.every((c) => c.type === 'text' || c.type === 'hardBreak'))
          return [this.paragraph(children, indent, direction)];
        if (children.length > 0) return this.blocks(children, indent, direction);
        return node.text ? [para(this.book, [span(node.text)], { indent })] : [];
      }
    }
  }

  private inline(nodes: readonly SynthesisNode[], style: Partial<SpanStyle>): Span[] {
    const spans: Span[] = [];
    for (const segment of proceedingsSegments(inlineLeaves(nodes))) {
      for (const node of segment.nodes) {
        if (node.type === 'hardBreak') {
          spans.push(span('\n', style));
          continue;
        }
        const marks = (node.marks ?? []).map((m) => m.type as string);
        const link = node.marks?.find((m) => m.type === 'link');
        const href = link && 'attrs' in link ? safeHref(String((link.attrs as { href?: unknown }).href ?? '')) : null;
        spans.push(
          span((node.text ?? '').replace(/\t/g, ' ').replace(/\r\n?/g, '\n'), {
            ...style,
            ...(marks.includes('bold') ? { bold: true } : {}),
            ...(href ? { link: { uri: href } } : {}),
          }),
        );
      }
      if (segment.citation) {
        const note = this.register.cite(segment.citation);
        spans.push(
          span(String(note.number), {
            ...style,
            superscript: true,
            link: { dest: `${this.prefix}note-${note.number}` },
          }),
        );
      }
    }
    return spans.length > 0 ? spans : [span('', style)];
  }
}
