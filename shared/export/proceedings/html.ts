import { textDirection } from '../../languages.js';
import type { SynthesisNode } from '../../synthesis/document.js';
import {
  CitationRegister,
  headingLevel,
  inlineLeaves,
  isMaterialQuote,
  proceedingsSegments,
  topHeadingLevel,
  type ProceedingsNoteAttrs,
} from '../../synthesis/export/citations.js';
import { materialQuoteNoteText } from '../../synthesis/export/synthesis-quote-labels.js';
import {
  citationNoteText,
  formatAuthors,
  formatDate,
  languageName as languageNameIn,
  SYNTHESIS_LABELS,
} from '../../synthesis/export/labels.js';
import { escapeXmlAttr, escapeXmlText } from '../xml.js';
import { agendaOf, type Book, type BookPart, type BookText, type SourceEntry } from './book.js';
import { fill, formatDateRange, originText, PROCEEDINGS_LABELS } from './labels.js';

/**
 * The proceedings' pages as markup that is both XHTML (EPUB content
 * documents) and HTML (the static site): every element closed, every value
 * escaped. The EPUB adds its structural semantics (epub:type) beside the
 * ARIA roles both use; the two differ in file names only (`href`).
 *
 * Provenance: each run of quoted words is followed by a note reference; the
 * note says who wrote it, which contribution, question, language version
 * and, for a translation, what kind and the original's wording (the
 * synthesis exports' wording), and links to the contribution's entry in the
 * appendix, which gives its version, original language and every language
 * version quoted, and links back to the parts citing it.
 */
export interface HtmlFlavor {
  epub: boolean;
  /** The address of a page (by slug) and an anchor in it, relative to the page being written. */
  href(slug: string, anchor?: string): string;
}

export const esc = escapeXmlText;
export const attr = escapeXmlAttr;

/** Only links a reader can follow safely: web and mail addresses (no javascript:, no file:). */
export function safeHref(href: string): string | null {
  return /^(https?:|mailto:)/i.test(href.trim()) ? href.trim() : null;
}

const type = (flavor: HtmlFlavor, value: string) => (flavor.epub ? ` epub:type="${value}"` : '');

interface RenderState {
  flavor: HtmlFlavor;
  book: Book;
  register: CitationRegister<ProceedingsNoteAttrs>;
  /** Prefix of the note anchors: unique per page. */
  prefix: string;
  refs: Map<number, number>;
  /** The level of the document's top headings: they become h3. */
  topLevel: number;
}

/** The blocks of a document. */
function blocks(nodes: readonly SynthesisNode[] | undefined, state: RenderState): string {
  return (nodes ?? []).map((node) => block(node, state)).join('\n');
}

function block(node: SynthesisNode, state: RenderState): string {
  switch (node.type) {
    case 'paragraph':
      return `<p>${inline(node.content ?? [], state)}</p>`;
    case 'heading': {
      // Inside a part the document's top headings sit under the part's h1 and the text's h2.
      const level = Math.min(6, headingLevel(node) - state.topLevel + 3);
      return `<h${level}>${inline(node.content ?? [], state)}</h${level}>`;
    }
    case 'blockquote':
      return `<blockquote>\n${blocks(node.content, state)}\n</blockquote>`;
    case 'bulletList':
      return `<ul>\n${items(node, state)}\n</ul>`;
    case 'orderedList': {
      const start = Number(node.attrs?.start ?? 1);
      const from = Number.isInteger(start) && start !== 1 ? ` start="${start}"` : '';
      return `<ol${from}>\n${items(node, state)}\n</ol>`;
    }
    case 'codeBlock':
      return `<pre dir="ltr"><code>${esc((node.content ?? []).map((n) => n.text ?? '').join(''))}</code></pre>`;
    case 'horizontalRule':
      return '<hr/>';
    default: {
      const children = node.content ?? [];
      if (children.length > 0 && children.every((c) => c.type === 'text' || c.type === 'hardBreak'))
        return `<p>${inline(children, state)}</p>`;
      if (children.length > 0) return blocks(children, state);
      return node.text ? `<p>${esc(node.text)}</p>` : '';
    }
  }
}

function items(list: SynthesisNode, state: RenderState): string {
  return (list.content ?? []).map((item) => `<li>${blocks(item.content, state)}</li>`).join('\n');
}

function inline(nodes: readonly SynthesisNode[], state: RenderState): string {
  const { book, flavor } = state;
  let html = '';
  for (const segment of proceedingsSegments(inlineLeaves(nodes))) {
    let words = segment.nodes.map(leaf).join('');
    if (segment.citation) {
      const attrs = segment.citation;
      const note = state.register.cite(attrs);
      const count = (state.refs.get(note.number) ?? 0) + 1;
      state.refs.set(note.number, count);
      // A document's words carry no language of their own: their direction is found from them.
      const language = isMaterialQuote(attrs) ? null : attrs.language;
      const lang = language && language !== book.language ? ` lang="${language}"` : '';
      words = `<q class="quote"${lang} dir="${language ? textDirection(language) : 'auto'}">${words}</q>`;
      const id = `${state.prefix}ref-${note.number}${count > 1 ? `-${count}` : ''}`;
      html +=
        words +
        `<a class="noteref" id="${id}" href="#${state.prefix}note-${note.number}" role="doc-noteref"${type(flavor, 'noteref')}>` +
        `${note.number}</a>`;
    } else html += words;
  }
  return html;
}

function leaf(node: SynthesisNode): string {
  if (node.type === 'hardBreak') return '<br/>';
  let html = esc(node.text ?? '').replaceAll('\n', '<br/>');
  for (const mark of node.marks ?? []) {
    const kind: string = mark.type;
    if (kind === 'bold') html = `<strong>${html}</strong>`;
    else if (kind === 'italic') html = `<em>${html}</em>`;
    else if (kind === 'strike') html = `<s>${html}</s>`;
    else if (kind === 'underline') html = `<u>${html}</u>`;
    else if (kind === 'code') html = `<code>${html}</code>`;
    else if (kind === 'link' && 'attrs' in mark) {
      const href = safeHref(String((mark.attrs as { href?: unknown }).href ?? ''));
      if (href) html = `<a href="${attr(href)}">${html}</a>`;
    }
  }
  return html;
}

/** The source line of a note: the contribution's id and version, linked to its appendix entry. */
function sourceLink(book: Book, flavor: HtmlFlavor, source: SourceEntry): string {
  const labels = PROCEEDINGS_LABELS[book.language];
  const text = `${source.contributionId}${SYNTHESIS_LABELS[book.language].separator}${fill(labels.version, { n: source.version })}`;
  return `<a class="source" href="${attr(flavor.href('appendix', source.anchor))}">${esc(text)}</a>`;
}

/** A text of a part (a synthesis, the foreword…): its heading, authors, origin, body and notes. */
function textSection(book: Book, flavor: HtmlFlavor, text: BookText, showTitle: boolean): string {
  const labels = PROCEEDINGS_LABELS[book.language];
  const register = new CitationRegister<ProceedingsNoteAttrs>();
  const state: RenderState = {
    flavor,
    book,
    register,
    prefix: `${text.anchor}-`,
    refs: new Map(),
    topLevel: topHeadingLevel(text.doc, 1),
  };
  const body = blocks(text.doc.content, state);
  // A section has a heading; a text shown without its title (the foreword) is a division.
  const element = showTitle ? 'section' : 'div';
  const out: string[] = [`<${element} id="${attr(text.anchor)}" class="text">`];
  if (showTitle) out.push(`<h2>${esc(text.title)}</h2>`);
  if (text.authors.length > 0)
    out.push(
      `<p class="authors">${esc(labels.rapporteurs + labels.colon + formatAuthors(text.authors, book.language))}</p>`,
    );
  const origin = originText(text.origin, book.language);
  if (origin) out.push(`<p class="origin">${esc(origin)}</p>`);
  out.push(body);
  if (register.notes.length > 0) {
    out.push(
      `<section class="notes" role="doc-endnotes"${type(flavor, 'endnotes')} aria-label="${attr(labels.notes)}">`,
      `<h3>${esc(labels.notes)}</h3>`,
      '<ol>',
    );
    // No role on the items: doc-endnote is deprecated (DPUB-ARIA 1.1), an item of doc-endnotes is a note.
    for (const note of register.notes) {
      const { attrs } = note;
      // A document's page is its whole provenance; a contribution's note links to its appendix entry.
      const cited = isMaterialQuote(attrs)
        ? esc(materialQuoteNoteText(attrs, book.language))
        : `${esc(citationNoteText(attrs, book.language, book.withdrawn.has(attrs.contributionId)))} ${sourceLink(book, flavor, book.sourceOf(attrs))}`;
      out.push(
        `<li id="${state.prefix}note-${note.number}"${type(flavor, 'endnote')}>` +
          `<a class="backref" href="#${state.prefix}ref-${note.number}" role="doc-backlink">${note.number}.</a> ` +
          `${cited}</li>`,
      );
    }
    out.push('</ol>', '</section>');
  }
  out.push(`</${element}>`);
  return out.join('\n');
}

/** The body of a part's page. */
export function partBody(book: Book, flavor: HtmlFlavor, part: BookPart): string {
  const labels = PROCEEDINGS_LABELS[book.language];
  const out: string[] = [];
  if (part.kind === 'question' && part.day && part.session) {
    out.push(
      `<p class="agenda">${esc(fill(labels.day, { n: part.day.day }))} · ${esc(formatDate(part.day.date, book.language))} · ${esc(part.session.title)}</p>`,
    );
    out.push(`<h1><span class="code">${esc(part.code ?? '')}</span> ${esc(part.title)}</h1>`);
  } else out.push(`<h1>${esc(part.title)}</h1>`);
  const many = part.texts.length > 1 || part.kind === 'question';
  for (const text of part.texts) out.push(textSection(book, flavor, text, many));
  return out.join('\n');
}

/** The title page: title, event, dates, place, edition and its state; a non-published edition says so. */
export function titleBody(book: Book): string {
  const { input } = book;
  const labels = PROCEEDINGS_LABELS[book.language];
  const out = [`<h1 class="title">${esc(input.titlePage.title)}</h1>`];
  if (input.titlePage.subtitle) out.push(`<p class="subtitle">${esc(input.titlePage.subtitle)}</p>`);
  out.push(
    `<p class="event">${esc(input.event.title)}</p>`,
    `<p class="when">${esc(formatDateRange(input.event.startDate, input.event.endDate, book.language))} · ${esc(input.event.place)}</p>`,
  );
  if (input.titlePage.publisher) out.push(`<p class="publisher">${esc(input.titlePage.publisher)}</p>`);
  out.push(colophon(book));
  if (input.edition.state !== 'published')
    out.push(`<p class="draft" role="note">${esc(labels.notForPublication)}</p>`);
  return out.join('\n');
}

function colophon(book: Book): string {
  const { edition } = book.input;
  const labels = PROCEEDINGS_LABELS[book.language];
  const lines = [
    `${fill(labels.edition, { n: edition.number })} · ${labels.states[edition.state]} · ${formatDate(edition.date, book.language)}`,
  ];
  const out = [`<p class="edition">${esc(lines[0]!)}</p>`];
  if (edition.contentHash)
    out.push(
      `<p class="hash">${esc(labels.contentHash + labels.colon)}<code dir="ltr">${esc(edition.contentHash)}</code></p>`,
    );
  return out.join('\n');
}

/** The table of contents as nested lists: foreword, days → sessions → questions, closing, back matter. */
export function contentsList(
  book: Book,
  flavor: HtmlFlavor,
  front: Array<{ slug: string; title: string }> = [],
): string {
  const labels = PROCEEDINGS_LABELS[book.language];
  const link = (slug: string, title: string, anchor?: string) =>
    `<a href="${attr(flavor.href(slug, anchor))}">${esc(title)}</a>`;
  const out: string[] = ['<ol class="toc">'];
  for (const f of front) out.push(`<li>${link(f.slug, f.title)}</li>`);
  const foreword = book.parts.find((p) => p.kind === 'foreword');
  if (foreword) out.push(`<li>${link(foreword.slug, foreword.title)}</li>`);
  for (const { day, sessions } of agendaOf(book)) {
    const dayParts = sessions.flatMap((s) => s.parts);
    if (dayParts.length === 0) continue;
    // A list item of a navigation document must start with a link (EPUB 3 nav rules): the day's first question.
    out.push(
      `<li>${link(dayParts[0]!.slug, `${fill(labels.day, { n: day.day })} · ${formatDate(day.date, book.language)}`)}`,
      '<ol>',
    );
    for (const { session, parts } of sessions) {
      if (parts.length === 0) continue;
      out.push(`<li>${link(parts[0]!.slug, session.title)}`, '<ol>');
      for (const part of parts) out.push(`<li>${link(part.slug, `${part.code ?? ''} ${part.title}`.trim())}</li>`);
      out.push('</ol>', '</li>');
    }
    out.push('</ol>', '</li>');
  }
  const closing = book.parts.find((p) => p.kind === 'closing');
  if (closing) out.push(`<li>${link(closing.slug, closing.title)}</li>`);
  for (const back of backMatter(book)) out.push(`<li>${link(back.slug, back.title)}</li>`);
  out.push('</ol>');
  return out.join('\n');
}

/** The pages after the parts, those that have content. */
export function backMatter(book: Book): Array<{ slug: 'participants' | 'appendix' | 'tags'; title: string }> {
  const labels = PROCEEDINGS_LABELS[book.language];
  const pages: Array<{ slug: 'participants' | 'appendix' | 'tags'; title: string }> = [];
  if (book.input.participants.length > 0) pages.push({ slug: 'participants', title: labels.participants });
  if (book.sources.length > 0) pages.push({ slug: 'appendix', title: labels.appendix });
  if (book.tags.length > 0) pages.push({ slug: 'tags', title: labels.tagIndex });
  return pages;
}

export function participantsBody(book: Book): string {
  const labels = PROCEEDINGS_LABELS[book.language];
  const sorted = [...book.input.participants].sort((a, b) => a.name.localeCompare(b.name, book.language));
  const items = sorted.map(
    (p) =>
      `<li><span class="name" dir="auto">${esc(p.name)}</span>${p.affiliation ? ` — <span dir="auto">${esc(p.affiliation)}</span>` : ''}</li>`,
  );
  return [`<h1>${esc(labels.participants)}</h1>`, '<ul class="participants">', ...items, '</ul>'].join('\n');
}

/** The line of an appendix entry: author (kind), contribution, version, original language, question. */
export function sourceEntryText(book: Book, source: SourceEntry): string {
  const lang = book.language;
  const labels = SYNTHESIS_LABELS[lang];
  const pl = PROCEEDINGS_LABELS[lang];
  const kind = labels.authorKinds[source.authorKind] ?? source.authorKind;
  return [
    fill(labels.authorWithKind, { author: source.authorName, kind }),
    fill(labels.contribution, { id: source.contributionId }),
    fill(pl.version, { n: source.version }),
    fill(labels.originalLanguage, { language: languageNameIn(source.originalLanguage, lang) }),
    fill(labels.question, { code: source.questionCode }),
    ...(source.withdrawn ? [labels.withdrawn] : []),
  ].join(labels.separator);
}

/** "English (machine translation, systran)" for each language version quoted. */
export function quotedVersionsText(book: Book, source: SourceEntry): string {
  const lang = book.language;
  const labels = SYNTHESIS_LABELS[lang];
  const pl = PROCEEDINGS_LABELS[lang];
  return source.quoted
    .map((q) => {
      const kind =
        q.origin === 'original'
          ? pl.original
          : q.origin === 'machine'
            ? q.engine
              ? fill(labels.machineTranslation, { engine: q.engine })
              : labels.machineTranslationUnnamed
            : labels.humanTranslation;
      return `${languageNameIn(q.language, lang)} (${kind})`;
    })
    .join(labels.separator);
}

export function appendixBody(book: Book, flavor: HtmlFlavor): string {
  const labels = PROCEEDINGS_LABELS[book.language];
  const sep = SYNTHESIS_LABELS[book.language].separator;
  const partTitle = new Map(book.parts.map((p) => [p.slug, p.code ? `${p.code} ${p.title}` : p.title]));
  const out = [`<h1>${esc(labels.appendix)}</h1>`, '<ol class="sources">'];
  for (const source of book.sources) {
    const cited = source.citedIn
      .map((slug) => `<a href="${attr(flavor.href(slug))}">${esc(partTitle.get(slug) ?? slug)}</a>`)
      .join(esc(sep));
    out.push(
      `<li id="${attr(source.anchor)}">`,
      `<p>${esc(sourceEntryText(book, source))}</p>`,
      `<p class="quoted">${esc(labels.quotedFrom + labels.colon)}${esc(quotedVersionsText(book, source))}</p>`,
      `<p class="cited">${esc(labels.citedIn + labels.colon)}${cited}</p>`,
      '</li>',
    );
  }
  out.push('</ol>');
  return out.join('\n');
}

export function tagsBody(book: Book, flavor: HtmlFlavor): string {
  const labels = PROCEEDINGS_LABELS[book.language];
  const sep = SYNTHESIS_LABELS[book.language].separator;
  const out = [`<h1>${esc(labels.tagIndex)}</h1>`, '<dl class="tags">'];
  for (const tag of book.tags) {
    const links = tag.sources
      .map((s) => `<a href="${attr(flavor.href('appendix', s.anchor))}">${esc(s.contributionId)}</a>`)
      .join(esc(sep));
    out.push(`<dt dir="auto">${esc(tag.label)}</dt>`, `<dd>${links}</dd>`);
  }
  out.push('</dl>');
  return out.join('\n');
}

/** The style sheet of both EPUB and site: logical properties, so Arabic needs nothing mirrored. */
export function baseCss(fontStack: string): string {
  return `html { font-family: ${fontStack}; line-height: 1.5; }
body { margin: 0 auto; max-inline-size: 42em; padding-block: 1em; padding-inline: 1em; }
h1 { font-size: 1.6em; }
h1.title { font-size: 2em; margin-block: 2em 0.5em; }
.subtitle, .event { font-size: 1.2em; }
.draft { border: 2px solid #a40000; color: #a40000; padding: 0.3em 0.6em; display: inline-block; }
.agenda, .origin, .authors, .edition, .hash { color: #444; }
.origin { font-style: italic; }
blockquote { margin-block: 1em; margin-inline: 2em 0; padding-inline-start: 1em; border-inline-start: 3px solid #999; }
q.quote { quotes: none; }
a.noteref { font-size: 0.75em; vertical-align: super; line-height: 0; text-decoration: none; padding-inline-start: 0.1em; }
.notes { font-size: 0.9em; border-block-start: 1px solid #ccc; margin-block-start: 1.5em; }
.notes ol { list-style: none; padding-inline-start: 0; }
.sources p { margin-block: 0.2em; }
pre { overflow-x: auto; }
nav.languages ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.8em; }
nav.pager { display: flex; justify-content: space-between; margin-block-start: 2em; }
dt { font-weight: bold; margin-block-start: 0.5em; }
`;
}
