import { textDirection } from '../../languages.js';
import type { SynthesisNode } from '../document.js';
import {
  CitationRegister,
  headingLevel,
  inlineLeaves,
  isMaterialQuote,
  isSynthesisQuote,
  noteSegments,
  topHeadingLevel,
  type NoteAttrs,
  type SynthesisExportInput,
} from './citations.js';
import { citedContributionText, parseExportDate, SYNTHESIS_LABELS } from './labels.js';
import { noteText } from './synthesis-quote-labels.js';
import {
  CITE_COMMENT_PREFIX,
  CITE_COMMENT_SUFFIX,
  END_OF_BODY,
  charAt,
  charBefore,
  isPunctuation,
  isPunctuationStrict,
  isWhitespace,
  jsonForComment,
  markRank,
} from './markdown-syntax.js';

/**
 * A synthesis as Markdown for the proceedings: CommonMark with GitHub's
 * footnotes and strikethrough, readable as text and rendered as expected by
 * GitHub, pandoc and the like, and read back by `markdownToSynthesis` into the
 * same document (markdown-read.ts). The file:
 *
 *     ---                                 front matter (pandoc's names): title,
 *     title: "…"                          author (the rapporteurs), date, lang,
 *     author:                             and dir: rtl for Arabic; the text
 *       - "…"                             itself carries no direction marks
 *     date: "2017-02-02"
 *     lang: "fr"
 *     dir: "ltr"
 *     ---
 *
 *     the body: headings, paragraphs, lists, block quotes, code...
 *     a quoted passage[^1] and another[^2], the first again[^1]
 *
 *     <!-- seminar-desk: end of synthesis -->
 *
 *     ## Contributions citées            in the synthesis's language, one entry
 *     1. Author (kind), contribution…   per contribution, in order of first citation
 *
 *     [^1]: Author (kind), contribution c-1, question I.ii, in English — machine
 *     translation (deepl). Original (fr): «…» <!-- cite {"attrs":{…},"runs":[24,7]} -->
 *
 * Citations. The words carrying a `citation` mark are written as they are,
 * followed by a footnote reference; identical citation attributes share one
 * note. The note is text for the reader, then an HTML comment (invisible once
 * rendered) holding the CitationAttrs as JSON and the length, in UTF-16 units
 * with a hard break counting 1, of each run of quoted words that refers to
 * it, in reading order: Markdown has no inline span to mark where a quote
 * starts, and an invisible length keeps the text clean.
 *
 * Losslessness. Text is escaped (\* \_ \` \[ \] \< \~ \| \\ everywhere, and what
 * would start a block at a line's start: # > - + = 1. :), line breaks and
 * edge whitespace that Markdown would fold or strip become character
 * references (&#10; &#32;). Bold, italic and strikethrough are `**`, `_` and
 * `~~` where CommonMark's flanking rules let those delimiters open and close
 * exactly there (checked for both CommonMark 0.31 and GFM's punctuation
 * classes), and <strong>, <em>, <del> otherwise (" bold " with its spaces,
 * italic inside a word); underline is <u>; a code mark is a
 * backtick span, or <code> when its text holds a line break or two backticks
 * in a row. An empty paragraph (the editor's spacing) is not written (a
 * <p></p> shows as such in many readers): a list item holding only one is its
 * bare marker; only before other blocks in a list item, where nothing else
 * keeps it, is it <p></p>. A hard break ending a block is
 * <br>. Nodes come back as TipTap's getJSON writes them (orderedList
 * {start, type: null}, codeBlock {language}); a link comes back as
 * document.ts types it ({href}, and {title} when it has one): the link's
 * target, rel and class are the editor's settings, not the document's.
 * Marks and nodes outside StarterKit are written as their text.
 */
export function synthesisToMarkdown(input: SynthesisExportInput): string {
  parseExportDate(input.date);
  const register = new CitationRegister<NoteAttrs>();
  const runs = new Map<number, number[]>();
  const body = renderBlocks(withoutEmptyParagraphs(input.doc.content), { register, runs });

  const lines = [...frontMatter(input), '', ...body];
  if (body.length > 0) lines.push('');
  lines.push(END_OF_BODY);

  const labels = SYNTHESIS_LABELS[input.language];
  const cited = register.citedContributions();
  if (cited.length > 0) {
    lines.push('', `${'#'.repeat(topHeadingLevel(input.doc, 1))} ${escapeText(labels.citedContributions, true)}`, '');
    const withdrawn = new Set(input.withdrawn ?? []);
    cited.forEach((c, i) =>
      lines.push(
        `${i + 1}. ${escapeText(citedContributionText(c, input.language, withdrawn.has(c.contributionId)), false)}`,
      ),
    );
  }
  for (const note of register.notes) {
    const human = escapeText(
      noteText(note.attrs, input.language, new Set(input.withdrawn ?? [])).replace(/\s*[\r\n]+\s*/g, ' '),
      false,
    );
    const mark = isSynthesisQuote(note.attrs)
      ? { mark: 'synthesisQuote' }
      : isMaterialQuote(note.attrs)
        ? { mark: 'materialQuote' }
        : {};
    const data = jsonForComment({ ...mark, attrs: note.attrs, runs: runs.get(note.number) ?? [] });
    lines.push('', `[^${note.number}]: ${human} ${CITE_COMMENT_PREFIX}${data}${CITE_COMMENT_SUFFIX}`);
  }
  return `${lines.join('\n')}\n`;
}

function frontMatter(input: SynthesisExportInput): string[] {
  const q = (value: string) => JSON.stringify(value);
  const lines = ['---', `title: ${q(input.title)}`];
  if (input.authors && input.authors.length > 0) {
    lines.push('author:', ...input.authors.map((a) => `  - ${q(a)}`));
  }
  lines.push(`date: ${q(input.date)}`, `lang: ${q(input.language)}`, `dir: ${q(textDirection(input.language))}`, '---');
  return lines;
}

// ---- Blocks ----

interface WriteState {
  register: CitationRegister<NoteAttrs>;
  /** Note number → length of each run citing it, in reading order. */
  runs: Map<number, number[]>;
}

/** Lines of a sequence of blocks, a blank line between two blocks. */
function renderBlocks(nodes: readonly SynthesisNode[] | undefined, state: WriteState, tight = false): string[] {
  const lines: string[] = [];
  let previous: SynthesisNode | null = null;
  let previousMarker = '';
  for (const node of nodes ?? []) {
    let marker = '';
    if (node.type === 'bulletList' || node.type === 'orderedList') {
      // Two lists in a row would be one list in Markdown: changing the bullet or the delimiter starts a new one.
      const [first, second] = node.type === 'bulletList' ? ['-', '+'] : ['.', ')'];
      marker = previous?.type === node.type && previousMarker === first ? second : first;
    }
    const block = renderBlock(node, state, marker);
    if (block.length === 0) continue;
    if (previous) {
      // In a tight list item, a nested list follows its paragraph directly, unless it could not interrupt a paragraph.
      const joinTight = tight && marker !== '' && previous.type === 'paragraph' && canInterruptParagraph(node);
      if (!joinTight) lines.push('');
    }
    lines.push(...block);
    previous = node;
    previousMarker = marker;
  }
  return lines;
}

const isEmptyParagraph = (node: SynthesisNode) =>
  node.type === 'paragraph' && (node.content ?? []).every((n) => n.type === 'text' && !n.text);

function withoutEmptyParagraphs(nodes: readonly SynthesisNode[] | undefined): SynthesisNode[] {
  return (nodes ?? []).filter((node) => !isEmptyParagraph(node));
}

function canInterruptParagraph(list: SynthesisNode): boolean {
  // An empty item is its bare marker (see renderList), and an empty item cannot interrupt a paragraph:
  // "a" then "-" would read back as a setext heading.
  const first = list.content?.[0];
  const only = first?.content?.length === 1 ? first.content[0]! : null;
  const firstHasContent = (first?.content?.length ?? 0) > 0 && !(only && isEmptyParagraph(only));
  return firstHasContent && (list.type === 'bulletList' || orderedStart(list) === 1);
}

function renderBlock(node: SynthesisNode, state: WriteState, listMarker: string): string[] {
  switch (node.type) {
    case 'paragraph': {
      // Only list items still hold an empty paragraph here (see withoutEmptyParagraphs).
      const lines = renderInline(node.content ?? [], state, false);
      return lines.length === 1 && lines[0] === '' ? ['<p></p>'] : lines;
    }
    case 'heading': {
      const hashes = '#'.repeat(headingLevel(node));
      const [text = ''] = renderInline(node.content ?? [], state, true);
      return [text === '' ? hashes : `${hashes} ${text}`];
    }
    case 'blockquote':
      return renderBlocks(withoutEmptyParagraphs(node.content), state).map((line) => (line === '' ? '>' : `> ${line}`));
    case 'bulletList':
    case 'orderedList':
      return renderList(node, state, listMarker);
    case 'codeBlock':
      return renderCodeBlock(node);
    case 'horizontalRule':
      // Not "---": under a "-" bullet, "- ---" would be a rule, not an item holding one.
      return ['***'];
    default:
      return renderUnknownBlock(node, state);
  }
}

/** A node of another editor extension: its words are kept, its structure is not. */
function renderUnknownBlock(node: SynthesisNode, state: WriteState): string[] {
  const children = node.content ?? [];
  if (children.length > 0 && children.every(isInline)) return renderInline(children, state, false);
  if (children.length > 0) return renderBlocks(children, state);
  return node.text ? renderInline([{ type: 'text', text: node.text }], state, false) : [];
}

function isInline(node: SynthesisNode): boolean {
  return node.type === 'text' || node.type === 'hardBreak' || node.text !== undefined;
}

function orderedStart(node: SynthesisNode): number {
  const start = Number(node.attrs?.start ?? 1);
  return Number.isInteger(start) && start >= 0 && start <= 999_999_999 ? start : 1;
}

function renderList(node: SynthesisNode, state: WriteState, marker: string): string[] {
  const items = node.content ?? [];
  // Tight (no blank lines between items) when every item is one paragraph, possibly with nested lists.
  const tight = items.every((item) => {
    const [first, ...rest] = item.content ?? [];
    return first?.type === 'paragraph' && rest.every((b) => b.type === 'bulletList' || b.type === 'orderedList');
  });
  const start = orderedStart(node);
  const lines: string[] = [];
  items.forEach((item, i) => {
    const bullet = node.type === 'bulletList' ? `${marker} ` : `${start + i}${marker} `;
    // An item holding only an empty paragraph is its bare marker (read back as that paragraph).
    const only = item.content?.length === 1 ? item.content[0]! : null;
    const body = only && isEmptyParagraph(only) ? [] : renderBlocks(item.content, state, tight);
    if (!tight && i > 0) lines.push('');
    if (body.length === 0) {
      lines.push(bullet.trimEnd());
      return;
    }
    const indent = ' '.repeat(bullet.length);
    body.forEach((line, j) => lines.push(j === 0 ? bullet + line : line === '' ? '' : indent + line));
  });
  return lines;
}

function renderCodeBlock(node: SynthesisNode): string[] {
  const text = (node.content ?? []).map((n) => n.text ?? '').join('');
  const language = typeof node.attrs?.language === 'string' ? node.attrs.language : '';
  // A backtick fence's info string may not hold a backtick; a tilde fence's may.
  const fenceChar = language.includes('`') ? '~' : '`';
  const longest = Math.max(0, ...(text.match(fenceChar === '`' ? /`+/g : /~+/g) ?? []).map((run) => run.length));
  const fence = fenceChar.repeat(Math.max(3, longest + 1));
  const info = language
    .replace(/[\\`]/g, '\\$&')
    .replace(ENTITY_LIKE, '\\&')
    .replace(/\s*[\r\n]+\s*/g, ' ');
  return [fence + info, ...(text === '' ? [] : text.split('\n')), fence];
}

// ---- Inline content ----

type MdMarkType = 'link' | 'bold' | 'italic' | 'strike' | 'underline' | 'code';

interface MdMark {
  type: MdMarkType;
  /** Equal keys, equal marks. */
  key: string;
  href?: string;
  title?: string;
}

type Leaf =
  | { kind: 'text'; text: string; marks: MdMark[] }
  | { kind: 'break'; marks: MdMark[] }
  | { kind: 'ref'; label: string; marks: MdMark[] };

interface Span {
  kind: 'span';
  mark: MdMark;
  children: Tree[];
}

type Tree = Leaf | Span;

/** A punctuation character standing for a delimiter whose form is not chosen yet: all of * ~ < [ ` ] > are punctuation. */
const DELIMITER = '*';
const BLOCK_EDGE = '\n';

/**
 * Renders a textblock's inline content to lines (more than one after a hard
 * break). Runs of quoted words are registered and followed by their note's
 * reference.
 */
function renderInline(nodes: readonly SynthesisNode[], state: WriteState, heading: boolean): string[] {
  const leaves = toLeaves(nodes, state);
  const tree = buildTree(leaves);
  const writer = new InlineWriter(heading, leaves[leaves.length - 1]);
  writer.children(tree, BLOCK_EDGE);
  return fixLineEdges(writer.out, heading);
}

function toLeaves(nodes: readonly SynthesisNode[], state: WriteState): Leaf[] {
  const leaves: Leaf[] = [];
  for (const segment of noteSegments(inlineLeaves(nodes))) {
    let length = 0;
    for (const node of segment.nodes) {
      const marks = mdMarks(node);
      if (node.type === 'hardBreak') {
        leaves.push({ kind: 'break', marks });
        length += 1;
      } else if (node.text) {
        leaves.push({ kind: 'text', text: node.text, marks });
        length += node.text.length;
      }
    }
    if (segment.citation && length > 0) {
      const note = state.register.cite(segment.citation);
      const noteRuns = state.runs.get(note.number) ?? [];
      noteRuns.push(length);
      state.runs.set(note.number, noteRuns);
      const before = leaves[leaves.length - 1]!.marks;
      leaves.push({ kind: 'ref', label: String(note.number), marks: before });
    }
  }
  // A reference keeps the marks that go on across it, so "**a quote[^1] goes on**" stays one span; never a link
  // (a footnote inside a link's text is not one) nor code.
  leaves.forEach((leaf, i) => {
    if (leaf.kind !== 'ref') return;
    const after = leaves[i + 1]?.marks ?? [];
    leaf.marks = leaf.marks.filter(
      (m) => m.type !== 'link' && m.type !== 'code' && after.some((other) => other.key === m.key),
    );
  });
  return leaves;
}

function mdMarks(node: SynthesisNode): MdMark[] {
  const marks: MdMark[] = [];
  for (const mark of node.marks ?? []) {
    switch (mark.type) {
      case 'bold':
      case 'italic':
      case 'strike':
      case 'code':
        marks.push({ type: mark.type, key: mark.type });
        break;
      case 'link': {
        const attrs = mark.attrs as Record<string, unknown>;
        const href = typeof attrs.href === 'string' ? attrs.href : '';
        const title = typeof attrs.title === 'string' && attrs.title !== '' ? attrs.title : undefined;
        marks.push({ type: 'link', key: `link ${JSON.stringify([href, title ?? null])}`, href, title });
        break;
      }
      default:
        // Underline is TipTap StarterKit's, though document.ts does not list it.
        if ((mark.type as string) === 'underline') marks.push({ type: 'underline', key: 'underline' });
    }
  }
  return marks;
}

/**
 * Nests the marks: a mark that goes on stays open, a mark that ends closes the
 * ones opened after it (they reopen), new marks open longest first so that
 * fewer are cut. A code span holds only text, so code is always innermost.
 */
function buildTree(leaves: readonly Leaf[]): Tree[] {
  const root: Tree[] = [];
  const stack: Span[] = [];
  const childrenOf = () => stack[stack.length - 1]?.children ?? root;
  leaves.forEach((leaf, i) => {
    const has = (mark: MdMark) => leaf.marks.some((m) => m.key === mark.key);
    let keep = 0;
    while (keep < stack.length && has(stack[keep]!.mark)) keep += 1;
    const missing = leaf.marks.filter((m) => !stack.slice(0, keep).some((s) => s.mark.key === m.key));
    if (missing.length > 0 && keep > 0 && stack[keep - 1]!.mark.type === 'code') keep -= 1;
    stack.length = keep;
    const toOpen = leaf.marks.filter((m) => !stack.some((s) => s.mark.key === m.key));
    const extent = (mark: MdMark) => {
      let j = i;
      while (j < leaves.length && leaves[j]!.marks.some((m) => m.key === mark.key)) j += 1;
      return j - i;
    };
    toOpen.sort(
      (a, b) =>
        Number(a.type === 'code') - Number(b.type === 'code') ||
        extent(b) - extent(a) ||
        markRank(a.type) - markRank(b.type),
    );
    for (const mark of toOpen) {
      const span: Span = { kind: 'span', mark, children: [] };
      childrenOf().push(span);
      stack.push(span);
    }
    childrenOf().push(leaf);
  });
  return root;
}

class InlineWriter {
  out = '';
  /** What precedes `out` when it is empty: a block's edge, or the delimiter of the span being written. */
  private edge = BLOCK_EDGE;

  constructor(
    private readonly heading: boolean,
    private readonly lastLeaf: Leaf | undefined,
  ) {}

  /** Writes `nodes`; `after` is the character that will follow them (a delimiter, or a block's edge). */
  children(nodes: readonly Tree[], after: string): void {
    nodes.forEach((node, i) => {
      const next = nodes[i + 1];
      this.node(node, next ? firstChar(next) : after);
    });
  }

  private node(node: Tree, after: string): void {
    if (node.kind === 'text') this.text(node.text);
    else if (node.kind === 'break') this.out += this.heading || node === this.lastLeaf ? '<br>' : '\\\n';
    else if (node.kind === 'ref') {
      this.guardBang();
      this.out += `[^${node.label}]`;
    } else this.span(node, after);
  }

  private text(text: string): void {
    let escaped = escapeText(text, this.heading);
    // "[^1](x)" would be a link and "[^1]: x" at a line's start a note: the text after a reference must not start so.
    if (/\[\^[^\]\s]+\]$/.test(this.out) && /^[(:]/.test(escaped)) escaped = `\\${escaped}`;
    this.out += escaped;
  }

  /** "!" before "[" makes an image of a link: the "!" is escaped. */
  private guardBang(): void {
    if (this.out.endsWith('!')) this.out = `${this.out.slice(0, -1)}\\!`;
  }

  private span(span: Span, after: string): void {
    const { mark } = span;
    if (mark.type === 'code') {
      this.code(span);
      return;
    }
    if (mark.type === 'link') {
      this.guardBang();
      this.out += '[';
      this.children(span.children, ']');
      this.out += `](${linkDestination(mark.href ?? '')}${mark.title !== undefined ? ` "${escapeTitle(mark.title)}"` : ''})`;
      return;
    }
    const before = charBefore(this.out, this.out.length) || this.edge;
    const [outer, outerEdge] = [this.out, this.edge];
    [this.out, this.edge] = ['', DELIMITER];
    this.children(span.children, DELIMITER);
    const inner = this.out;
    [this.out, this.edge] = [outer, outerEdge];
    const { delimiter, tag } = FORMS[mark.type];
    this.out +=
      delimiter && delimitersFit(inner, before, after, delimiter[0]!)
        ? delimiter + inner + delimiter
        : `<${tag}>${inner}</${tag}>`;
  }

  private code(span: Span): void {
    const leaves = span.children;
    const text = leaves.every((l) => l.kind === 'text')
      ? leaves.map((l) => (l as { text: string }).text).join('')
      : null;
    const longest = text === null ? 0 : Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    // A code span turns line breaks into spaces, and three backticks at a line's start would open a code block.
    if (text === null || /[\r\n]/.test(text) || longest >= 2) {
      this.out += '<code>';
      this.children(leaves, DELIMITER);
      this.out += '</code>';
      return;
    }
    const fence = '`'.repeat(longest + 1);
    // CommonMark strips one space from each end when both ends have one (and the text is not only spaces).
    const stripped = text.startsWith(' ') && text.endsWith(' ') && /[^ ]/.test(text);
    const pad = text.startsWith('`') || text.endsWith('`') || stripped ? ' ' : '';
    this.out += fence + pad + text + pad + fence;
  }
}

const FORMS: Readonly<Record<Exclude<MdMarkType, 'link' | 'code'>, { delimiter: string | null; tag: string }>> = {
  bold: { delimiter: '**', tag: 'strong' },
  italic: { delimiter: '_', tag: 'em' },
  strike: { delimiter: '~~', tag: 'del' },
  underline: { delimiter: null, tag: 'u' },
};

function firstChar(node: Tree): string {
  if (node.kind === 'text') return charAt(escapeText(node.text, false), 0) || DELIMITER;
  return DELIMITER;
}

/**
 * Whether the delimiters around `inner` open and close exactly there: the
 * opening run must be left-flanking and the closing one right-flanking (and
 * "_" must not be inside a word), under both the older (GFM) and the newer
 * (CommonMark 0.31: symbols count) punctuation classes. Italic is "_" and
 * bold "**", so two spans' delimiters never touch and merge into one run.
 */
function delimitersFit(inner: string, before: string, after: string, char: string): boolean {
  if (inner === '') return false;
  const first = charAt(inner, 0);
  const last = charBefore(inner, inner.length);
  return [isPunctuationStrict, isPunctuation].every((punct) => {
    const left = (b: string, a: string) => !isWhitespace(a) && (!punct(a) || isWhitespace(b) || punct(b));
    const right = (b: string, a: string) => !isWhitespace(b) && (!punct(b) || isWhitespace(a) || punct(a));
    const opens = left(before, first) && (char !== '_' || !right(before, first) || punct(before));
    const closes = right(last, after) && (char !== '_' || !left(last, after) || punct(after));
    return opens && closes;
  });
}

/** "&amp;" in a text would be read as "&": an "&" that starts something like a character reference is escaped. */
const ENTITY_LIKE = /&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)/g;

/** Text with every character that could mean something to Markdown here escaped. */
function escapeText(text: string, heading: boolean): string {
  return text
    .replace(heading ? /[\\*_`[\]<~|#]/g : /[\\*_`[\]<~|]/g, '\\$&')
    .replace(ENTITY_LIKE, '\\&')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/**
 * What Markdown reads at a line's edges: leading and trailing spaces are
 * dropped (the first becomes &#32;), and a line starting with # > - + = : or
 * "1." / "1)" would start a heading, quote, list, rule or definition. Only
 * text can start a line with those characters (delimiters are * ~ < [ `), so
 * fixing the rendered lines is safe.
 */
function fixLineEdges(rendered: string, heading: boolean): string[] {
  const lines = rendered.split('\n').map((line) => {
    if (/^[ \t]/.test(line)) return (line[0] === ' ' ? '&#32;' : '&#9;') + line.slice(1);
    if (heading) return line;
    if (/^[#>+=:-]/.test(line)) return `\\${line}`;
    return line.replace(/^(\d{1,9})([.)])/, '$1\\$2');
  });
  const last = lines.length - 1;
  lines[last] = lines[last]!.replace(/[ \t]$/, (c) => (c === ' ' ? '&#32;' : '&#9;'));
  return lines;
}

/** Bare when it can be (the usual URL), else in angle brackets; a line break cannot be in either and is %-encoded. */
function linkDestination(href: string): string {
  const oneLine = href.replace(/[\r\n]/g, (c) => (c === '\n' ? '%0A' : '%0D'));
  const bare = oneLine !== '' && ![...oneLine].some((c) => c <= ' ' || c === '\u007f' || c === '<' || c === '>');
  const escaped = bare ? oneLine.replace(/[\\()]/g, '\\$&') : oneLine.replace(/[\\<>]/g, '\\$&');
  const safe = escaped.replace(ENTITY_LIKE, '\\&');
  return bare ? safe : `<${safe}>`;
}

function escapeTitle(title: string): string {
  return title
    .replace(/[\\"]/g, '\\$&')
    .replace(ENTITY_LIKE, '\\&')
    .replace(/\s*[\r\n]+\s*/g, ' ');
}
