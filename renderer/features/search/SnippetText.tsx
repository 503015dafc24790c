import type { Lang } from '../../../shared/languages.js';
import type { Snippet } from '../../../shared/search/index.js';

/**
 * A passage with its matches marked. The marks are cut from the original text
 * by offset, so they cover exactly what matched however it was folded (an
 * Arabic word with its vowel marks, a Chinese word without spaces around it),
 * and the passage is isolated with its own language and direction, so an
 * Arabic passage reads right to left in a French interface.
 */
export function SnippetText({ snippet, lang }: { snippet: Snippet; lang?: Lang }) {
  const pieces: { text: string; mark: boolean }[] = [];
  let at = 0;
  for (const { start, end } of snippet.highlights) {
    if (start > at) pieces.push({ text: snippet.text.slice(at, start), mark: false });
    pieces.push({ text: snippet.text.slice(start, end), mark: true });
    at = end;
  }
  if (at < snippet.text.length) pieces.push({ text: snippet.text.slice(at), mark: false });
  return (
    <bdi className="snippet" lang={lang} dir="auto" data-testid="snippet">
      {snippet.cutBefore ? '… ' : null}
      {pieces.map((piece, i) =>
        piece.mark ? (
          <mark key={i} className="search-hit" data-testid="search-hit">
            {piece.text}
          </mark>
        ) : (
          piece.text
        ),
      )}
      {snippet.cutAfter ? ' …' : null}
    </bdi>
  );
}
