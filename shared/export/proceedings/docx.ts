import type { Paragraph } from 'docx';
import { Bookmark, Document, HeadingLevel, InternalHyperlink, Packer, type ParagraphChild } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { SynthesisNode } from '../../synthesis/document.js';
import { DocxWriter, LANGUAGE_TAGS, listIndent, reproducible } from '../../synthesis/export/docx.js';
import { citationNoteText, formatAuthors, formatDate, SYNTHESIS_LABELS } from '../../synthesis/export/labels.js';
import {
  isMaterialQuote,
  proceedingsSegments,
  topHeadingLevel,
  type ProceedingsNoteAttrs,
} from '../../synthesis/export/citations.js';
import { materialQuoteNoteText } from '../../synthesis/export/synthesis-quote-labels.js';
import { agendaOf, assembleBook, type BookText } from './book.js';
import { backMatter, quotedVersionsText, sourceEntryText } from './html.js';
import { parseProceedingsInput, type ProceedingsInput } from './input.js';
import { fill, formatDateRange, originText, PROCEEDINGS_LABELS } from './labels.js';

/**
 * One edition as a Word document, written by the synthesis export's own
 * writer (shared/synthesis/export/docx.ts: Word's heading and list styles,
 * right-to-left paragraphs and runs for Arabic, the language set for the
 * document) so a synthesis reads the same alone and in the proceedings.
 * Every quote is followed by a real footnote, numbered through the book,
 * whose last words — the contribution and its version — link to the
 * contribution's entry in the appendix (a bookmark); entries link back to
 * the parts citing them; the contents link to each part.
 */
export async function proceedingsToDocx(value: ProceedingsInput): Promise<Uint8Array> {
  const input = parseProceedingsInput(value);
  const book = assembleBook(input);
  const lang = book.language;
  const labels = PROCEEDINGS_LABELS[lang];
  const writer = new DocxWriter<ProceedingsNoteAttrs>(lang, proceedingsSegments);
  const bookmarks = new Bookmarks();

  const link = (anchor: string, text: string) =>
    new InternalHyperlink({ anchor: bookmarks.name(anchor), children: writer.runs(text, { style: 'Hyperlink' }) });
  const line = (text: string, options: { italics?: boolean } = {}) => writer.paragraph(writer.runs(text, options));

  // Title page.
  const children: Paragraph[] = [writer.paragraph(writer.runs(input.titlePage.title), { heading: HeadingLevel.TITLE })];
  if (input.titlePage.subtitle) children.push(line(input.titlePage.subtitle));
  children.push(
    line(input.event.title),
    line(`${formatDateRange(input.event.startDate, input.event.endDate, lang)} · ${input.event.place}`),
  );
  if (input.titlePage.publisher) children.push(line(input.titlePage.publisher));
  children.push(
    line(
      `${fill(labels.edition, { n: input.edition.number })} · ${labels.states[input.edition.state]} · ${formatDate(input.edition.date, lang)}`,
    ),
  );
  if (input.edition.contentHash) children.push(line(labels.contentHash + labels.colon + input.edition.contentHash));
  if (input.edition.state !== 'published')
    children.push(writer.paragraph(writer.runs(labels.notForPublication, { bold: true })));

  // Contents: links to the parts (Word's own table needs its fields updated by the reader; links work at once).
  children.push(
    writer.paragraph(writer.runs(labels.contents), { heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
  );
  const entry = (anchor: string, text: string, depth: number) =>
    writer.paragraph([link(anchor, text)], depth > 0 ? { indent: { start: 360 * depth } } : {});
  const foreword = book.parts.find((p) => p.kind === 'foreword');
  if (foreword) children.push(entry(foreword.slug, foreword.title, 0));
  for (const { day, sessions } of agendaOf(book)) {
    const parts = sessions.flatMap((s) => s.parts);
    if (parts.length === 0) continue;
    children.push(entry(parts[0]!.slug, `${fill(labels.day, { n: day.day })} · ${formatDate(day.date, lang)}`, 0));
    for (const { session, parts: inSession } of sessions) {
      if (inSession.length === 0) continue;
      children.push(entry(inSession[0]!.slug, session.title, 1));
      for (const part of inSession) children.push(entry(part.slug, `${part.code ?? ''} ${part.title}`.trim(), 2));
    }
  }
  const closing = book.parts.find((p) => p.kind === 'closing');
  if (closing) children.push(entry(closing.slug, closing.title, 0));
  for (const back of backMatter(book)) children.push(entry(back.slug, back.title, 0));

  // The parts.
  const noteSources: string[] = [];
  for (const part of book.parts) {
    const title = part.code ? `${part.code} ${part.title}` : part.title;
    children.push(
      writer.paragraph([new Bookmark({ id: bookmarks.name(part.slug), children: writer.runs(title) })], {
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
      }),
    );
    if (part.day && part.session)
      children.push(
        line(`${fill(labels.day, { n: part.day.day })} · ${formatDate(part.day.date, lang)} · ${part.session.title}`, {
          italics: true,
        }),
      );
    for (const text of part.texts) {
      if (part.kind === 'question')
        children.push(writer.paragraph(writer.runs(text.title), { heading: HeadingLevel.HEADING_2 }));
      if (text.authors.length > 0)
        children.push(line(labels.rapporteurs + labels.colon + formatAuthors(text.authors, lang)));
      const origin = originText(text.origin, lang);
      if (origin) children.push(line(origin, { italics: true }));
      const before = writer.register.notes.length;
      children.push(
        ...writer.blocks(shiftedHeadings(text, part.kind === 'question' ? 3 : 2), { quoteDepth: 0, list: null }),
      );
      for (const note of writer.register.notes.slice(before))
        noteSources.push(isMaterialQuote(note.attrs) ? '' : book.sourceOf(note.attrs).anchor);
    }
  }

  // Back matter.
  const sep = SYNTHESIS_LABELS[lang].separator;
  for (const back of backMatter(book)) {
    children.push(
      writer.paragraph([new Bookmark({ id: bookmarks.name(back.slug), children: writer.runs(back.title) })], {
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: true,
      }),
    );
    if (back.slug === 'participants') {
      const sorted = [...input.participants].sort((a, b) => a.name.localeCompare(b.name, lang));
      for (const p of sorted) children.push(line(p.affiliation ? `${p.name} — ${p.affiliation}` : p.name));
    } else if (back.slug === 'appendix') {
      const numbering = writer.orderedNumbering(1, 0);
      const titles = new Map(book.parts.map((p) => [p.slug, p.code ? `${p.code} ${p.title}` : p.title]));
      for (const source of book.sources) {
        children.push(
          writer.paragraph(
            [new Bookmark({ id: bookmarks.name(source.anchor), children: writer.runs(sourceEntryText(book, source)) })],
            listIndent(numbering, 0),
          ),
          writer.paragraph(writer.runs(labels.quotedFrom + labels.colon + quotedVersionsText(book, source)), {
            indent: { start: 720 },
          }),
          writer.paragraph(
            [
              ...writer.runs(labels.citedIn + labels.colon),
              ...source.citedIn.flatMap((slug, i): ParagraphChild[] => [
                ...(i > 0 ? writer.runs(sep) : []),
                link(slug, titles.get(slug) ?? slug),
              ]),
            ],
            { indent: { start: 720 } },
          ),
        );
      }
    } else {
      for (const tag of book.tags)
        children.push(
          writer.paragraph([
            ...writer.runs(tag.label + labels.colon, { bold: true }),
            ...tag.sources.flatMap((s, i): ParagraphChild[] => [
              ...(i > 0 ? writer.runs(sep) : []),
              link(s.anchor, s.contributionId),
            ]),
          ]),
        );
    }
  }

  // The notes: the synthesis export's wording, then the contribution and version linked to the appendix.
  const footnotes: Record<string, { children: Paragraph[] }> = {};
  writer.register.notes.forEach((note, i) => {
    const { attrs } = note;
    // A document's page is its whole provenance; a contribution's note links to its appendix entry.
    if (isMaterialQuote(attrs)) {
      footnotes[String(note.number)] = {
        children: [writer.paragraph(writer.runs(materialQuoteNoteText(attrs, lang)), { style: 'FootnoteText' })],
      };
      return;
    }
    const source = book.sources.find((s) => s.anchor === noteSources[i])!;
    footnotes[String(note.number)] = {
      children: [
        writer.paragraph(
          [
            ...writer.runs(`${citationNoteText(attrs, lang, book.withdrawn.has(attrs.contributionId))} `),
            link(source.anchor, `${source.contributionId}${sep}${fill(labels.version, { n: source.version })}`),
          ],
          { style: 'FootnoteText' },
        ),
      ],
    };
  });

  const tag = LANGUAGE_TAGS[lang];
  const authors = [...new Set(book.parts.flatMap((p) => p.texts.flatMap((t) => t.authors)))];
  const document = new Document({
    title: input.titlePage.title,
    creator: authors.join(', '),
    styles: {
      default: {
        document: {
          run: {
            language: {
              value: tag,
              ...(lang === 'zh' || lang === 'ko' ? { eastAsia: tag } : {}),
              ...(lang === 'ar' ? { bidirectional: tag } : {}),
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
          paragraph: { indent: { start: 720, end: 720 } },
        },
      ],
    },
    numbering: { config: writer.numberingConfig() },
    footnotes,
    sections: [{ children }],
  });
  const packed = renumberBookmarks(await Packer.pack(document, 'uint8array'));
  return reproducible(
    packed,
    { title: input.titlePage.title, authors, language: lang },
    new Date(`${input.edition.date}T00:00:00Z`),
  );
}

/**
 * The library numbers bookmarks from a counter shared by every document the
 * process writes: renumbered in reading order, so that the same edition gives
 * the same file the second time too.
 */
function renumberBookmarks(packed: Uint8Array): Uint8Array {
  const files = unzipSync(packed);
  const xml = strFromU8(files['word/document.xml']!);
  const ids = new Map<string, number>();
  const renumbered = xml.replace(/(<w:bookmark(?:Start|End)\b[^>]*? w:id=")(\d+)"/g, (_, head: string, id: string) => {
    if (!ids.has(id)) ids.set(id, ids.size + 1);
    return `${head}${ids.get(id)}"`;
  });
  files['word/document.xml'] = strToU8(renumbered);
  return zipSync(files, { level: 0 });
}

/** Word bookmark names: a letter first, letters, digits and "_" only, at most 40 characters. */
class Bookmarks {
  private readonly names = new Map<string, string>();
  name(anchor: string): string {
    let name = this.names.get(anchor);
    if (!name) {
      name = `p${this.names.size + 1}_${anchor.replace(/[^A-Za-z0-9]/g, '_')}`.slice(0, 40);
      this.names.set(anchor, name);
    }
    return name;
  }
}

/** The document's top headings one level under the part's and the text's own. */
function shiftedHeadings(text: BookText, topLevel: number): SynthesisNode[] {
  const shift = topLevel - topHeadingLevel(text.doc, 1);
  const visit = (node: SynthesisNode): SynthesisNode =>
    node.type === 'heading'
      ? { ...node, attrs: { ...node.attrs, level: Math.min(6, Math.max(1, Number(node.attrs?.level ?? 1) + shift)) } }
      : node.content
        ? { ...node, content: node.content.map(visit) }
        : node;
  return text.doc.content.map(visit);
}
