/**
 * The light/dark choice as `data-theme` on <html>, which the style sheets read.
 * Minimal on purpose: the "toggle dark mode" command needs only this; the
 * design system's own preferences (ui/preferences.ts, when it lands) may take
 * it over, keeping the same attribute.
 */
export type Theme = 'light' | 'dark';

/** The theme shown now: the one chosen, else the system's. */
export function shownTheme(doc: Document = document): Theme {
  const chosen = doc.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Switches to the other theme and returns it. */
export function toggleTheme(doc: Document = document): Theme {
  const next: Theme = shownTheme(doc) === 'dark' ? 'light' : 'dark';
  doc.documentElement.dataset.theme = next;
  return next;
}
