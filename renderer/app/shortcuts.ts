/**
 * The keyboard shortcuts, in one table: the sheet (`?`) lists them from here
 * and the handler (use-global-shortcuts) matches against it, so the two never
 * disagree. Single keys act only outside text fields.
 */
export type ShortcutId =
  'palette' | 'shortcuts' | 'search' | 'next' | 'previous' | 'highlight' | 'note' | 'language' | 'original' | 'theme';

export interface Shortcut {
  id: ShortcutId;
  /** 'mod' is Ctrl, or ⌘ on a Mac. */
  keys: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { id: 'palette', keys: 'mod+k' },
  { id: 'shortcuts', keys: '?' },
  { id: 'search', keys: '/' },
  { id: 'next', keys: 'j' },
  { id: 'previous', keys: 'k' },
  { id: 'highlight', keys: 'h' },
  { id: 'note', keys: 'n' },
  { id: 'language', keys: 'l' },
  { id: 'original', keys: 'o' },
  { id: 'theme', keys: 'mod+shift+l' },
];

export function isMac(): boolean {
  return /Mac|iPhone|iPad/.test(globalThis.navigator?.platform ?? '');
}

export function shortcutLabel(keys: string): string {
  return keys
    .split('+')
    .map((part) =>
      part === 'mod' ? (isMac() ? '⌘' : 'Ctrl') : part === 'shift' ? (isMac() ? '⇧' : 'Shift') : part.toUpperCase(),
    )
    .join(isMac() ? '' : '+');
}

/** Which shortcut an event is, if any. */
export function matchShortcut(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): ShortcutId | null {
  if (event.altKey) return null;
  const mod = isMac() ? event.metaKey : event.ctrlKey;
  const key = event.key.toLowerCase();
  for (const shortcut of SHORTCUTS) {
    const parts = shortcut.keys.split('+');
    const wanted = parts[parts.length - 1];
    const needsMod = parts.includes('mod');
    const needsShift = parts.includes('shift');
    if (key !== wanted) continue;
    if (needsMod !== mod) continue;
    // '?' is itself typed with Shift on most layouts: Shift is checked only where the shortcut names it.
    if (needsShift && !event.shiftKey) continue;
    if (!needsShift && needsMod && event.shiftKey) continue;
    if (!needsMod && (event.ctrlKey || event.metaKey)) continue;
    return shortcut.id;
  }
  return null;
}

/** Typing in a field must type, not trigger single-key shortcuts. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement)
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range'].includes(target.type);
  return false;
}
