import type { Lang } from '../languages.js';
import { matchesPattern, type QueryPart, type WordPattern } from './query.js';
import { isUnspacedScript, tokenize, unspacedRuns, type Token, type UnspacedRun } from './tokenize.js';

/** A range of the ORIGINAL text (UTF-16 offsets, end exclusive). */
export interface TextSpan {
  start: number;
  end: number;
}

export interface TextMatches {
  /** Every matched word or phrase, in text order, not overlapping. */
  spans: TextSpan[];
  /** Whether every part of the query is in the text (a phrase: its words adjacent, in order). */
  complete: boolean;
}

function phraseAt(tokens: readonly Token[], at: number, patterns: readonly WordPattern[], lang: Lang): number {
  for (let j = 0; j < patterns.length; j++) {
    const token = tokens[at + j];
    if (!token || !matchesPattern(token.word, patterns[j]!, lang)) return 0;
  }
  return patterns.length;
}

/**
 * Chinese is segmented by dictionary, and a phrase may be cut differently in
 * the query than in the text (审慎义务 alone, or 审慎 + 义务 in a sentence), so
 * in scripts without spaces a phrase matches consecutive words whose
 * concatenation starts with the phrase's.
 */
function joinedPhraseAt(tokens: readonly Token[], at: number, patterns: readonly WordPattern[]): number {
  const wanted = patterns.map((p) => p.word).join('');
  const last = patterns.at(-1);
  let joined = '';
  for (let j = at; j < tokens.length; j++) {
    if (j > at && tokens[j]!.start !== tokens[j - 1]!.end) return 0;
    joined += tokens[j]!.word;
    if (joined.length >= wanted.length) {
      if (joined === wanted || (last?.prefix && joined.startsWith(wanted))) return j - at + 1;
      return 0;
    }
    if (!wanted.startsWith(joined)) return 0;
  }
  return 0;
}

function mergeSpans(spans: TextSpan[]): TextSpan[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: TextSpan[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

/** Where a run of Chinese or Japanese occurs in the text's runs. */
function runSpans(runs: readonly UnspacedRun[], wanted: string, spans: TextSpan[]): boolean {
  let found = false;
  for (const run of runs) {
    for (let at = run.text.indexOf(wanted); at >= 0; at = run.text.indexOf(wanted, at + 1)) {
      spans.push({ start: run.starts[at]!, end: run.ends[at + wanted.length - 1]! });
      found = true;
    }
  }
  return found;
}

/** Where the query's parts occur in a text, tokenized as the index tokenized it. */
export function findMatches(text: string, lang: Lang, parts: readonly QueryPart[]): TextMatches {
  const tokens = tokenize(text, lang);
  let runs: UnspacedRun[] | null = null;
  const spans: TextSpan[] = [];
  let complete = parts.length > 0;
  for (const part of parts) {
    if (part.phrase && part.patterns.length > 1) {
      const joined = part.patterns.some((p) => isUnspacedScript(p.word));
      let found = false;
      for (let i = 0; i < tokens.length; i++) {
        const length = joined ? joinedPhraseAt(tokens, i, part.patterns) : phraseAt(tokens, i, part.patterns, lang);
        if (length === 0) continue;
        spans.push({ start: tokens[i]!.start, end: tokens[i + length - 1]!.end });
        found = true;
      }
      complete &&= found;
      continue;
    }
    for (const pattern of part.patterns) {
      // A stopword alone is neither required nor marked: it is in every text.
      if (!pattern.indexed) continue;
      if (pattern.run) {
        runs ??= unspacedRuns(tokens);
        complete &&= runSpans(runs, pattern.word, spans);
        continue;
      }
      let found = false;
      for (const token of tokens) {
        if (!matchesPattern(token.word, pattern, lang)) continue;
        spans.push({ start: token.start, end: token.end });
        found = true;
      }
      complete &&= found;
    }
  }
  return { spans: mergeSpans(spans), complete };
}

/** A passage of a text around its matches, with the matches' places in it. */
export interface Snippet {
  text: string;
  /** Where the passage starts in the whole text. */
  start: number;
  /** Cut from a longer text on that side (the view shows an ellipsis). */
  cutBefore: boolean;
  cutAfter: boolean;
  /** Matches inside the passage, relative to its start. */
  highlights: TextSpan[];
  /** The first match in the whole text: where the reader opens. */
  first: TextSpan;
}

export interface SnippetOptions {
  /** Characters shown before the first match. */
  before?: number;
  /** Length of the passage at most. */
  length?: number;
}

const SPACE = /\s/;

/** Moves a cut to the nearest space within `slack` characters, so it does not fall inside a word. */
function snap(text: string, at: number, direction: -1 | 1, slack: number): number {
  for (let i = 0; i <= slack; i++) {
    const position = at + direction * i;
    if (position <= 0) return 0;
    if (position >= text.length) return text.length;
    if (SPACE.test(text[position]!)) return direction > 0 ? position + 1 : position;
  }
  // No space near (Chinese, or one long word): keep the cut, but never between two halves of a surrogate pair.
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at + direction : at;
}

/**
 * A passage of about `length` characters that starts a little before the first
 * match and shows as many matches as fit. Offsets stay those of the original
 * text, so highlights are right in Arabic (marks included) and Chinese alike.
 */
export function buildSnippet(text: string, spans: readonly TextSpan[], options: SnippetOptions = {}): Snippet | null {
  const first = spans[0];
  if (!first) return null;
  const unspaced = isUnspacedScript(text.slice(first.start, first.end));
  const length = options.length ?? (unspaced ? 90 : 220);
  const before = options.before ?? (unspaced ? 20 : 60);
  let start = Math.max(0, first.start - before);
  let end = Math.min(text.length, Math.max(first.end, start + length));
  if (end - start < length) start = Math.max(0, end - length);
  if (start > 0) start = Math.min(first.start, snap(text, start, 1, 20));
  if (end < text.length) end = Math.max(first.end, snap(text, end, -1, 20));
  const highlights = spans
    .filter((span) => span.start >= start && span.end <= end)
    .map((span) => ({ start: span.start - start, end: span.end - start }));
  return {
    text: text.slice(start, end),
    start,
    cutBefore: start > 0,
    cutAfter: end < text.length,
    highlights,
    first: { start: first.start, end: first.end },
  };
}
