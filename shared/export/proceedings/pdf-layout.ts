import bidiFactory from 'bidi-js';

/**
 * A small typesetter for the proceedings' PDF: paragraphs of styled spans
 * broken into lines and pages, in any of the ten languages. It measures and
 * places; it does not draw (pdf.ts paints the result with pdf-lib).
 *
 * - Fonts: each character gets the first font that has it (the caller's
 *   `fontOf`), so an Arabic note quoting a French original or a Chinese name
 *   in English text is shown, not boxed.
 * - Lines break after spaces and between CJK characters (not before closing
 *   punctuation such as ，。）); a word wider than the line is cut.
 * - Direction: the Unicode bidirectional algorithm (bidi-js) gives each
 *   character its level; a line's runs are put in visual order (rule L2).
 *   A right-to-left run is handed over in logical order with mirrored
 *   brackets: the font engine (fontkit, through pdf-lib) shapes Arabic —
 *   joining forms, lam-alef — and lays it out right to left; a run without
 *   Arabic letters (digits, punctuation between Arabic words) is reversed here.
 */

const bidi = bidiFactory();

export interface Measurer {
  /** The font key for a code point (a face that has it, or a fallback). */
  fontOf(point: number, bold: boolean): string;
  width(font: string, text: string, size: number): number;
}

export interface SpanStyle {
  size: number;
  bold?: boolean;
  /** Grey text (origin lines, agenda). */
  muted?: boolean;
  superscript?: boolean;
  link?: LinkTarget;
}

export type LinkTarget = { dest: string } | { uri: string };

export interface Span {
  text: string;
  style: SpanStyle;
}

export interface ParagraphBlock {
  kind: 'paragraph';
  spans: Span[];
  /** Base direction: the edition's, or found from the text (quotes in another language). */
  direction: 'ltr' | 'rtl' | 'auto';
  /** Indentation from the inline start, in points. */
  indent?: number;
  spaceBefore?: number;
  spaceAfter?: number;
  /** A bullet or number drawn in the margin at the inline start. */
  marker?: string;
  /** Destinations that point to the top of this paragraph. */
  dests?: string[];
  /** Keep on the same page as the next block (headings). */
  keepWithNext?: boolean;
  /** A page number at the inline end, for tables of contents: the destination it shows the page of. */
  pageOf?: string;
}

export type Block = ParagraphBlock | { kind: 'pageBreak' };

export interface PlacedText {
  x: number;
  /** Baseline. */
  y: number;
  font: string;
  size: number;
  /** In logical order; the font engine lays right-to-left scripts out itself. */
  text: string;
  muted: boolean;
}

export interface PlacedLink {
  rect: [x: number, y: number, width: number, height: number];
  target: LinkTarget;
}

export interface LaidPage {
  texts: PlacedText[];
  links: PlacedLink[];
}

export interface PageGeometry {
  width: number;
  height: number;
  margin: number;
  /** Space kept at the bottom for the page number. */
  footer: number;
}

export interface Layout {
  pages: LaidPage[];
  /** Destination name → page index and the y of its top. */
  dests: Map<string, { page: number; y: number }>;
}

interface Piece {
  start: number;
  end: number;
  span: Span;
}

const LINE_HEIGHT = 1.45;
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]|[\ud840-\ud87f][\udc00-\udfff]/;
const NO_BREAK_BEFORE = /[，。、；：？！）」』】〉》”’,.;:?!)\]}]/;
const ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;

export class Typesetter {
  readonly pages: LaidPage[] = [];
  readonly dests = new Map<string, { page: number; y: number }>();
  private y = 0;
  private readonly widths = new Map<string, number>();

  constructor(
    private readonly measurer: Measurer,
    private readonly geometry: PageGeometry,
    private readonly pageNumberOf: (dest: string) => string = () => '',
    private readonly firstPage = 0,
  ) {
    this.newPage();
  }

  get pageIndex(): number {
    return this.firstPage + this.pages.length - 1;
  }

  newPage(): void {
    this.pages.push({ texts: [], links: [] });
    this.y = this.geometry.height - this.geometry.margin;
  }

  layout(blocks: readonly Block[]): Layout {
    blocks.forEach((block, i) => {
      if (block.kind === 'pageBreak') {
        if (this.current().texts.length > 0) this.newPage();
        return;
      }
      const next = blocks[i + 1];
      this.paragraph(block, block.keepWithNext && next?.kind === 'paragraph' ? next : null);
    });
    return { pages: this.pages, dests: this.dests };
  }

  private current(): LaidPage {
    return this.pages[this.pages.length - 1]!;
  }

  private measure(font: string, text: string, size: number): number {
    const key = `${font}\u0000${size}\u0000${text}`;
    let width = this.widths.get(key);
    if (width === undefined) {
      width = this.measurer.width(font, text, size);
      this.widths.set(key, width);
    }
    return width;
  }

  private paragraph(block: ParagraphBlock, next: ParagraphBlock | null): void {
    const { margin, width: pageWidth, footer } = this.geometry;
    const text = block.spans.map((s) => s.text).join('');
    const pieces: Piece[] = [];
    let at = 0;
    for (const span of block.spans) {
      pieces.push({ start: at, end: at + span.text.length, span });
      at += span.text.length;
    }
    const levels = bidi.getEmbeddingLevels(text, block.direction === 'auto' ? undefined : block.direction);
    const rtl = (levels.paragraphs[0]?.level ?? (block.direction === 'rtl' ? 1 : 0)) % 2 === 1;
    const indent = block.indent ?? 0;
    const available = pageWidth - 2 * margin - indent - (block.pageOf ? 36 : 0);
    const lines = this.breakLines(text, pieces, available);
    const lineHeight = Math.max(...block.spans.map((s) => s.style.size), 8) * LINE_HEIGHT;

    this.y -= block.spaceBefore ?? 0;
    // Headings stay with the first lines of what follows.
    const keep = next
      ? lineHeight * Math.min(lines.length, 2) +
        next.spans.reduce((m, s) => Math.max(m, s.style.size), 0) * LINE_HEIGHT * 2
      : 0;
    if (this.y - lineHeight * Math.min(lines.length, 2) - keep < margin + footer && this.current().texts.length > 0) {
      this.newPage();
    }
    for (const dest of block.dests ?? []) this.dests.set(dest, { page: this.pageIndex, y: this.y });

    lines.forEach(([start, end], lineNumber) => {
      if (this.y - lineHeight < margin + footer) this.newPage();
      this.y -= lineHeight;
      const baseline = this.y + lineHeight * 0.28;
      const runs = this.visualRuns(text, levels.levels, pieces, start, end);
      const lineWidth = runs.reduce((sum, r) => sum + r.width, 0);
      const startX = rtl ? pageWidth - margin - indent - lineWidth : margin + indent;
      let x = startX;
      for (const run of runs) {
        const size = run.span.style.superscript ? run.span.style.size * 0.62 : run.span.style.size;
        const rise = run.span.style.superscript ? run.span.style.size * 0.38 : 0;
        this.current().texts.push({
          x,
          y: baseline + rise,
          font: run.font,
          size,
          text: run.text,
          muted: !!run.span.style.muted,
        });
        if (run.span.style.link)
          this.current().links.push({
            rect: [x, baseline - size * 0.25, run.width, size * 1.1],
            target: run.span.style.link,
          });
        x += run.width;
      }
      if (lineNumber === 0 && block.marker) {
        const font = this.measurer.fontOf(block.marker.codePointAt(0)!, false);
        const size = block.spans[0]?.style.size ?? 10;
        const w = this.measure(font, block.marker, size);
        const mx = rtl ? pageWidth - margin - indent + 4 : margin + indent - w - 4;
        this.current().texts.push({ x: mx, y: baseline, font, size, text: block.marker, muted: false });
      }
      if (lineNumber === lines.length - 1 && block.pageOf) {
        const page = this.pageNumberOf(block.pageOf);
        const font = this.measurer.fontOf(0x30, false);
        const size = block.spans[0]?.style.size ?? 10;
        const w = this.measure(font, page, size);
        const px = rtl ? margin - 0 : pageWidth - margin - w;
        this.current().texts.push({ x: px, y: baseline, font, size, text: page, muted: false });
      }
    });
    this.y -= block.spaceAfter ?? 0;
  }

  /** The positions where a line may end (after index i), then greedy filling. */
  private breakLines(text: string, pieces: Piece[], available: number): Array<[number, number]> {
    const lines: Array<[number, number]> = [];
    const tokens = this.tokens(text);
    let lineStart = 0;
    let lineWidth = 0;
    for (const [start, end] of tokens) {
      if (text[start] === '\n') {
        lines.push([lineStart, start]);
        lineStart = end;
        lineWidth = 0;
        continue;
      }
      const word = text.slice(start, end);
      const bare = word.replace(/\s+$/, '');
      const width = this.widthOf(text, pieces, start, start + bare.length);
      const space = this.widthOf(text, pieces, start + bare.length, end);
      if (lineWidth > 0 && lineWidth + width > available) {
        lines.push([lineStart, start]);
        lineStart = start;
        lineWidth = 0;
      }
      if (lineWidth === 0 && width > available) {
        // A word longer than the line (a hash, an address): cut it where it fills the line.
        let from = start;
        for (let i = start + 1; i <= start + bare.length; i += 1) {
          if (this.widthOf(text, pieces, from, i) > available && i - 1 > from) {
            lines.push([from, i - 1]);
            from = i - 1;
          }
        }
        lineStart = from;
        lineWidth = this.widthOf(text, pieces, from, start + bare.length) + space;
        continue;
      }
      lineWidth += width + space;
    }
    if (lineStart < text.length || lines.length === 0) lines.push([lineStart, text.length]);
    return lines;
  }

  /** Tokens end after a run of spaces, after a CJK character (unless closing punctuation follows), and at line breaks. */
  private tokens(text: string): Array<[number, number]> {
    const tokens: Array<[number, number]> = [];
    let start = 0;
    for (let i = 0; i < text.length; i += 1) {
      const c = text[i]!;
      if (c === '\n') {
        if (i > start) tokens.push([start, i]);
        tokens.push([i, i + 1]);
        start = i + 1;
        continue;
      }
      const pair = c >= '\ud800' && c <= '\udbff' ? text.slice(i, i + 2) : c;
      const end = i + pair.length;
      const next = text[end];
      const spaceEnds = /\s/.test(c) && next !== undefined && !/\s/.test(next);
      const cjkEnds = CJK.test(pair) && next !== undefined && !NO_BREAK_BEFORE.test(next) && !/\s/.test(next);
      if (spaceEnds || cjkEnds) {
        tokens.push([start, end]);
        start = end;
      }
      i = end - 1;
    }
    if (start < text.length) tokens.push([start, text.length]);
    return tokens;
  }

  private widthOf(text: string, pieces: Piece[], start: number, end: number): number {
    let width = 0;
    for (const run of this.fontRuns(text, pieces, start, end)) {
      const size = run.span.style.superscript ? run.span.style.size * 0.62 : run.span.style.size;
      width += this.measure(run.font, text.slice(run.start, run.end), size);
    }
    return width;
  }

  /** Logical runs of one span and one font. */
  private fontRuns(text: string, pieces: Piece[], start: number, end: number) {
    const runs: Array<{ start: number; end: number; span: Span; font: string }> = [];
    for (const piece of pieces) {
      const from = Math.max(start, piece.start);
      const to = Math.min(end, piece.end);
      if (from >= to) continue;
      let runStart = from;
      let runFont: string | null = null as string | null;
      for (let i = from; i < to;) {
        const point = text.codePointAt(i)!;
        const step = point > 0xffff ? 2 : 1;
        // Spaces and marks take their neighbour's font: no run cut inside an Arabic phrase.
        const font: string =
          /[\s\u064b-\u065f\u0670]/.test(text[i]!) && runFont !== null
            ? runFont
            : this.measurer.fontOf(point, !!piece.span.style.bold);
        if (runFont !== null && font !== runFont) {
          runs.push({ start: runStart, end: i, span: piece.span, font: runFont });
          runStart = i;
        }
        runFont = font;
        i += step;
      }
      if (runFont !== null) runs.push({ start: runStart, end: to, span: piece.span, font: runFont });
    }
    return runs;
  }

  /** A line's runs in visual order, each a piece of text in one font and style at one embedding level. */
  private visualRuns(text: string, levels: Uint8Array, pieces: Piece[], start: number, end: number) {
    // Trailing spaces are not drawn.
    let last = end;
    while (last > start && /\s/.test(text[last - 1]!)) last -= 1;
    const runs: Array<{ start: number; end: number; level: number; span: Span; font: string }> = [];
    for (const run of this.fontRuns(text, pieces, start, last)) {
      let from = run.start;
      for (let i = run.start + 1; i <= run.end; i += 1) {
        if (i === run.end || levels[i] !== levels[from]) {
          runs.push({ ...run, start: from, end: i, level: levels[from]! });
          from = i;
        }
      }
    }
    // Rule L2: from the highest level down to the lowest odd one, reverse every sequence of runs at that level or above.
    const max = Math.max(0, ...runs.map((r) => r.level));
    const minOdd = Math.min(...runs.map((r) => r.level).filter((l) => l % 2 === 1), Infinity);
    for (let level = max; level >= minOdd && level > 0; level -= 1) {
      for (let i = 0; i < runs.length;) {
        if (runs[i]!.level < level) {
          i += 1;
          continue;
        }
        let j = i;
        while (j < runs.length && runs[j]!.level >= level) j += 1;
        runs.splice(i, j - i, ...runs.slice(i, j).reverse());
        i = j;
      }
    }
    return runs.map((run) => {
      let piece = text.slice(run.start, run.end);
      const size = run.span.style.superscript ? run.span.style.size * 0.62 : run.span.style.size;
      if (run.level % 2 === 1) {
        piece = [...piece].map((c) => bidi.getMirroredCharacter(c) ?? c).join('');
        // The font engine turns Arabic runs itself; anything else at a right-to-left level is turned here.
        if (!ARABIC_LETTER.test(piece)) piece = [...piece].reverse().join('');
      }
      return { text: piece, span: run.span, font: run.font, width: this.measure(run.font, piece, size) };
    });
  }
}
