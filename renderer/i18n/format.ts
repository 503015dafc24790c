import type { Lang } from '../../shared/languages.js';

/** Intl formatters in the UI language, cached: screens call these per row. */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames | Intl.ListFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat | Intl.DisplayNames | Intl.ListFormat>(
  key: string,
  make: () => T,
): T {
  let value = cache.get(key) as T | undefined;
  if (!value) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

export function formatNumber(lang: Lang, value: number): string {
  return cached(`n:${lang}`, () => new Intl.NumberFormat(lang)).format(value);
}

export function formatBytes(lang: Lang, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
  let unit = 0;
  let value = bytes;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return cached(
    `b:${lang}:${unit}`,
    () =>
      new Intl.NumberFormat(lang, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: 1 }),
  ).format(value);
}

/** Seminar dates are calendar days ("2017-02-01"): format them in UTC so no time zone shifts the day. */
export function formatDay(lang: Lang, isoDate: string): string {
  const date = new Date(isoDate.length === 10 ? `${isoDate}T00:00:00Z` : isoDate);
  if (Number.isNaN(date.getTime())) return isoDate;
  return cached(`d:${lang}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeZone: 'UTC' })).format(date);
}

export function formatDate(lang: Lang, iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return cached(`t:${lang}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'medium' })).format(date);
}

/** A moment of today or another day, to the minute: "last synchronised" times. */
export function formatTime(lang: Lang, iso: string): string {
  return cached(`dt:${lang}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short' })).format(
    new Date(iso),
  );
}

export function formatList(lang: Lang, items: string[]): string {
  return cached(`l:${lang}`, () => new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' })).format(items);
}

/** A language's name in the UI language ("French", "Französisch", "فرنسية"). */
export function languageName(uiLang: Lang, code: string): string {
  try {
    return cached(`dn:${uiLang}`, () => new Intl.DisplayNames(uiLang, { type: 'language' })).of(code) ?? code;
  } catch {
    return code;
  }
}
