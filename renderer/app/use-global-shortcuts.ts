import { useEffect, useRef } from 'react';
import { href, type Route } from './routes.js';
import { isTextEntry, matchShortcut } from './shortcuts.js';
import {
  highlightSelection,
  nextLanguageVersion,
  noteOrNotes,
  stepContribution,
  toggleOriginal,
} from './reader-actions.js';
import { toggleTheme } from '../ui/preferences.js';

/**
 * The window's keyboard shortcuts (table in shortcuts.ts). Single keys are
 * skipped while typing; the reader's read-only text box is not typing.
 */
export function useGlobalShortcuts({
  route,
  openPalette,
  openShortcuts,
  blocked,
}: {
  route: Route;
  openPalette(): void;
  openShortcuts(): void;
  /** A dialog is open: it owns the keyboard. */
  blocked: boolean;
}): void {
  // The listener is attached once; it reads the latest values here.
  const latest = useRef({ route, openPalette, openShortcuts, blocked });
  useEffect(() => {
    latest.current = { route, openPalette, openShortcuts, blocked };
  });

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const { route, openPalette, openShortcuts, blocked } = latest.current;
      if (blocked || event.isComposing) return;
      const id = matchShortcut(event);
      if (!id) return;
      const target = event.target as HTMLElement | null;
      const readOnlyText = target?.getAttribute?.('aria-readonly') === 'true';
      const single = id !== 'palette' && id !== 'theme';
      if (single && isTextEntry(target) && !readOnlyText) return;
      const contribution = route.name === 'contribution' ? route.id : undefined;
      const done = (() => {
        switch (id) {
          case 'palette':
            openPalette();
            return true;
          case 'shortcuts':
            openShortcuts();
            return true;
          case 'theme':
            toggleTheme();
            return true;
          case 'search':
            if (route.name !== 'search') window.location.hash = href({ name: 'search', query: '' });
            requestAnimationFrame(() => document.querySelector<HTMLInputElement>('input[type=search]')?.focus());
            return true;
          case 'next':
          case 'previous':
            return stepContribution(contribution, id === 'next' ? 1 : -1);
          case 'highlight':
            return highlightSelection();
          case 'note':
            return noteOrNotes();
          case 'language':
            return nextLanguageVersion();
          case 'original':
            return toggleOriginal();
        }
      })();
      if (done) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
