/**
 * Server order, for a field that cannot be merged (visibility, the target's
 * anchor): the local value only if the server has not changed the field since
 * the base; when both changed it, the server's, i.e. the write accepted first.
 * No client clock takes part.
 */
export function mergeScalar<T>(base: T, local: T, server: T, same: (a: T, b: T) => boolean = Object.is): T {
  return same(server, base) ? local : server;
}

/** Structural equality of JSON-like values (key order ignored), for fields stored as small objects. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const aKeys = Object.keys(a);
  if (aKeys.length !== Object.keys(b).length) return false;
  return aKeys.every(
    (key) =>
      Object.hasOwn(b, key) && sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}
