import type { TagId } from '../model/annotations.js';

/**
 * Tags merge as a set against the base: a tag added on either side is in, a tag
 * removed on either side is out. Against one base no tag can be both added and
 * removed (it was in the base or it was not). Where that choice does arise, it
 * keeps the tag, so nothing is lost: with no base (pass []) every tag either
 * side holds counts as added, so the result is the union.
 *
 * Not seen by any base-versus-current merge: a server that removed a tag and
 * added it back looks unchanged, so a concurrent local removal wins.
 *
 * Order: the server's tags in its order, then local additions in local order,
 * so a result equal to the server's set is the server's array, unchanged.
 */
export function mergeTags(base: readonly TagId[], local: readonly TagId[], server: readonly TagId[]): TagId[] {
  const inBase = new Set(base);
  const inLocal = new Set(local);
  const merged = new Set<TagId>();
  for (const tag of server) if (!(inBase.has(tag) && !inLocal.has(tag))) merged.add(tag);
  for (const tag of local) if (!inBase.has(tag)) merged.add(tag);
  return [...merged];
}
