import { correspondingParagraph, paragraphIndexAt } from '../../../shared/anchoring/index.js';
import type { Lang } from '../../../shared/languages.js';
import type { TextVersion } from '../../../shared/model/entities.js';
import type { TagRow } from '../../db/database.js';
import type { ShownHighlight } from './HighlightedText.js';
import type { PlacedAnnotation } from './use-annotations.js';

const DEFAULT_COLOR = '#f2c200';

/** Highlights drawn on one language version: the notes made on it that still have a place. */
export function highlightsOn(
  placed: readonly PlacedAnnotation[],
  lang: Lang,
  tags: readonly TagRow[],
): ShownHighlight[] {
  const color = new Map(tags.map((tag) => [tag.id as string, tag.color]));
  const shown: ShownHighlight[] = [];
  for (const item of placed) {
    if (item.row.target.language !== lang || item.placement.status === 'orphan') continue;
    shown.push({
      id: item.row.id,
      start: item.placement.start,
      end: item.placement.end,
      color: color.get(item.row.tags[0] ?? '') ?? DEFAULT_COLOR,
      own: item.own,
      moved: item.placement.status === 'moved',
    });
  }
  return shown;
}

/**
 * Paragraphs of `lang` that hold a note made on another version: translation is
 * paragraph by paragraph, so the corresponding paragraph is the same passage in
 * other words (none is marked when the versions' paragraphs do not line up).
 */
export function notedParagraphsOn(
  placed: readonly PlacedAnnotation[],
  lang: Lang,
  byLang: ReadonlyMap<Lang, TextVersion>,
): Set<number> {
  const indexes = new Set<number>();
  const here = byLang.get(lang);
  if (!here) return indexes;
  for (const item of placed) {
    const source = byLang.get(item.row.target.language);
    if (item.row.target.language === lang || !source || item.placement.status === 'orphan') continue;
    const range = correspondingParagraph(source.text, item.placement.start, here.text);
    if (range) indexes.add(paragraphIndexAt(here.text, range.start));
  }
  return indexes;
}
