import type { Lang } from '../../languages.js';

/**
 * The fonts the proceedings embed: the Noto faces the app already ships (the
 * @fontsource packages), which come cut into files by Unicode range (Chinese
 * and Korean in about a hundred each). A writer asks for the files that hold
 * the characters it writes, and only those: a Chinese EPUB carries the few
 * hundred kilobytes its text needs, not the 8 MB of the whole font.
 *
 * shared/ reads no file: the caller gives the list of faces (parsed from the
 * packages' CSS by `parseFontFaceCss`) and a loader (fs in Node, fetch of
 * the bundled URLs in the app).
 */
export interface FontFile {
  family: string;
  weight: number;
  /** The file's name without extension; `.woff` and `.woff2` both exist. */
  file: string;
  /** Inclusive code point ranges. */
  ranges: ReadonlyArray<readonly [number, number]>;
}

export interface FontSource {
  files: readonly FontFile[];
  load(file: string, format: 'woff' | 'woff2'): Promise<Uint8Array>;
}

export const LATIN_FAMILY = 'Noto Sans';
export const ARABIC_FAMILY = 'Noto Sans Arabic';
export const CHINESE_FAMILY = 'Noto Sans SC';
export const KOREAN_FAMILY = 'Noto Sans KR';

/** The families in the order a character is looked up: Korean first in a Korean edition (Han characters differ). */
export function familyOrder(lang: Lang): string[] {
  return lang === 'ko'
    ? [LATIN_FAMILY, ARABIC_FAMILY, KOREAN_FAMILY, CHINESE_FAMILY]
    : [LATIN_FAMILY, ARABIC_FAMILY, CHINESE_FAMILY, KOREAN_FAMILY];
}

/** `@font-face` rules as @fontsource writes them: family, weight, the file's name and its unicode-range. */
export function parseFontFaceCss(css: string): FontFile[] {
  const files: FontFile[] = [];
  for (const block of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    const body = block[1]!;
    const family = /font-family:\s*'([^']+)'/.exec(body)?.[1];
    const weight = Number(/font-weight:\s*(\d+)/.exec(body)?.[1] ?? 400);
    const file = /url\([^)]*?([^/()]+)\.woff2\)/.exec(body)?.[1];
    const range = /unicode-range:\s*([^;]+);/.exec(body)?.[1];
    if (!family || !file || !range) continue;
    const ranges = range.split(',').map((r): [number, number] => {
      const [from, to] = r.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(from!, 16), parseInt(to ?? from!, 16)];
    });
    files.push({ family, weight, file, ranges });
  }
  return files;
}

const covers = (file: FontFile, point: number) => file.ranges.some(([from, to]) => from <= point && point <= to);

/** The file of the first family (in `families` order) and the weight that has this character, if any. */
export function fileFor(
  point: number,
  files: readonly FontFile[],
  families: readonly string[],
  weight = 400,
): FontFile | undefined {
  for (const family of families) {
    const found = files.find((f) => f.family === family && f.weight === weight && covers(f, point));
    if (found) return found;
  }
  return undefined;
}

/**
 * Arabic and East Asian scripts: those an e-reader or a browser may have no
 * font for. Latin, Greek and Cyrillic are left to the reader's own fonts in
 * EPUB and HTML.
 */
export function needsEmbeddedFont(point: number): boolean {
  return (
    (point >= 0x0600 && point <= 0x08ff) ||
    (point >= 0xfb50 && point <= 0xfdff) ||
    (point >= 0xfe70 && point <= 0xfeff) ||
    (point >= 0x1100 && point <= 0x11ff) ||
    (point >= 0x2e80 && point <= 0x9fff) ||
    (point >= 0xa960 && point <= 0xa97f) ||
    (point >= 0xac00 && point <= 0xd7ff) ||
    (point >= 0xf900 && point <= 0xfaff) ||
    (point >= 0xfe30 && point <= 0xfe4f) ||
    (point >= 0xff00 && point <= 0xffef) ||
    point >= 0x20000
  );
}

/** The files needed to show the characters of `text` that need an embedded font, in a stable order. */
export function filesForText(text: string, files: readonly FontFile[], lang: Lang): FontFile[] {
  const families = familyOrder(lang).filter((f) => f !== LATIN_FAMILY);
  const chosen = new Set<FontFile>();
  const seen = new Set<number>();
  for (const char of text) {
    const point = char.codePointAt(0)!;
    if (seen.has(point) || !needsEmbeddedFont(point)) continue;
    seen.add(point);
    const file = fileFor(point, files, families);
    if (file) chosen.add(file);
  }
  return [...chosen].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** `@font-face` rules for embedded files; `url` gives each file's address relative to the style sheet. */
export function fontFaceCss(files: readonly FontFile[], url: (file: FontFile) => string, format: string): string {
  return files
    .map((f) => {
      const range = f.ranges
        .map(([from, to]) => (from === to ? `U+${hex(from)}` : `U+${hex(from)}-${hex(to)}`))
        .join(',');
      return (
        `@font-face {\n  font-family: '${f.family}';\n  font-style: normal;\n  font-weight: ${f.weight};\n` +
        `  src: url(${url(f)}) format('${format}');\n  unicode-range: ${range};\n}\n`
      );
    })
    .join('');
}

const hex = (n: number) => n.toString(16);

/** The CSS font-family list for an edition: embedded families first in the order of its script. */
export function cssFontStack(lang: Lang): string {
  return [...familyOrder(lang).filter((f) => f !== LATIN_FAMILY), LATIN_FAMILY]
    .map((f) => `'${f}'`)
    .concat(['sans-serif'])
    .join(', ');
}
