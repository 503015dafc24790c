import { z } from 'zod';

/**
 * The one rule for every text field, checked the same way by the app (before
 * a change is queued) and by the server (whatever a client sends): no NUL
 * character, and no half of a character (a UTF-16 surrogate without its
 * pair). JSON carries both, but PostgreSQL stores neither, and rewriting
 * them (U+FFFD) would change what someone wrote without telling them: the
 * field is refused, named, and the text stays where it was typed.
 *
 * Matched on code units, so no `u` flag.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what is refused
const BAD = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export type BadCharacter = { kind: 'nul' | 'lone-surrogate'; index: number };

/** The first character no text field may hold, or null. */
export function findBadCharacter(value: string): BadCharacter | null {
  const match = BAD.exec(value);
  if (!match) return null;
  return { kind: match[0] === '\u0000' ? 'nul' : 'lone-surrogate', index: match.index };
}

export function describeBadCharacter(bad: BadCharacter): string {
  return bad.kind === 'nul'
    ? `holds a NUL character (U+0000) at position ${bad.index}`
    : `holds half of a character (a lone UTF-16 surrogate) at position ${bad.index}`;
}

/** `schema` refusing bad characters, with the message above (the issue's path names the field). */
export function storableText<T extends z.ZodString>(schema: T): T {
  return schema.superRefine((value, ctx) => {
    const bad = findBadCharacter(value);
    if (bad) ctx.addIssue({ code: 'custom', message: describeBadCharacter(bad) });
  }) as T;
}

/** A text field as most are: a string of at most `max` characters, bad characters refused. */
export const textField = (max: number) => storableText(z.string().max(max));

/** The path of the first string in `value` holding a bad character (keys included), or null. */
export function findBadTextField(value: unknown, path: (string | number)[] = []): string | null {
  if (typeof value === 'string') return findBadCharacter(value) ? path.join('.') || '(value)' : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    if (findBadCharacter(key)) return [...path, key].join('.');
    const found = findBadTextField(item, [...path, Array.isArray(value) ? Number(key) : key]);
    if (found !== null) return found;
  }
  return null;
}

/** A change the app refuses to queue: the server would refuse it for good. `field` is its path in the change. */
export class BadTextError extends Error {
  override readonly name = 'BadTextError';
  constructor(readonly field: string) {
    super(`${field} holds a NUL character or half of a character`);
  }
}
