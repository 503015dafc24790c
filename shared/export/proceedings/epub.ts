import { strToU8, zipSync, type Zippable } from 'fflate';
import { textDirection } from '../../languages.js';
import { formatDate } from '../../synthesis/export/labels.js';
import { uuidV5 } from '../stable-uuid.js';
import { XML_DECLARATION } from '../xml.js';
import { assembleBook, type Book } from './book.js';
import { cssFontStack, filesForText, fontFaceCss, type FontSource } from './fonts.js';
import {
  appendixBody,
  attr,
  backMatter,
  baseCss,
  contentsList,
  esc,
  participantsBody,
  partBody,
  tagsBody,
  titleBody,
  type HtmlFlavor,
} from './html.js';
import { parseProceedingsInput, type ProceedingsInput } from './input.js';
import { PROCEEDINGS_LABELS } from './labels.js';

/**
 * One edition as an EPUB 3 publication that epubcheck accepts without an
 * error or a warning: the `mimetype` entry first and stored, the container,
 * a package document (unique identifier, title, language, dcterms:modified,
 * a spine that runs right to left for Arabic), a navigation document with
 * the table of contents and landmarks, one XHTML content document per part
 * (lang, xml:lang and dir on each), and the fonts the text needs for Arabic,
 * Chinese and Korean (Noto, WOFF 2, only the files whose characters occur).
 */
export async function proceedingsToEpub(value: ProceedingsInput, fonts: FontSource): Promise<Uint8Array> {
  const input = parseProceedingsInput(value);
  const book = assembleBook(input);
  const flavor: HtmlFlavor = {
    epub: true,
    href: (slug, anchor) => `${slug}.xhtml${anchor ? `#${anchor}` : ''}`,
  };
  const pages: Array<{ slug: string; title: string; body: string; landmark?: string }> = [
    { slug: 'title', title: input.titlePage.title, body: titleBody(book), landmark: 'titlepage' },
  ];
  for (const part of book.parts)
    pages.push({
      slug: part.slug,
      title: part.code ? `${part.code} ${part.title}` : part.title,
      body: partBody(book, flavor, part),
      ...(part === book.parts[0] ? { landmark: 'bodymatter' } : {}),
    });
  for (const back of backMatter(book)) {
    const body =
      back.slug === 'participants'
        ? participantsBody(book)
        : back.slug === 'appendix'
          ? appendixBody(book, flavor)
          : tagsBody(book, flavor);
    pages.push({
      slug: back.slug,
      title: back.title,
      body,
      ...(back.slug === 'appendix' ? { landmark: 'appendix' } : {}),
    });
  }

  const nav = navDocument(book, flavor, pages);
  const texts = pages.map((p) => p.body).concat(nav);
  const fontFiles = filesForText(stripTags(texts.join('\n')), fonts.files, book.language);
  const css = fontFaceCss(fontFiles, (f) => `fonts/${f.file}.woff2`, 'woff2') + baseCss(cssFontStack(book.language));

  const files: Zippable = {};
  const mtime = zipTime(input.edition.date);
  // The first entry, stored, without extra field: how a reading system recognises the file.
  files['mimetype'] = [strToU8('application/epub+zip'), { level: 0 }];
  files['META-INF/container.xml'] = strToU8(
    `${XML_DECLARATION}\n<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">\n` +
      '<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/></rootfiles>\n</container>\n',
  );
  files['EPUB/style.css'] = strToU8(css);
  files['EPUB/nav.xhtml'] = strToU8(nav);
  for (const page of pages) files[`EPUB/${page.slug}.xhtml`] = strToU8(contentDocument(book, page.title, page.body));
  for (const f of fontFiles) files[`EPUB/fonts/${f.file}.woff2`] = [await fonts.load(f.file, 'woff2'), { level: 0 }];
  files['EPUB/package.opf'] = strToU8(
    packageDocument(
      book,
      pages,
      fontFiles.map((f) => f.file),
    ),
  );
  return zipSync(files, { level: 9, mtime });
}

function zipTime(date: string): Date {
  const d = new Date(`${date}T00:00:00Z`);
  return new Date(Math.max(d.getTime(), Date.UTC(1980, 0, 2)));
}

function stripTags(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

function htmlOpen(book: Book): string {
  const lang = book.language;
  return (
    `${XML_DECLARATION}\n<!DOCTYPE html>\n` +
    `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="${lang}" xml:lang="${lang}" dir="${textDirection(lang)}">\n`
  );
}

function contentDocument(book: Book, title: string, body: string): string {
  return (
    htmlOpen(book) +
    `<head>\n<meta charset="utf-8"/>\n<title>${esc(title)}</title>\n<link rel="stylesheet" type="text/css" href="style.css"/>\n</head>\n` +
    `<body>\n<main>\n${body}\n</main>\n</body>\n</html>\n`
  );
}

function navDocument(
  book: Book,
  flavor: HtmlFlavor,
  pages: Array<{ slug: string; title: string; landmark?: string }>,
): string {
  const labels = PROCEEDINGS_LABELS[book.language];
  const landmarks = pages
    .filter((p) => p.landmark)
    .map((p) => `<li><a epub:type="${p.landmark}" href="${attr(flavor.href(p.slug))}">${esc(p.title)}</a></li>`);
  return (
    htmlOpen(book) +
    `<head>\n<meta charset="utf-8"/>\n<title>${esc(labels.contents)}</title>\n<link rel="stylesheet" type="text/css" href="style.css"/>\n</head>\n<body>\n` +
    `<nav epub:type="toc" id="toc" role="doc-toc" aria-labelledby="toc-title">\n<h1 id="toc-title">${esc(labels.contents)}</h1>\n` +
    contentsList(book, flavor, [{ slug: 'title', title: book.input.titlePage.title }]) +
    '\n</nav>\n' +
    `<nav epub:type="landmarks" id="landmarks" hidden="hidden">\n<ol>\n<li><a epub:type="toc" href="nav.xhtml#toc">${esc(labels.contents)}</a></li>\n${landmarks.join('\n')}\n</ol>\n</nav>\n` +
    '</body>\n</html>\n'
  );
}

function packageDocument(book: Book, pages: Array<{ slug: string }>, fonts: string[]): string {
  const { input } = book;
  const lang = book.language;
  const id = `urn:uuid:${uuidV5(`proceedings:${input.edition.publicationId}:${lang}:${input.edition.number}`)}`;
  const creators = [...new Set(book.parts.flatMap((p) => p.texts.flatMap((t) => t.authors)))];
  const manifest = [
    '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>',
    '<item id="css" href="style.css" media-type="text/css"/>',
    ...pages.map((p) => `<item id="p-${p.slug}" href="${p.slug}.xhtml" media-type="application/xhtml+xml"/>`),
    ...fonts.map((f, i) => `<item id="font-${i + 1}" href="fonts/${attr(f)}.woff2" media-type="font/woff2"/>`),
  ];
  const direction = textDirection(lang) === 'rtl' ? ' page-progression-direction="rtl"' : '';
  const spine = ['<itemref idref="p-title"/>', '<itemref idref="nav"/>'].concat(
    pages.filter((p) => p.slug !== 'title').map((p) => `<itemref idref="p-${p.slug}"/>`),
  );
  return (
    `${XML_DECLARATION}\n` +
    `<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="pub-id" xml:lang="${lang}" dir="${textDirection(lang)}">\n` +
    '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">\n' +
    `<dc:identifier id="pub-id">${id}</dc:identifier>\n` +
    `<dc:title>${esc(input.titlePage.title)}</dc:title>\n` +
    `<dc:language>${lang}</dc:language>\n` +
    creators.map((c) => `<dc:creator>${esc(c)}</dc:creator>\n`).join('') +
    (input.titlePage.publisher ? `<dc:publisher>${esc(input.titlePage.publisher)}</dc:publisher>\n` : '') +
    `<dc:date>${input.edition.date}</dc:date>\n` +
    `<dc:description>${esc(`${input.event.title}, ${formatDate(input.event.startDate, lang)}, ${input.event.place}`)}</dc:description>\n` +
    `<meta property="dcterms:modified">${input.edition.date}T00:00:00Z</meta>\n` +
    '</metadata>\n' +
    `<manifest>\n${manifest.join('\n')}\n</manifest>\n` +
    `<spine${direction}>\n${spine.join('\n')}\n</spine>\n` +
    '</package>\n'
  );
}
