import approxSearch from 'approx-string-match';

/**
 * Finding a quote in a text that changed, after the Hypothesis client's
 * `match-quote.ts`: candidates are exact occurrences, then approximate ones
 * (Myers' bit-parallel matcher), each scored on the similarity of the quote,
 * of the text before and after it with the stored prefix and suffix, and on
 * nearness to the old position. Unlike Hypothesis we refuse candidates under a
 * minimum score: an annotation with nowhere good to go becomes an orphan
 * rather than a note attached to a look-alike passage.
 */

// Hypothesis's weights: the quote counts most, each side of context less, and
// position only breaks ties between otherwise equal candidates.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;
const TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT;

/**
 * The lowest score a "moved" anchor may have, on Hypothesis's 0..1 scale.
 *
 * 0.8 is where the two failure modes separate. An unchanged quote whose whole
 * context was rewritten scores about 0.70–0.77 (unrelated 32-character contexts
 * in the same language are still 30–55 % alike), so a phrase that merely
 * recurs elsewhere does not attract the note. A quote that kept one side of
 * its context, or that kept both sides while up to about a third of its own
 * characters were edited, scores 0.81 or more and is offered to its author.
 */
export const MIN_SCORE = 0.8;

/** Quotes up to this length are searched whole; longer ones by their first and last `PART_LENGTH` characters. */
const WHOLE_QUOTE_LIMIT = 128;
const PART_LENGTH = 64;
/** Approximate search also looks this far around the old position, where a look-alike elsewhere would hide the real passage. */
const LOCAL_RADIUS = 512;
/** Candidates kept per search, the nearest to the old position first: a short quote may occur hundreds of times. */
const MAX_CANDIDATES = 64;
/** Spans of a long quote that are checked against the whole quote. */
const MAX_SPANS = 4;

export interface QuoteContext {
  /** The text expected before the quote; empty when the quote started the text. */
  prefix: string;
  /** The text expected after the quote; empty when the quote ended the text. */
  suffix: string;
  /** Where the quote used to start. */
  hint: number;
}

export interface QuoteMatch {
  start: number;
  end: number;
  /** 0..1, 1 being the same quote in the same context at the same place. */
  score: number;
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

/**
 * The largest share of the quote that may differ and still reach `minScore`
 * with perfect context: searching with more errors would only find candidates
 * that are refused anyway. Capped at Hypothesis's one half.
 */
export function maxErrorRate(minScore: number): number {
  const lowestQuoteScore = (minScore * TOTAL_WEIGHT - (PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT)) / QUOTE_WEIGHT;
  return Math.min(0.5, Math.max(0, 1 - lowestQuoteScore));
}

/** The best place for `quote` in `text`, or null when no candidate reaches `minScore`. */
export function matchQuote(
  text: string,
  quote: string,
  context: QuoteContext,
  minScore: number = MIN_SCORE,
): QuoteMatch | null {
  if (quote.length === 0 || text.length === 0) return null;
  const score = (candidate: Candidate) => scoreCandidate(text, quote.length, candidate, context);

  const exact = nearest(exactOccurrences(text, quote), context.hint);
  let best = bestOf(exact.map(score));
  if (best && best.score >= minScore) return best;

  const rate = maxErrorRate(minScore);
  const fuzzy =
    quote.length <= WHOLE_QUOTE_LIMIT
      ? approximateOccurrences(text, quote, Math.floor(quote.length * rate), context.hint, exact.length === 0)
      : longQuoteOccurrences(text, quote, rate, context.hint);
  best = bestOf([...(best ? [best] : []), ...fuzzy.map(score)]);
  return best && best.score >= minScore ? best : null;
}

function exactOccurrences(text: string, pattern: string): Candidate[] {
  const found: Candidate[] = [];
  for (let at = text.indexOf(pattern); at !== -1; at = text.indexOf(pattern, at + 1)) {
    found.push({ start: at, end: at + pattern.length, errors: 0 });
  }
  return found;
}

/**
 * Approximate matches near the old position and, when the pattern occurs
 * nowhere exactly, in the whole text. The matcher only reports its
 * lowest-error matches, so the local search is what finds a lightly edited
 * passage when a closer look-alike exists elsewhere.
 */
function approximateOccurrences(
  text: string,
  pattern: string,
  maxErrors: number,
  hint: number,
  searchWholeText: boolean,
): Candidate[] {
  if (maxErrors === 0) return [];
  const from = Math.max(0, hint - LOCAL_RADIUS);
  const to = Math.min(text.length, hint + pattern.length + LOCAL_RADIUS);
  const found = searchWholeText ? approxSearch(text, pattern, maxErrors) : [];
  // Nothing anywhere means nothing nearby; a best match inside the window is also the window's best.
  const localIsNew = searchWholeText ? found.length > 0 && !found.some((m) => m.start >= from && m.end <= to) : true;
  if (localIsNew) found.push(...searchIn(text, pattern, maxErrors, from, to));
  return nearest(uniqueByStart(found), hint);
}

/**
 * A long quote is found by its two ends: a head match followed, about one
 * quote length later, by a tail match (or the reverse, when the head was
 * edited). The few best spans are then compared with the whole quote, which
 * also gives their real extent.
 */
function longQuoteOccurrences(text: string, quote: string, rate: number, hint: number): Candidate[] {
  const length = quote.length;
  const head = quote.slice(0, PART_LENGTH);
  const tail = quote.slice(length - PART_LENGTH);
  const partErrors = Math.floor(PART_LENGTH * rate);
  const slack = Math.floor(length * rate);
  const occurrences = (pattern: string, at: number) => {
    const exact = exactOccurrences(text, pattern);
    return nearest([...exact, ...approximateOccurrences(text, pattern, partErrors, at, exact.length === 0)], at);
  };

  const spans: Candidate[] = [];
  for (const h of occurrences(head, hint)) {
    const t = bestIn(text, tail, partErrors, h.start + length - PART_LENGTH - slack, h.start + length + slack);
    if (t) spans.push({ start: h.start, end: t.end, errors: h.errors + t.errors });
  }
  for (const t of occurrences(tail, hint + length - PART_LENGTH)) {
    const h = bestIn(text, head, partErrors, t.end - length - slack, t.end - length + PART_LENGTH + slack);
    if (h) spans.push({ start: h.start, end: t.end, errors: h.errors + t.errors });
  }

  const maxErrors = Math.floor(length * rate);
  const verified: Candidate[] = [];
  const checked = uniqueByStart(spans)
    .sort((a, b) => a.errors - b.errors || Math.abs(a.start - hint) - Math.abs(b.start - hint))
    .slice(0, MAX_SPANS);
  for (const span of checked) {
    const whole = bestIn(text, quote, maxErrors, span.start, span.end);
    if (whole) verified.push(whole);
  }
  return verified;
}

/** The longest of the lowest-error matches of `pattern` inside text[from, to). */
function bestIn(text: string, pattern: string, maxErrors: number, from: number, to: number): Candidate | null {
  const matches = searchIn(text, pattern, maxErrors, from, to);
  let best: Candidate | null = null;
  for (const m of matches) {
    if (!best || m.errors < best.errors || (m.errors === best.errors && m.end - m.start > best.end - best.start)) {
      best = m;
    }
  }
  return best;
}

function searchIn(text: string, pattern: string, maxErrors: number, from: number, to: number): Candidate[] {
  const start = Math.max(0, from);
  const end = Math.min(text.length, to);
  if (end <= start) return [];
  return approxSearch(text.slice(start, end), pattern, maxErrors).map((m) => ({
    start: m.start + start,
    end: m.end + start,
    errors: m.errors,
  }));
}

function uniqueByStart(candidates: Candidate[]): Candidate[] {
  const byStart = new Map<number, Candidate>();
  for (const c of candidates) {
    const seen = byStart.get(c.start);
    if (!seen || c.errors < seen.errors || (c.errors === seen.errors && c.end - c.start > seen.end - seen.start)) {
      byStart.set(c.start, c);
    }
  }
  return [...byStart.values()];
}

function nearest(candidates: Candidate[], hint: number): Candidate[] {
  if (candidates.length <= MAX_CANDIDATES) return candidates;
  return [...candidates].sort((a, b) => Math.abs(a.start - hint) - Math.abs(b.start - hint)).slice(0, MAX_CANDIDATES);
}

function bestOf(matches: QuoteMatch[]): QuoteMatch | null {
  let best: QuoteMatch | null = null;
  for (const m of matches) {
    if (!best || m.score > best.score || (m.score === best.score && m.start < best.start)) best = m;
  }
  return best;
}

function scoreCandidate(text: string, quoteLength: number, c: Candidate, context: QuoteContext): QuoteMatch {
  const quoteScore = 1 - c.errors / quoteLength;
  const prefixScore =
    context.prefix === ''
      ? boundaryScore(text, 0, c.start)
      : similarity(text.slice(Math.max(0, c.start - context.prefix.length), c.start), context.prefix);
  const suffixScore =
    context.suffix === ''
      ? boundaryScore(text, c.end, text.length)
      : similarity(text.slice(c.end, c.end + context.suffix.length), context.suffix);
  const positionScore = 1 - Math.min(1, Math.abs(c.start - context.hint) / text.length);
  const score =
    (QUOTE_WEIGHT * quoteScore +
      PREFIX_WEIGHT * prefixScore +
      SUFFIX_WEIGHT * suffixScore +
      POSITION_WEIGHT * positionScore) /
    TOTAL_WEIGHT;
  return { start: c.start, end: c.end, score };
}

/**
 * An empty stored context says the quote began (or ended) the text. Still at
 * that edge: full marks. Text has since appeared there: no evidence either
 * way, so half marks. Hypothesis gives full marks in both cases, which lets a
 * quote from the first line attach to any later look-alike.
 */
function boundaryScore(text: string, from: number, to: number): number {
  for (let i = from; i < to; i += 1) {
    if (!/\s/.test(text.charAt(i))) return 0.5;
  }
  return 1;
}

/** 1 − (edit distance of the best alignment of `expected` within `actual`) / its length, as Hypothesis does. */
function similarity(actual: string, expected: string): number {
  if (actual === expected) return 1;
  if (actual.length === 0) return 0;
  const errors = approxSearch(actual, expected, expected.length)[0]?.errors ?? expected.length;
  return 1 - errors / expected.length;
}
