import { useSyncExternalStore } from 'react';

/**
 * How the app looks on this device: theme, reading size and pane widths. Kept in
 * localStorage (this device's, like a window's size), not in the synced settings:
 * a dark laptop and a light desk screen are both right.
 */
export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEMES: readonly ThemeChoice[] = ['system', 'light', 'dark'];
export type TextSize = 's' | 'm' | 'l' | 'xl';
export type PaneChoice = 'auto' | 'shown' | 'hidden';
const PANE_CHOICES: readonly PaneChoice[] = ['auto', 'shown', 'hidden'];
export const TEXT_SIZES: readonly TextSize[] = ['s', 'm', 'l', 'xl'];

export interface Preferences {
  theme: ThemeChoice;
  textSize: TextSize;
  /** Pane widths in CSS pixels, by pane name. */
  panes: Record<string, number>;
  /** The reader's question pane: 'auto' shows it on wide windows only. */
  questionsPane: PaneChoice;
  /** A question's contributions as threads (answers under what they answer) or flat, oldest first. */
  contributionLayout: ContributionLayout;
}
export type ContributionLayout = 'threads' | 'flat';
const LAYOUTS: readonly ContributionLayout[] = ['threads', 'flat'];

const KEY = 'seminar-desk.preferences';
const DEFAULTS: Preferences = {
  theme: 'system',
  textSize: 'm',
  panes: {},
  questionsPane: 'auto',
  contributionLayout: 'threads',
};

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // A sandboxed frame without storage: the defaults serve.
    return null;
  }
}

/** A stored value from an older or damaged copy falls back field by field: never a blank app. */
export function parsePreferences(raw: string | null): Preferences {
  if (!raw) return DEFAULTS;
  try {
    const value = JSON.parse(raw) as Partial<Preferences>;
    const panes: Record<string, number> = {};
    if (value.panes && typeof value.panes === 'object')
      for (const [name, width] of Object.entries(value.panes))
        if (typeof width === 'number' && Number.isFinite(width)) panes[name] = width;
    return {
      theme: THEMES.includes(value.theme as ThemeChoice) ? (value.theme as ThemeChoice) : DEFAULTS.theme,
      textSize: TEXT_SIZES.includes(value.textSize as TextSize) ? (value.textSize as TextSize) : DEFAULTS.textSize,
      panes,
      questionsPane: PANE_CHOICES.includes(value.questionsPane as PaneChoice)
        ? (value.questionsPane as PaneChoice)
        : DEFAULTS.questionsPane,
      contributionLayout: LAYOUTS.includes(value.contributionLayout as ContributionLayout)
        ? (value.contributionLayout as ContributionLayout)
        : DEFAULTS.contributionLayout,
    };
  } catch {
    return DEFAULTS;
  }
}

let current: Preferences = parsePreferences(storage()?.getItem(KEY) ?? null);
const listeners = new Set<() => void>();

/** The theme and reading size as attributes of <html>: the CSS (styles/tokens.css) does the rest. */
export function applyPreferences(prefs: Preferences = current, doc: Document = document): void {
  const root = doc.documentElement;
  if (prefs.theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = prefs.theme;
  root.dataset.textSize = prefs.textSize;
}

export function getPreferences(): Preferences {
  return current;
}

export function setPreferences(patch: Partial<Preferences>): void {
  current = { ...current, ...patch, panes: { ...current.panes, ...patch.panes } };
  storage()?.setItem(KEY, JSON.stringify(current));
  applyPreferences(current);
  for (const listener of listeners) listener();
}

/** Another window of the same app changed them: follow. */
globalThis.addEventListener?.('storage', (event: StorageEvent) => {
  if (event.key !== KEY) return;
  current = parsePreferences(event.newValue);
  applyPreferences(current);
  for (const listener of listeners) listener();
});

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePreferences(): Preferences {
  return useSyncExternalStore(subscribe, getPreferences, getPreferences);
}

/** The theme actually shown: the chosen one, or the OS's. */
export function effectiveTheme(prefs: Preferences = current): 'light' | 'dark' {
  if (prefs.theme !== 'system') return prefs.theme;
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function toggleTheme(): void {
  setPreferences({ theme: effectiveTheme() === 'dark' ? 'light' : 'dark' });
}
