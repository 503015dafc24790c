/**
 * PostgreSQL stores neither NUL characters (in text or jsonb) nor lone UTF-16
 * surrogates (in jsonb), and JSON allows both: an insert with one of them fails
 * the whole transaction. Matched on code units, so no `u` flag.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what must be found
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const HAS_UNSTORABLE = new RegExp(UNSTORABLE.source);

/** The path of the first string PostgreSQL cannot store, or undefined when every string is fine. */
export function unstorablePath(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === 'string') {
    return HAS_UNSTORABLE.test(value) ? path.join('.') || '(value)' : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const found = unstorablePath(key, [...path, '(key)']) ?? unstorablePath(item, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The same value with each unstorable character replaced by U+FFFD. Used for
 * what participants write: a selector cut through an emoji, say, keeps the rest
 * of their words instead of failing the write.
 */
export function toStorable<T>(value: T): T {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\ufffd') as T;
  if (Array.isArray(value)) return value.map((item) => toStorable(item)) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [toStorable(k), toStorable(v)])) as T;
}
