import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../shared/languages.js';
import { mutationSchema } from '../../../shared/protocol/mutations.js';

const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;

function load(lang: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../../../renderer/i18n/locales/${lang}.json`, import.meta.url), 'utf8'));
}

function flatten(value: Record<string, unknown>, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [key, child] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof child === 'string') out.set(path, child);
    else if (typeof child === 'object' && child !== null) flatten(child as Record<string, unknown>, path, out);
    else throw new Error(`${path} is neither a string nor an object`);
  }
  return out;
}

interface Entry {
  /** Plural forms present (empty for a plain key). */
  forms: Set<string>;
  variables: Set<string>;
}

/** Groups `key_one`, `key_other`… into one family, the way i18next resolves them. */
function entries(lang: string): Map<string, Entry> {
  const flat = flatten(load(lang));
  const result = new Map<string, Entry>();
  for (const [key, text] of flat) {
    const match = /^(.*)_(zero|one|two|few|many|other)$/.exec(key);
    const isPlural = match !== null && flat.has(`${match[1]}_other`);
    const base = isPlural ? match[1]! : key;
    const entry = result.get(base) ?? { forms: new Set<string>(), variables: new Set<string>() };
    if (isPlural) entry.forms.add(match[2]!);
    for (const variable of text.matchAll(/\{\{\s*([\w.-]+)\s*(?:,[^}]*)?\}\}/g)) entry.variables.add(variable[1]!);
    result.set(base, entry);
  }
  return result;
}

const english = entries('en');

describe('locale files', () => {
  it('English has plural families and no empty key set', () => {
    expect(english.size).toBeGreaterThan(50);
    expect([...english.values()].some((entry) => entry.forms.size > 0)).toBe(true);
  });

  for (const lang of LANGUAGES) {
    describe(lang, () => {
      const locale = entries(lang);
      const required = new Set(new Intl.PluralRules(lang).resolvedOptions().pluralCategories);

      it('has every key English has, and no other', () => {
        const missing = [...english.keys()].filter((key) => !locale.has(key));
        const extra = [...locale.keys()].filter((key) => !english.has(key));
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      });

      it('has exactly the plural forms Intl.PluralRules uses for the language', () => {
        const wrong: string[] = [];
        for (const [key, entry] of english) {
          if (entry.forms.size === 0) continue;
          const forms = locale.get(key)?.forms ?? new Set<string>();
          const lacking = [...required].filter((form) => !forms.has(form));
          const unused = [...forms].filter((form) => !required.has(form as Intl.LDMLPluralRule));
          if (lacking.length > 0 || unused.length > 0)
            wrong.push(`${key}: lacks [${lacking.join(', ')}], unused [${unused.join(', ')}]`);
        }
        expect(wrong).toEqual([]);
        expect(PLURAL_SUFFIXES).toContain('other');
      });

      it('uses the same interpolation variables as English', () => {
        const differing: string[] = [];
        for (const [key, entry] of english) {
          const theirs = locale.get(key);
          if (!theirs) continue;
          const a = [...entry.variables].sort().join(',');
          const b = [...theirs.variables].sort().join(',');
          if (a !== b) differing.push(`${key}: en {${a}} vs ${lang} {${b}}`);
        }
        expect(differing).toEqual([]);
      });

      it('has no empty string', () => {
        const empty = [...flatten(load(lang))].filter(([, text]) => text.trim() === '').map(([key]) => key);
        expect(empty).toEqual([]);
      });
    });
  }
});

describe('the outbox’s names of changes', () => {
  // The outbox and the rejected list show `reconcile.kind.<kind>`: a kind without a name showed its raw key.
  it('names every kind of mutation a device can push, in every language', () => {
    const kinds = mutationSchema.options.map((option) => option.shape.kind.value);
    for (const lang of LANGUAGES) {
      const names = flatten(load(lang));
      for (const kind of kinds) expect(names.get(`reconcile.kind.${kind}`), `${lang}: ${kind}`).toBeTruthy();
    }
  });
});
