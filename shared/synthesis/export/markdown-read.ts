import { z } from 'zod';
import { isLang, type Lang } from '../../languages.js';
import type { CitationAttrs, SynthesisDoc, SynthesisMark, SynthesisNode } from '../document.js';
import type { SynthesisQuoteAttrs } from '../synthesis-quote.js';
import type { MaterialQuoteAttrs } from '../material-quote.js';
import { citationAttrsSchema, materialQuoteAttrsSchema, synthesisQuoteAttrsSchema } from './citations.js';
import {
  CITE_COMMENT_PREFIX,
  CITE_COMMENT_SUFFIX,
  END_OF_BODY,
  charAt,
  charBefore,
  isAsciiPunctuation,
  isPunctuation,
  isWhitespace,
  markRank,
} from './markdown-syntax.js';

/**
 * Reads a synthesis back from the Markdown `synthesisToMarkdown` writes (the
 * format is described there). The reader is CommonMark's block and inline
 * algorithm for the constructs the writer uses (ATX headings, paragraphs,
 * "-"/"+" and "1."/"1)" lists, block quotes, fenced code, thematic breaks,
 * backslash escapes, character references, code spans, emphasis with the
 * flanking rules and the rule of three, inline links, hard breaks, GFM
 * strikethrough and footnote references) plus the few HTML tags the writer
 * falls back to. It never fails: Markdown from elsewhere gives a document
 * with all its words, what it does not know staying as literal text (a
 * footnote without our citation data stays "[^n]"), and no citation comes
 * from anything but a well-formed citation comment.
 */
export interface ParsedSynthesisMarkdown {
  title: string;
  language: Lang | null;
  authors: string[];
  date: string | null;
  doc: SynthesisDoc;
}

export function markdownToSynthesis(markdown: string): ParsedSynthesisMarkdown {
  let lines = markdown.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const meta = readFrontMatter(lines);
  lines = lines.slice(meta.length);
  const end = lines.lastIndexOf(END_OF_BODY);
  const notes = end >= 0 ? readNotes(lines.slice(end + 1)) : new Map<string, Note>();
  const body = end >= 0 ? lines.slice(0, end) : lines;
  const context: ReadContext = { notes, uses: new Map() };
  return {
    title: meta.values.title ?? '',
    language: isLang(meta.values.lang) ? meta.values.lang : null,
    authors: meta.authors,
    date: meta.values.date ?? null,
    doc: { type: 'doc', content: parseBlocks(body, context) },
  };
}

// ---- Front matter and notes ----

function readFrontMatter(lines: readonly string[]): {
  length: number;
  values: Record<string, string>;
  authors: string[];
} {
  const values: Record<string, string> = {};
  const authors: string[] = [];
  if (lines[0]?.trim() !== '---') return { length: 0, values, authors };
  const close = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (close < 0) return { length: 0, values, authors };
  let key = '';
  for (const line of lines.slice(1, close)) {
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item && key === 'author') {
      authors.push(yamlScalar(item[1]!));
      continue;
    }
    const pair = /^([A-Za-z_][\w-]*):\s*(.*)$/.exec(line);
    if (!pair) continue;
    key = pair[1]!;
    if (pair[2] === '') continue;
    if (key === 'author') authors.push(yamlScalar(pair[2]!));
    else values[key] = yamlScalar(pair[2]!);
  }
  return { length: close + 1, values, authors };
}

/** The writer quotes every value as JSON, which is YAML; a plain or single-quoted scalar is read as written. */
function yamlScalar(text: string): string {
  const trimmed = text.trim();
  if (trimmed.startsWith('"')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (typeof value === 'string') return value;
    } catch {
      // Not JSON after all: taken as written.
    }
  }
  if (/^'.*'$/.test(trimmed)) return trimmed.slice(1, -1).replace(/''/g, "'");
  return trimmed;
}

interface Note {
  mark: Extract<SynthesisMark, { type: 'citation' | 'synthesisQuote' | 'materialQuote' }>;
  runs: number[];
}

const runsSchema = z.array(z.number().int().min(1)).min(1);
const noteDataSchema = z.union([
  z.object({ attrs: citationAttrsSchema, runs: runsSchema }),
  z.object({ mark: z.literal('synthesisQuote'), attrs: synthesisQuoteAttrsSchema, runs: runsSchema }),
  z.object({ mark: z.literal('materialQuote'), attrs: materialQuoteAttrsSchema, runs: runsSchema }),
]);

function readNotes(lines: readonly string[]): Map<string, Note> {
  const notes = new Map<string, Note>();
  for (const line of lines) {
    const definition = /^\[\^([^\]\s]+)\]:/.exec(line);
    if (!definition || !line.endsWith(CITE_COMMENT_SUFFIX)) continue;
    const start = line.lastIndexOf(CITE_COMMENT_PREFIX);
    if (start < 0) continue;
    let data: unknown;
    try {
      data = JSON.parse(line.slice(start + CITE_COMMENT_PREFIX.length, -CITE_COMMENT_SUFFIX.length));
    } catch {
      continue;
    }
    const parsed = noteDataSchema.safeParse(data);
    if (!parsed.success) continue;
    const mark: Note['mark'] = !('mark' in parsed.data)
      ? { type: 'citation', attrs: parsed.data.attrs as CitationAttrs }
      : parsed.data.mark === 'synthesisQuote'
        ? { type: 'synthesisQuote', attrs: parsed.data.attrs as SynthesisQuoteAttrs }
        : { type: 'materialQuote', attrs: parsed.data.attrs as MaterialQuoteAttrs };
    notes.set(definition[1]!, { mark, runs: parsed.data.runs });
  }
  return notes;
}

// ---- Blocks ----

interface ReadContext {
  notes: ReadonlyMap<string, Note>;
  /** How many references to each note have been read: the n-th takes the n-th run length. */
  uses: Map<string, number>;
}

const BLANK = /^[ \t]*$/;
const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const BLOCK_QUOTE = /^ {0,3}>/;
const EMPTY_PARAGRAPH = /^ {0,3}<p><\/p>[ \t]*$/i;
const COMMENT_LINE = /^ {0,3}<!--.*-->[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;

interface ListMarker {
  bullet: boolean;
  /** "-", "+", "*" or the ordered delimiter "." / ")". */
  char: string;
  start: number;
  /** Columns before an item's content. */
  width: number;
  /** The rest of the marker line. */
  rest: string;
}

function listMarker(line: string): ListMarker | null {
  const m = /^( {0,3})([-+*]|\d{1,9}[.)])(?:([ \t]+)(.*))?$/.exec(line);
  if (!m) return null;
  const marker = m[2]!;
  const spaces = (m[3] ?? '').replace(/\t/g, '    ').length;
  const rest = m[4] ?? '';
  const bullet = /^[-+*]$/.test(marker);
  const base = m[1]!.length + marker.length;
  // One to four spaces after the marker set the content column; more means code indented by one space.
  const width = rest === '' ? base + 1 : spaces <= 4 ? base + spaces : base + 1;
  const content = rest === '' ? '' : spaces <= 4 ? rest : ' '.repeat(spaces - 1) + rest;
  return {
    bullet,
    char: bullet ? marker : marker.slice(-1),
    start: bullet ? 1 : Number(marker.slice(0, -1)),
    width,
    rest: content,
  };
}

function indentOf(line: string): number {
  return /^ */.exec(line)![0].length;
}

function interruptsParagraph(line: string): boolean {
  if (ATX_HEADING.test(line) || THEMATIC_BREAK.test(line) || FENCE_OPEN.test(line) || BLOCK_QUOTE.test(line)) {
    return true;
  }
  if (EMPTY_PARAGRAPH.test(line)) return true;
  const marker = listMarker(line);
  return marker !== null && marker.rest.trim() !== '' && (marker.bullet || marker.start === 1);
}

function parseBlocks(lines: readonly string[], context: ReadContext): SynthesisNode[] {
  const blocks: SynthesisNode[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (BLANK.test(line) || COMMENT_LINE.test(line)) {
      i += 1;
      continue;
    }
    if (EMPTY_PARAGRAPH.test(line)) {
      blocks.push({ type: 'paragraph' });
      i += 1;
      continue;
    }
    const heading = ATX_HEADING.exec(line);
    if (heading) {
      // An ATX heading may end with a run of "#" after a space: that is not text.
      const text = (heading[2] ?? '').replace(/(?:^|[ \t]+)#+$/, '');
      blocks.push(withContent({ type: 'heading', attrs: { level: heading[1]!.length } }, parseInline(text, context)));
      i += 1;
      continue;
    }
    if (THEMATIC_BREAK.test(line)) {
      blocks.push({ type: 'horizontalRule' });
      i += 1;
      continue;
    }
    const fence = FENCE_OPEN.exec(line);
    if (fence && !(fence[2]![0] === '`' && fence[3]!.includes('`'))) {
      i = readCodeBlock(lines, i, fence, blocks);
      continue;
    }
    if (BLOCK_QUOTE.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && BLOCK_QUOTE.test(lines[i]!)) {
        quoted.push(lines[i]!.replace(/^ {0,3}> ?/, ''));
        i += 1;
      }
      blocks.push(withContent({ type: 'blockquote' }, parseBlocks(quoted, context)));
      continue;
    }
    const marker = listMarker(line);
    if (marker) {
      i = readList(lines, i, marker, blocks, context);
      continue;
    }
    i = readParagraph(lines, i, blocks, context);
  }
  return blocks;
}

function readCodeBlock(
  lines: readonly string[],
  from: number,
  fence: RegExpExecArray,
  blocks: SynthesisNode[],
): number {
  const indent = fence[1]!.length;
  const char = fence[2]![0]!;
  const closing = new RegExp(`^ {0,3}\\${char}{${fence[2]!.length},}[ \\t]*$`);
  const content: string[] = [];
  let i = from + 1;
  while (i < lines.length && !closing.test(lines[i]!)) {
    // Content lines lose as many leading spaces as the opening fence had.
    content.push(lines[i]!.replace(new RegExp(`^ {0,${indent}}`), ''));
    i += 1;
  }
  const info = unescapeString(fence[3]!.trim());
  const text = content.join('\n');
  blocks.push({
    type: 'codeBlock',
    attrs: { language: info === '' ? null : info },
    ...(text !== '' ? { content: [{ type: 'text', text }] } : {}),
  });
  return i + 1;
}

function readList(
  lines: readonly string[],
  from: number,
  first: ListMarker,
  blocks: SynthesisNode[],
  context: ReadContext,
): number {
  const items: SynthesisNode[] = [];
  let i = from;
  let marker: ListMarker | null = first;
  while (marker && marker.bullet === first.bullet && marker.char === first.char) {
    const itemLines = marker.rest === '' ? [] : [marker.rest];
    i += 1;
    while (i < lines.length) {
      const line = lines[i]!;
      // A blank line keeps what is past the item's indentation: it may be a line of code made of spaces.
      if (BLANK.test(line)) itemLines.push(line.slice(Math.min(indentOf(line), marker.width)));
      else if (indentOf(line) >= marker.width) itemLines.push(line.slice(marker.width));
      else break;
      i += 1;
    }
    const blocks = parseBlocks(itemLines, context);
    // A bare marker: the editor's list item always holds a paragraph, here an empty one.
    items.push(withContent({ type: 'listItem' }, blocks.length > 0 ? blocks : [{ type: 'paragraph' }]));
    const next = lines[i];
    marker = next !== undefined && !THEMATIC_BREAK.test(next) ? listMarker(next) : null;
  }
  blocks.push(
    first.bullet
      ? { type: 'bulletList', content: items }
      : { type: 'orderedList', attrs: { start: first.start, type: null }, content: items },
  );
  return i;
}

function readParagraph(lines: readonly string[], from: number, blocks: SynthesisNode[], context: ReadContext): number {
  const collected = [lines[from]!];
  let i = from + 1;
  while (i < lines.length) {
    const line = lines[i]!;
    if (BLANK.test(line)) break;
    const setext = SETEXT_UNDERLINE.exec(line);
    if (setext) {
      const text = collected.map((l) => l.replace(/^[ \t]+/, '')).join('\n');
      const level = setext[1]![0] === '=' ? 1 : 2;
      blocks.push(
        withContent({ type: 'heading', attrs: { level } }, parseInline(text.replace(/[ \t]+$/, ''), context)),
      );
      return i + 1;
    }
    if (interruptsParagraph(line)) break;
    collected.push(line);
    i += 1;
  }
  const text = collected
    .map((l) => l.replace(/^[ \t]+/, ''))
    .join('\n')
    .replace(/[ \t]+$/, '');
  blocks.push(withContent({ type: 'paragraph' }, parseInline(text, context)));
  return i;
}

/** ProseMirror's JSON has no `content` on an empty node. */
function withContent(node: SynthesisNode, content: SynthesisNode[]): SynthesisNode {
  return content.length > 0 ? { ...node, content } : node;
}

// ---- Inline content ----

type MarkSpec =
  | { type: 'bold' | 'italic' | 'strike' | 'underline' | 'code' }
  | { type: 'link'; attrs: { href: string; title?: string } };

interface Delimiter {
  t: 'delim';
  char: '*' | '_' | '~';
  count: number;
  length: number;
  canOpen: boolean;
  canClose: boolean;
}

interface Bracket {
  t: 'bracket';
  active: boolean;
  /** Delimiters below this index were there before the bracket. */
  delimiterBottom: number;
}

type InlineItem =
  | { t: 'text'; text: string }
  | { t: 'break' }
  | { t: 'ref'; label: string }
  | { t: 'code'; text: string }
  | { t: 'tag'; mark: 'bold' | 'italic' | 'strike' | 'underline' | 'code'; open: boolean; raw: string }
  | { t: 'wrap'; mark: MarkSpec; children: InlineItem[] }
  | Delimiter
  | Bracket;

const HTML_TAGS: Readonly<Record<string, 'bold' | 'italic' | 'strike' | 'underline' | 'code'>> = {
  strong: 'bold',
  b: 'bold',
  em: 'italic',
  i: 'italic',
  del: 'strike',
  s: 'strike',
  strike: 'strike',
  u: 'underline',
  code: 'code',
};

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  deg: '°',
  middot: '·',
  shy: '\u00ad',
  zwj: '\u200d',
  zwnj: '\u200c',
  lrm: '\u200e',
  rlm: '\u200f',
};

const ENTITY = /^&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]{0,31}));/;

function decodeEntity(match: RegExpExecArray): string | null {
  if (match[3] !== undefined) return NAMED_ENTITIES[match[3]] ?? null;
  const code = match[1] !== undefined ? Number(match[1]) : parseInt(match[2]!, 16);
  // CommonMark: U+0000 and what is not a Unicode scalar value read as U+FFFD.
  return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
}

/** Backslash escapes and character references, as in link destinations, titles and info strings. */
function unescapeString(text: string): string {
  let out = '';
  for (let i = 0; i < text.length;) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length && isAsciiPunctuation(text[i + 1]!)) {
      out += text[i + 1];
      i += 2;
    } else if (c === '&') {
      const match = ENTITY.exec(text.slice(i));
      const decoded = match ? decodeEntity(match) : null;
      out += decoded ?? '&';
      i += decoded !== null ? match![0].length : 1;
    } else {
      out += c;
      i += 1;
    }
  }
  return out;
}

class InlineParser {
  private readonly items: InlineItem[] = [];
  private readonly delimiters: Delimiter[] = [];
  private readonly brackets: Bracket[] = [];
  private pos = 0;

  constructor(
    private readonly src: string,
    private readonly context: ReadContext,
  ) {}

  parse(): InlineItem[] {
    const { src } = this;
    while (this.pos < src.length) {
      const c = src[this.pos]!;
      if (c === '\\') this.backslash();
      else if (c === '`') this.codeSpan();
      else if (c === '*' || c === '_' || c === '~') this.delimiterRun(c);
      else if (c === '[') this.openBracket();
      else if (c === ']') this.closeBracket();
      else if (c === '&') this.entity();
      else if (c === '<') this.html();
      else if (c === '\n') this.lineEnd();
      else {
        const next = /[\\`*_~[\]&<\n]/g;
        next.lastIndex = this.pos;
        const found = next.exec(src);
        const end = found ? found.index : src.length;
        this.text(src.slice(this.pos, end));
        this.pos = end;
      }
    }
    this.processEmphasis(0);
    return this.items;
  }

  private text(text: string): void {
    const last = this.items[this.items.length - 1];
    if (last?.t === 'text') last.text += text;
    else this.items.push({ t: 'text', text });
  }

  private backslash(): void {
    const next = this.src[this.pos + 1];
    if (next === '\n') {
      this.items.push({ t: 'break' });
      this.pos += 2;
      this.skipLeadingSpaces();
    } else if (next !== undefined && isAsciiPunctuation(next)) {
      this.text(next);
      this.pos += 2;
    } else {
      this.text('\\');
      this.pos += 1;
    }
  }

  private codeSpan(): void {
    const { src } = this;
    const open = /^`+/.exec(src.slice(this.pos))![0];
    const runs = /`+/g;
    runs.lastIndex = this.pos + open.length;
    for (let run = runs.exec(src); run; run = runs.exec(src)) {
      if (run[0].length !== open.length) continue;
      let text = src.slice(this.pos + open.length, run.index).replace(/\n/g, ' ');
      if (text.startsWith(' ') && text.endsWith(' ') && /[^ ]/.test(text)) text = text.slice(1, -1);
      this.items.push({ t: 'code', text });
      this.pos = run.index + run[0].length;
      return;
    }
    this.text(open);
    this.pos += open.length;
  }

  private delimiterRun(char: '*' | '_' | '~'): void {
    const { src } = this;
    let end = this.pos;
    while (src[end] === char) end += 1;
    const length = end - this.pos;
    if (char === '~' && length > 2) {
      this.text(src.slice(this.pos, end));
      this.pos = end;
      return;
    }
    const before = charBefore(src, this.pos) || '\n';
    const after = charAt(src, end) || '\n';
    const leftFlanking =
      !isWhitespace(after) && (!isPunctuation(after) || isWhitespace(before) || isPunctuation(before));
    const rightFlanking =
      !isWhitespace(before) && (!isPunctuation(before) || isWhitespace(after) || isPunctuation(after));
    const delimiter: Delimiter = {
      t: 'delim',
      char,
      count: length,
      length,
      canOpen: char === '_' ? leftFlanking && (!rightFlanking || isPunctuation(before)) : leftFlanking,
      canClose: char === '_' ? rightFlanking && (!leftFlanking || isPunctuation(after)) : rightFlanking,
    };
    this.items.push(delimiter);
    this.delimiters.push(delimiter);
    this.pos = end;
  }

  private openBracket(): void {
    const ref = /^\[\^([^\]\s]+)\]/.exec(this.src.slice(this.pos, this.pos + 1000));
    if (ref && this.context.notes.has(ref[1]!)) {
      this.items.push({ t: 'ref', label: ref[1]! });
      this.pos += ref[0].length;
      return;
    }
    const bracket: Bracket = { t: 'bracket', active: true, delimiterBottom: this.delimiters.length };
    this.items.push(bracket);
    this.brackets.push(bracket);
    this.pos += 1;
  }

  private closeBracket(): void {
    const opener = this.brackets.pop();
    this.pos += 1;
    if (!opener) {
      this.text(']');
      return;
    }
    const link = opener.active ? this.linkTail() : null;
    const at = this.items.indexOf(opener);
    if (!link) {
      this.items[at] = { t: 'text', text: '[' };
      this.text(']');
      return;
    }
    this.processEmphasis(opener.delimiterBottom);
    const children = this.items.splice(at + 1);
    this.items.splice(at, 1, { t: 'wrap', mark: { type: 'link', attrs: link.attrs }, children });
    // Links do not contain links.
    for (const earlier of this.brackets) earlier.active = false;
    this.pos = link.end;
  }

  /** `(destination "title")` right after "]". */
  private linkTail(): { attrs: { href: string; title?: string }; end: number } | null {
    const { src } = this;
    if (src[this.pos] !== '(') return null;
    let i = this.pos + 1;
    const skipSpace = () => {
      while (i < src.length && /[ \t\n]/.test(src[i]!)) i += 1;
    };
    skipSpace();
    let rawHref: string;
    if (src[i] === '<') {
      const m = /^<((?:\\.|[^\\<>\n])*)>/.exec(src.slice(i));
      if (!m) return null;
      rawHref = m[1]!;
      i += m[0].length;
    } else {
      const start = i;
      let depth = 0;
      while (i < src.length) {
        const c = src[i]!;
        if (c === '\\' && i + 1 < src.length && isAsciiPunctuation(src[i + 1]!)) i += 2;
        else if (c <= ' ' || c === '\u007f') break;
        else if (c === '(') {
          depth += 1;
          i += 1;
        } else if (c === ')') {
          if (depth === 0) break;
          depth -= 1;
          i += 1;
        } else i += 1;
      }
      if (depth !== 0) return null;
      rawHref = src.slice(start, i);
    }
    const beforeTitle = i;
    skipSpace();
    let title: string | undefined;
    const quote = src[i];
    if (i > beforeTitle && (quote === '"' || quote === "'" || quote === '(')) {
      const close = quote === '(' ? ')' : quote;
      const m = new RegExp(`^\\${quote}((?:\\\\[^]|[^\\\\\\${close}])*)\\${close}`).exec(src.slice(i));
      if (!m) return null;
      title = unescapeString(m[1]!);
      i += m[0].length;
      skipSpace();
    }
    if (src[i] !== ')') return null;
    const href = unescapeString(rawHref);
    return { attrs: title !== undefined ? { href, title } : { href }, end: i + 1 };
  }

  private entity(): void {
    const match = ENTITY.exec(this.src.slice(this.pos, this.pos + 40));
    const decoded = match ? decodeEntity(match) : null;
    if (decoded === null) {
      this.text('&');
      this.pos += 1;
    } else {
      this.text(decoded);
      this.pos += match![0].length;
    }
  }

  private html(): void {
    const rest = this.src.slice(this.pos, this.pos + 200);
    const comment = /^<!--[^]*?-->/.exec(this.src.slice(this.pos));
    if (comment) {
      this.pos += comment[0].length;
      return;
    }
    const br = /^<br[ \t\n]*\/?>/i.exec(rest);
    if (br) {
      this.items.push({ t: 'break' });
      this.pos += br[0].length;
      return;
    }
    const tag = /^<(\/?)([A-Za-z]+)[ \t\n]*>/.exec(rest);
    const mark = tag ? HTML_TAGS[tag[2]!.toLowerCase()] : undefined;
    if (tag && mark) {
      this.items.push({ t: 'tag', mark, open: tag[1] === '', raw: tag[0] });
      this.pos += tag[0].length;
      return;
    }
    this.text('<');
    this.pos += 1;
  }

  /** A line end: a hard break after two spaces, else a soft break, read as a space. */
  private lineEnd(): void {
    const last = this.items[this.items.length - 1];
    const hard = last?.t === 'text' && / {2,}$/.test(last.text);
    if (last?.t === 'text') last.text = last.text.replace(/ +$/, '');
    if (hard) this.items.push({ t: 'break' });
    else this.text(' ');
    this.pos += 1;
    this.skipLeadingSpaces();
  }

  private skipLeadingSpaces(): void {
    while (this.src[this.pos] === ' ' || this.src[this.pos] === '\t') this.pos += 1;
  }

  /** CommonMark's "process emphasis" over the delimiters above `bottom`. */
  private processEmphasis(bottom: number): void {
    const { delimiters, items } = this;
    let c = bottom;
    while (c < delimiters.length) {
      const closer = delimiters[c]!;
      if (!closer.canClose) {
        c += 1;
        continue;
      }
      let o = c - 1;
      for (; o >= bottom; o -= 1) {
        const opener = delimiters[o]!;
        if (opener.char !== closer.char || !opener.canOpen) continue;
        if (closer.char === '~') {
          if (opener.count === closer.count) break;
          continue;
        }
        const oddMatch =
          (opener.canClose || closer.canOpen) &&
          (opener.length + closer.length) % 3 === 0 &&
          !(opener.length % 3 === 0 && closer.length % 3 === 0);
        if (!oddMatch) break;
      }
      if (o < bottom) {
        if (!closer.canOpen) delimiters.splice(c, 1);
        else c += 1;
        continue;
      }
      const opener = delimiters[o]!;
      const used = closer.char === '~' ? opener.count : opener.count >= 2 && closer.count >= 2 ? 2 : 1;
      const type = closer.char === '~' ? 'strike' : used === 2 ? 'bold' : 'italic';
      const from = items.indexOf(opener);
      const to = items.indexOf(closer);
      const children = items.splice(from + 1, to - from - 1);
      items.splice(from + 1, 0, { t: 'wrap', mark: { type }, children });
      delimiters.splice(o + 1, c - o - 1);
      c = o + 1;
      opener.count -= used;
      closer.count -= used;
      if (opener.count === 0) {
        items.splice(items.indexOf(opener), 1);
        delimiters.splice(o, 1);
        c -= 1;
      }
      if (closer.count === 0) {
        items.splice(items.indexOf(closer), 1);
        delimiters.splice(c, 1);
      }
    }
    delimiters.length = bottom;
  }
}

type FlatItem =
  | { type: 'text'; text: string; marks: SynthesisMark[] }
  | { type: 'hardBreak'; marks: SynthesisMark[] }
  | { type: 'ref'; label: string };

function parseInline(src: string, context: ReadContext): SynthesisNode[] {
  const items = new InlineParser(src, context).parse();
  const flat: FlatItem[] = [];
  const open = new Map<string, number>();
  const walk = (nodes: readonly InlineItem[], marks: readonly MarkSpec[]) => {
    const current = (extra?: MarkSpec): SynthesisMark[] => {
      const all: MarkSpec[] = [...marks];
      for (const [type, depth] of open) if (depth > 0) all.push({ type } as MarkSpec);
      if (extra) all.push(extra);
      return all as SynthesisMark[];
    };
    for (const item of nodes) {
      switch (item.t) {
        case 'text':
          flat.push({ type: 'text', text: item.text, marks: current() });
          break;
        case 'delim':
          flat.push({ type: 'text', text: item.char.repeat(item.count), marks: current() });
          break;
        case 'bracket':
          flat.push({ type: 'text', text: '[', marks: current() });
          break;
        case 'code':
          flat.push({ type: 'text', text: item.text, marks: current({ type: 'code' }) });
          break;
        case 'break':
          flat.push({ type: 'hardBreak', marks: current() });
          break;
        case 'ref':
          flat.push({ type: 'ref', label: item.label });
          break;
        case 'tag': {
          const depth = open.get(item.mark) ?? 0;
          // A closing tag with nothing open is not ours: it stays as the text it was.
          if (item.open) open.set(item.mark, depth + 1);
          else if (depth > 0) open.set(item.mark, depth - 1);
          else flat.push({ type: 'text', text: item.raw, marks: current() });
          break;
        }
        case 'wrap':
          walk(item.children, [...marks, item.mark]);
          break;
      }
    }
  };
  walk(items, []);
  return normalize(applyCitations(flat, context));
}

/**
 * Each reference to a note gives the citation mark back to the words before
 * it: as many UTF-16 units as the note recorded for that run (a hard break
 * counts 1), never reaching past the previous reference.
 */
function applyCitations(items: FlatItem[], context: ReadContext): FlatItem[] {
  for (let r = 0; r < items.length; r += 1) {
    const ref = items[r]!;
    if (ref.type !== 'ref') continue;
    const note = context.notes.get(ref.label)!;
    const use = context.uses.get(ref.label) ?? 0;
    context.uses.set(ref.label, use + 1);
    const mark = { ...note.mark, attrs: { ...note.mark.attrs } } as SynthesisMark;
    let remaining = note.runs[Math.min(use, note.runs.length - 1)]!;
    for (let j = r - 1; remaining > 0 && j >= 0; j -= 1) {
      const item = items[j]!;
      if (item.type === 'ref') break;
      const length = item.type === 'text' ? item.text.length : 1;
      if (item.type === 'text' && length > remaining) {
        const cut = length - remaining;
        items.splice(
          j,
          1,
          { ...item, text: item.text.slice(0, cut) },
          { ...item, text: item.text.slice(cut), marks: [...item.marks, mark] },
        );
        r += 1;
        break;
      }
      item.marks = [...item.marks, mark];
      remaining -= length;
    }
  }
  return items.filter((item) => item.type !== 'ref');
}

/** ProseMirror's form: marks in schema order, no empty text, neighbours with equal marks joined. */
function normalize(items: readonly FlatItem[]): SynthesisNode[] {
  const nodes: SynthesisNode[] = [];
  let lastKey: string | null = null;
  for (const item of items) {
    if (item.type === 'ref') continue;
    const marks = dedupeMarks(item.marks).sort((a, b) => markRank(a.type) - markRank(b.type));
    const key = JSON.stringify(marks);
    if (item.type === 'hardBreak') {
      nodes.push(marks.length > 0 ? { type: 'hardBreak', marks } : { type: 'hardBreak' });
      lastKey = null;
      continue;
    }
    if (item.text === '') continue;
    const last = nodes[nodes.length - 1];
    if (last?.type === 'text' && lastKey === key) {
      last.text += item.text;
      continue;
    }
    nodes.push(marks.length > 0 ? { type: 'text', text: item.text, marks } : { type: 'text', text: item.text });
    lastKey = key;
  }
  return nodes;
}

/** A mark of one type at most, the innermost winning (ProseMirror keeps one link, one citation...). */
function dedupeMarks(marks: readonly SynthesisMark[]): SynthesisMark[] {
  const byType = new Map<string, SynthesisMark>();
  for (const mark of marks) byType.set(mark.type, mark);
  return [...byType.values()];
}
