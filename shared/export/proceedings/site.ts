import { strToU8 } from 'fflate';
import { NATIVE_NAMES, textDirection, type Lang } from '../../languages.js';
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
 * The proceedings as a static website: one folder that a web server serves
 * as it is or a reader opens from disk (file://), with no script. Relative
 * links only. Each edition (language) has its folder; each page links to
 * the same page in the other languages (the switcher), and the pages of an
 * edition run in reading order (previous / next):
 *
 *     index.html                 the languages
 *     style.css, fonts/          one style sheet; the Arabic and CJK files the text needs
 *     en/index.html              title page and contents
 *     en/foreword.html, en/q-legal-I-ii.html…, en/closing.html
 *     en/participants.html, en/appendix.html, en/tags.html
 *
 * Returns the files by path; the caller writes them (or zips them).
 */
export async function proceedingsToSite(
  editions: readonly ProceedingsInput[],
  fonts: FontSource,
): Promise<Map<string, Uint8Array>> {
  if (editions.length === 0) throw new Error('a site needs at least one edition');
  const books = editions.map((e) => assembleBook(parseProceedingsInput(e)));
  const languages = books.map((b) => b.language);
  if (new Set(languages).size !== languages.length) throw new Error('two editions in the same language');

  const pagesByLang = new Map<Lang, SitePage[]>(books.map((b) => [b.language, sitePages(b)]));
  const files = new Map<string, Uint8Array>();
  const texts: string[] = [];
  for (const book of books) {
    const pages = pagesByLang.get(book.language)!;
    pages.forEach((page, i) => {
      const html = pageDocument(book, page, pages[i - 1], pages[i + 1], pagesByLang);
      texts.push(html);
      files.set(`${book.language}/${page.slug}.html`, strToU8(html));
    });
  }
  const root = rootIndex(books);
  texts.push(root);
  files.set('index.html', strToU8(root));

  const text = texts.join('\n').replace(/<[^>]*>/g, ' ');
  // Korean first when a Korean edition exists would change Han glyphs elsewhere: each language gets its own stack.
  const fontFiles = [
    ...new Map(
      books.flatMap((b) => filesForText(text, fonts.files, b.language)).map((f) => [f.file, f] as const),
    ).values(),
  ];
  for (const f of fontFiles) files.set(`fonts/${f.file}.woff2`, await fonts.load(f.file, 'woff2'));
  const stacks = books.map((b) => `html:lang(${b.language}) { font-family: ${cssFontStack(b.language)}; }\n`).join('');
  files.set(
    'style.css',
    strToU8(
      fontFaceCss(fontFiles, (f) => `fonts/${f.file}.woff2`, 'woff2') +
        baseCss(cssFontStack(books[0]!.language)) +
        stacks +
        'header.site { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 1em; border-block-end: 1px solid #ccc; }\n',
    ),
  );
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

interface SitePage {
  slug: string;
  title: string;
  body: (flavor: HtmlFlavor) => string;
}

function sitePages(book: Book): SitePage[] {
  const labels = PROCEEDINGS_LABELS[book.language];
  const pages: SitePage[] = [
    {
      slug: 'index',
      title: book.input.titlePage.title,
      body: (flavor) =>
        `${titleBody(book)}\n<nav aria-labelledby="toc-title" role="doc-toc">\n<h2 id="toc-title">${esc(labels.contents)}</h2>\n${contentsList(book, flavor)}\n</nav>`,
    },
  ];
  for (const part of book.parts)
    pages.push({
      slug: part.slug,
      title: part.code ? `${part.code} ${part.title}` : part.title,
      body: (flavor) => partBody(book, flavor, part),
    });
  for (const back of backMatter(book))
    pages.push({
      slug: back.slug,
      title: back.title,
      body: (flavor) =>
        back.slug === 'participants'
          ? participantsBody(book)
          : back.slug === 'appendix'
            ? appendixBody(book, flavor)
            : tagsBody(book, flavor),
    });
  return pages;
}

const flavor: HtmlFlavor = {
  epub: false,
  href: (slug, anchor) => `${slug}.html${anchor ? `#${anchor}` : ''}`,
};

function pageDocument(
  book: Book,
  page: SitePage,
  previous: SitePage | undefined,
  next: SitePage | undefined,
  pagesByLang: ReadonlyMap<Lang, SitePage[]>,
): string {
  const lang = book.language;
  const labels = PROCEEDINGS_LABELS[lang];
  // The same page in the other editions; an edition without it gets its title page.
  const switcher = [...pagesByLang]
    .map(([other, pages]) => {
      const target = pages.some((p) => p.slug === page.slug) ? page.slug : 'index';
      const name = `<span lang="${other}" dir="${textDirection(other)}">${esc(NATIVE_NAMES[other])}</span>`;
      return other === lang
        ? `<li><a aria-current="page" href="${target}.html">${name}</a></li>`
        : `<li><a href="../${other}/${target}.html" hreflang="${other}">${name}</a></li>`;
    })
    .join('\n');
  const pager = [
    previous ? `<a rel="prev" href="${previous.slug}.html">← ${esc(previous.title)}</a>` : '<span></span>',
    next ? `<a rel="next" href="${next.slug}.html">${esc(next.title)} →</a>` : '<span></span>',
  ].join('\n');
  return (
    `<!DOCTYPE html>\n<html lang="${lang}" dir="${textDirection(lang)}">\n<head>\n<meta charset="utf-8">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>${esc(page.title)} — ${esc(book.input.titlePage.title)}</title>\n` +
    '<link rel="stylesheet" href="../style.css">\n</head>\n<body>\n' +
    `<header class="site">\n<a href="index.html">${esc(book.input.titlePage.title)}</a>\n` +
    `<nav class="languages" aria-label="${attr(labels.languages)}">\n<ul>\n${switcher}\n</ul>\n</nav>\n</header>\n` +
    `<main>\n${page.body(flavor)}\n</main>\n` +
    `<footer>\n<nav class="pager" aria-label="${attr(labels.contents)}">\n${pager}\n</nav>\n</footer>\n` +
    '</body>\n</html>\n'
  );
}

/** The site's entry: each edition's title in its own language, linking to it. */
function rootIndex(books: Book[]): string {
  const first = books[0]!;
  const items = books
    .map(
      (b) =>
        `<li lang="${b.language}" dir="${textDirection(b.language)}"><a href="${b.language}/index.html" hreflang="${b.language}">` +
        `${esc(b.input.titlePage.title)}</a> — ${esc(NATIVE_NAMES[b.language])}</li>`,
    )
    .join('\n');
  return (
    `<!DOCTYPE html>\n<html lang="${first.language}" dir="${textDirection(first.language)}">\n<head>\n<meta charset="utf-8">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<title>${esc(first.input.titlePage.title)}</title>\n<link rel="stylesheet" href="style.css">\n</head>\n<body>\n<main>\n` +
    `<h1>${esc(first.input.titlePage.title)}</h1>\n` +
    `<nav aria-label="${attr(PROCEEDINGS_LABELS[first.language].languages)}">\n<ul class="editions">\n${items}\n</ul>\n</nav>\n` +
    '</main>\n</body>\n</html>\n'
  );
}
