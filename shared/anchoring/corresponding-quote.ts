import { paragraphRanges, type TextRange } from './paragraphs.js';

/** The sentences of a text, as the language's segmenter cuts them (each with its trailing space). */
export function sentenceRanges(text: string, language: string): TextRange[] {
  return [...new Intl.Segmenter(language, { granularity: 'sentence' }).segment(text)].map((s) => ({
    start: s.index,
    end: s.index + s.segment.length,
  }));
}

// What may lie between a quote and the ends of its sentences: a left-out full stop, quotation marks, spaces.
const NOT_WORDS = /^[\p{P}\p{Z}\s]*$/u;

/**
 * The words of `other` (another language version of the same contribution)
 * that stand for `quote`, a passage of `quoted`; null when that cannot be
 * told for sure, since a wrong passage is worse than a marked re-translation.
 *
 * Versions keep the original's paragraphs (paragraphs.ts), and a translation
 * keeps its paragraph's sentences as a rule: the quote is found once in
 * `quoted`, inside one paragraph, and must be made of whole sentences (a
 * quote of part of a sentence cannot be told apart in the other language's
 * sentence). A whole paragraph gives the other's whole paragraph; some of its
 * sentences give the other's sentences in the same places, when both
 * paragraphs have as many sentences.
 */
export function correspondingQuote(
  quoted: { text: string; language: string },
  quote: string,
  other: { text: string; language: string },
): string | null {
  const words = quote.trim();
  if (!words) return null;
  const start = quoted.text.indexOf(words);
  if (start < 0 || quoted.text.includes(words, start + 1)) return null;
  const end = start + words.length;
  const mine = paragraphRanges(quoted.text);
  const theirs = paragraphRanges(other.text);
  if (mine.length !== theirs.length) return null;
  const index = mine.findIndex((r) => r.start <= start && end <= r.end);
  if (index < 0) return null;
  const paragraph = quoted.text.slice(mine[index]!.start, mine[index]!.end);
  const target = other.text.slice(theirs[index]!.start, theirs[index]!.end);
  const from = start - mine[index]!.start;
  const to = end - mine[index]!.start;
  const sentences = sentenceRanges(paragraph, quoted.language);
  const first = sentences.findIndex((s) => s.start <= from && from < s.end);
  const last = sentences.findIndex((s) => s.start < to && to <= s.end);
  if (first < 0 || last < first) return null;
  const left = paragraph.slice(sentences[first]!.start, from) + paragraph.slice(to, sentences[last]!.end);
  if (!NOT_WORDS.test(left)) return null;
  if (first === 0 && last === sentences.length - 1) return target;
  const targetSentences = sentenceRanges(target, other.language);
  if (targetSentences.length !== sentences.length) return null;
  return target.slice(targetSentences[first]!.start, targetSentences[last]!.end).trim();
}
