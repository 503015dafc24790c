import { pickLocalized, type Lang } from '../languages.js';
import type { Annotation, Tag, TagId, TextPositionSelector } from '../model/annotations.js';
import type { Contribution, ContributionId, TextVersion } from '../model/entities.js';

/**
 * Where an annotation is in the current text of its version: the shape of
 * shared/anchoring's `anchor()` result, so the caller can pass those as they are.
 */
export type AnchorInfo = { status: 'anchored' | 'moved'; start: number; end: number } | { status: 'orphan' };

/**
 * What every export builder needs besides the annotations. Builders are pure:
 * the caller reads the contributions and the codebook from the database.
 */
export interface ExportContext {
  /** The annotated contributions; an annotation whose contribution is missing is exported without provenance. */
  contributions: Iterable<Contribution>;
  /** The seminar codebook (tags of the annotations that are missing here are exported by id). */
  tags: Iterable<Tag>;
  /** Language for tag labels; a missing label falls back as `pickLocalized` does. */
  language: Lang;
  /** Anchoring results per annotation id, when the caller has them: the CSV reports the status, the .qdpx places highlights with them. */
  anchors?: ReadonlyMap<string, AnchorInfo>;
}

/** The context, indexed once. */
export interface ExportIndex {
  contribution(id: ContributionId): Contribution | undefined;
  version(id: ContributionId, language: Lang): TextVersion | undefined;
  tags: readonly Tag[];
  /** A tag's label in the export language, and the language it really is in. */
  tagLabel(id: TagId): { text: string; lang: Lang | null };
  anchor(annotation: Annotation): AnchorInfo | undefined;
}

export function indexContext(context: ExportContext): ExportIndex {
  const contributions = new Map<string, Contribution>();
  for (const c of context.contributions) contributions.set(c.id, c);
  const tags = [...context.tags];
  const tagsById = new Map<string, Tag>(tags.map((t) => [t.id, t]));
  return {
    contribution: (id) => contributions.get(id),
    version: (id, language) => contributions.get(id)?.versions.find((v) => v.language === language),
    tags,
    tagLabel(id) {
      const tag = tagsById.get(id);
      const picked = tag ? pickLocalized(tag.label, context.language) : undefined;
      return picked ? { text: picked.text, lang: picked.lang } : { text: id, lang: null };
    },
    anchor: (annotation) => context.anchors?.get(annotation.id),
  };
}

/** Tombstones are kept for sync, never exported. */
export function liveAnnotations(annotations: Iterable<Annotation>): Annotation[] {
  return [...annotations].filter((a) => !a.deleted);
}

/** The stored UTF-16 position, if the text still has the quote there. */
export function verifiedPosition(annotation: Annotation, text: string): TextPositionSelector | null {
  const { position, quote } = annotation.target;
  return text.slice(position.start, position.end) === quote.exact ? { ...position } : null;
}

/**
 * The annotation's place in the text being exported: the caller's anchoring
 * result if given; else the stored position when the quote is still there, else
 * the one place where prefix+quote+suffix (or, failing that, the quote alone)
 * occurs. Null when there is no single place: the caller then keeps the
 * annotation as a note rather than guess.
 */
export function locateInText(
  annotation: Annotation,
  text: string,
  anchor: AnchorInfo | undefined,
): TextPositionSelector | null {
  if (anchor) {
    if (anchor.status === 'orphan') return null;
    const inRange = anchor.start >= 0 && anchor.start < anchor.end && anchor.end <= text.length;
    return inRange ? { start: anchor.start, end: anchor.end } : null;
  }
  const verified = verifiedPosition(annotation, text);
  if (verified) return verified;
  const { exact, prefix, suffix } = annotation.target.quote;
  const withContext = uniqueIndexOf(text, prefix + exact + suffix);
  if (withContext !== null)
    return { start: withContext + prefix.length, end: withContext + prefix.length + exact.length };
  const alone = uniqueIndexOf(text, exact);
  return alone === null ? null : { start: alone, end: alone + exact.length };
}

function uniqueIndexOf(text: string, needle: string): number | null {
  if (needle === '') return null;
  const first = text.indexOf(needle);
  if (first < 0 || text.indexOf(needle, first + 1) >= 0) return null;
  return first;
}
