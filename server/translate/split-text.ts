import type { Lang } from '../../shared/languages.js';
import { TranslatorError, type TextMeasure, type TranslationRequest, type Translator } from './translator.js';

/**
 * How a long text is cut for a provider, and put back together.
 *
 * A text is cut into pieces that are exact substrings of it: whole paragraphs
 * where they fit, else sentences (Intl.Segmenter in the source language),
 * else, for a sentence longer than the limit, a cut at a word boundary (or,
 * for one word longer than the limit, between graphemes). Consecutive parts
 * are grouped back while the group fits. Everything between the pieces (the
 * blank lines between paragraphs, the spaces between sentences, the
 * whitespace around the text) is kept verbatim as "gaps", so joining the
 * translated pieces restores the layout exactly; providers are never trusted
 * with it.
 */

/** Pieces to translate and what lies around and between them. */
export interface TextPieces {
  /** In order; exact substrings of the text, none empty, none starting or ending with whitespace. */
  pieces: string[];
  /**
   * Verbatim, `pieces.length + 1` of them: gaps[0] before the first piece,
   * gaps[i] between pieces i-1 and i, the last one after the last piece.
   * A text with nothing to translate is `{ pieces: [], gaps: [text] }`.
   */
  gaps: string[];
}

export const utf16Length: TextMeasure = (text) => text.length;

/** UTF-8 bytes, without encoding the text (lone surrogates count as U+FFFD, as TextEncoder writes them). */
export const utf8Length: TextMeasure = (text) => {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
};

/** UTF-8 bytes of the text as a JSON string, without its quotes: what it adds to a JSON request body. */
export const jsonUtf8Length: TextMeasure = (text) => utf8Length(JSON.stringify(text)) - 2;

const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

export interface SplitOptions {
  /** How the limit counts; UTF-16 code units by default. */
  measure?: TextMeasure;
  /** The text's language, for sentence and word boundaries. */
  lang?: Lang;
}

/** A piece of the text by position: text.slice(start, end). */
interface Span {
  start: number;
  end: number;
}

/** A blank line (only spaces or tabs on it) ends a paragraph; single line breaks stay inside it. */
const PARAGRAPH_BREAK = /\r?\n(?:[^\S\r\n]*\r?\n)+/g;

/** Each paragraph of the text as one piece, however long: how adapters keep the blank lines between them. */
export function splitParagraphs(text: string): TextPieces {
  return fromSpans(text, paragraphSpans(text));
}

/** The text in pieces of at most `maxChars` (in the unit of `measure`), cut at the best boundaries available. */
export function splitForTranslation(text: string, maxChars: number, options: SplitOptions = {}): TextPieces {
  if (!(maxChars > 0)) throw new RangeError(`maxChars must be positive, not ${maxChars}`);
  const measure = options.measure ?? utf16Length;
  const fits = (span: Span) => measure(text.slice(span.start, span.end)) <= maxChars;

  const parts: Span[] = [];
  for (const paragraph of paragraphSpans(text)) {
    if (fits(paragraph)) {
      parts.push(paragraph);
      continue;
    }
    for (const sentence of sentenceSpans(text, paragraph, options.lang)) {
      if (fits(sentence)) parts.push(sentence);
      else parts.push(...hardCut(text, sentence, maxChars, measure, options.lang));
    }
  }

  // Greedy grouping: each piece takes the following parts while the whole stretch still fits.
  const pieces: Span[] = [];
  for (const part of parts) {
    const last = pieces.at(-1);
    if (last && fits({ start: last.start, end: part.end })) last.end = part.end;
    else pieces.push({ ...part });
  }
  return fromSpans(text, pieces);
}

/**
 * The text in two pieces, cut at the sentence boundary nearest its middle (a
 * word boundary, then a grapheme boundary, when it is one sentence): what to
 * do with a piece a provider refused as too large. One piece when it cannot
 * be cut (a single grapheme).
 */
export function splitInHalf(text: string, lang?: Lang): TextPieces {
  const whole = trimSpan(text, { start: 0, end: text.length });
  if (!whole) return fromSpans(text, []);
  const middle = (whole.start + whole.end) / 2;
  for (const granularity of ['sentence', 'word', 'grapheme'] as const) {
    const starts = boundaries(text, whole, granularity, lang).filter((b) => b > whole.start && b < whole.end);
    if (starts.length === 0) continue;
    const cut = starts.reduce((best, b) => (Math.abs(b - middle) < Math.abs(best - middle) ? b : best));
    const halves = [trimSpan(text, { start: whole.start, end: cut }), trimSpan(text, { start: cut, end: whole.end })];
    if (halves[0] && halves[1]) return fromSpans(text, halves as Span[]);
  }
  return fromSpans(text, [whole]);
}

/**
 * The translated pieces with the original gaps between them. Given the target
 * language, a gap inside a paragraph follows its spacing: sentences cut from
 * Chinese (no space between them) get a space in French, and lose it in
 * Chinese. Paragraph breaks and the text's own leading and trailing whitespace
 * are always kept as they were.
 */
export function joinPieces(split: TextPieces, translated: readonly string[], target?: Lang): string {
  if (translated.length !== split.pieces.length)
    throw new Error(`${translated.length} translated pieces for ${split.pieces.length} pieces`);
  let out = split.gaps[0] ?? '';
  translated.forEach((piece, i) => {
    const gap = split.gaps[i + 1] ?? '';
    const last = i === translated.length - 1;
    out += piece.trim() + (last || !target ? gap : spacingFor(gap, target));
  });
  return out;
}

/** Languages written without spaces between sentences (of the ten: Chinese). */
const UNSPACED: ReadonlySet<Lang> = new Set(['zh']);

function spacingFor(gap: string, target: Lang): string {
  if (/[\r\n]/.test(gap)) return gap;
  if (UNSPACED.has(target)) return '';
  return gap === '' ? ' ' : gap;
}

/**
 * Translates a text of any length: in pieces under the translator's limit,
 * one request after another, joined back with the original layout. A piece the
 * provider still refuses as too large (its limit is lower than it said, or it
 * counts differently) is cut in half at a sentence boundary and tried once more.
 */
export async function translateLong(translator: Translator, req: TranslationRequest): Promise<string> {
  const split = splitForTranslation(req.text, translator.maxChars, {
    measure: translator.measure ?? utf16Length,
    lang: req.source,
  });
  const translated: string[] = [];
  for (const piece of split.pieces) {
    req.signal?.throwIfAborted();
    translated.push(await translatePiece(translator, { ...req, text: piece }));
  }
  return joinPieces(split, translated, req.target);
}

async function translatePiece(translator: Translator, req: TranslationRequest): Promise<string> {
  try {
    return await translator.translate(req);
  } catch (error) {
    if (!(error instanceof TranslatorError) || error.kind !== 'too-large') throw error;
    const halves = splitInHalf(req.text, req.source);
    if (halves.pieces.length < 2) throw error;
    const translated: string[] = [];
    for (const half of halves.pieces) translated.push(await translator.translate({ ...req, text: half }));
    return joinPieces(halves, translated, req.target);
  }
}

function paragraphSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const match of text.matchAll(PARAGRAPH_BREAK)) {
    const span = trimSpan(text, { start, end: match.index });
    if (span) spans.push(span);
    start = match.index + match[0].length;
  }
  const last = trimSpan(text, { start, end: text.length });
  if (last) spans.push(last);
  return spans;
}

function sentenceSpans(text: string, within: Span, lang: Lang | undefined): Span[] {
  const starts = boundaries(text, within, 'sentence', lang);
  const spans: Span[] = [];
  starts.forEach((start, i) => {
    const span = trimSpan(text, { start, end: starts[i + 1] ?? within.end });
    if (span) spans.push(span);
  });
  return spans;
}

/**
 * A sentence longer than the limit, in parts that fit: each ends at the last
 * word boundary that fits, or at the last grapheme boundary for a single
 * overlong word (a URL, a chemical name), never inside a grapheme.
 */
function hardCut(text: string, sentence: Span, maxChars: number, measure: TextMeasure, lang?: Lang): Span[] {
  const words = boundaries(text, sentence, 'word', lang);
  const spans: Span[] = [];
  for (let rest = trimSpan(text, sentence); rest;) {
    const from = rest.start;
    // The last cut whose stretch fits; the measure only grows with the cut, so a binary search finds it.
    const lastFitting = (cuts: number[]) => {
      let [low, high, best] = [0, cuts.length - 1, null as number | null];
      while (low <= high) {
        const mid = (low + high) >> 1;
        if (measure(text.slice(from, cuts[mid]).trimEnd()) <= maxChars) [best, low] = [cuts[mid]!, mid + 1];
        else high = mid - 1;
      }
      return best;
    };
    const graphemes = () => [...boundaries(text, rest!, 'grapheme', lang).slice(1), rest!.end];
    const cut = lastFitting([...words.filter((b) => b > from), sentence.end]) ?? lastFitting(graphemes());
    if (cut === null) {
      const grapheme = text.slice(from, graphemes()[0]);
      throw new RangeError(`maxChars (${maxChars}) is smaller than one grapheme (${measure(grapheme)})`);
    }
    const piece = trimSpan(text, { start: from, end: cut });
    if (piece) spans.push(piece);
    rest = trimSpan(text, { start: cut, end: sentence.end });
  }
  return spans;
}

const segmenters = new Map<string, Intl.Segmenter>();

/** Where each segment of `within` starts, absolute positions in ascending order, the first one `within.start`. */
function boundaries(
  text: string,
  within: Span,
  granularity: 'sentence' | 'word' | 'grapheme',
  lang: Lang | undefined,
): number[] {
  const key = `${lang ?? ''}/${granularity}`;
  let segmenter = segmenters.get(key);
  if (!segmenter) segmenters.set(key, (segmenter = new Intl.Segmenter(lang, { granularity })));
  const starts: number[] = [];
  for (const segment of segmenter.segment(text.slice(within.start, within.end)))
    starts.push(within.start + segment.index);
  return starts;
}

function trimSpan(text: string, span: Span): Span | null {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return start < end ? { start, end } : null;
}

function fromSpans(text: string, spans: readonly Span[]): TextPieces {
  const gaps: string[] = [];
  let at = 0;
  for (const span of spans) {
    gaps.push(text.slice(at, span.start));
    at = span.end;
  }
  gaps.push(text.slice(at));
  return { pieces: spans.map((s) => text.slice(s.start, s.end)), gaps };
}
