/**
 * The units a note is compared in by the three-way merge: words. Joined, the
 * tokens give the text back exactly: whitespace, newlines and punctuation
 * included.
 *
 * - A word is one token, as Intl.Segmenter finds it: by UAX #29 in scripts
 *   written with spaces (Latin, Cyrillic, Arabic, Hangul), by ICU's dictionary
 *   in those written without (Chinese, Japanese, Thai). So two edits of one
 *   Chinese word collide as two edits of one French word do, where splitting
 *   Chinese into characters would splice two rewrites of a word into a third.
 *   The dictionary differs between ICU versions and may re-cut the words next
 *   to an edit; that only widens an edit, which can turn a merge of two nearby
 *   edits into a conflict, never lose text.
 * - Anything else (whitespace, punctuation, emoji) is one character (grapheme
 *   cluster; a CRLF stays one), so deleting a word does not fuse the spaces
 *   around it into a new token that swallows its neighbours.
 */

const words = new Intl.Segmenter('und', { granularity: 'word' });
const characters = new Intl.Segmenter('und', { granularity: 'grapheme' });

export function tokenizeText(text: string): string[] {
  const tokens: string[] = [];
  for (const { segment, isWordLike } of words.segment(text)) {
    if (isWordLike) tokens.push(segment);
    else for (const { segment: character } of characters.segment(segment)) tokens.push(character);
  }
  return tokens;
}
