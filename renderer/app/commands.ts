import { useEffect, useRef } from 'react';
import type { ShellCommand } from '../../shared/bridge.js';
import { href, parseRoute, type Route } from './routes.js';
import { getPreferences, setPreferences, TEXT_SIZES, toggleTheme } from '../ui/preferences.js';

/**
 * Carries out the commands of the shell's menus (shared/bridge.ts,
 * SHELL_COMMANDS) and of the command palette, which dispatches the same ids
 * (command-table.ts), plus a few of its own that no menu has. A screen that
 * can act on a command while it is shown registers a handler (useCommand): the
 * reader highlights its selection, the notebook focuses its export buttons.
 * Otherwise the command has a default: a place to go, the theme, printing.
 */
type Handler = () => void;

/** The palette's commands that the shell's menus do not have. */
export const PAGE_COMMANDS = ['show-shortcuts', 'text-larger', 'text-smaller', 'sync-now'] as const;
export type AppCommand = ShellCommand | (typeof PAGE_COMMANDS)[number];

const handlers = new Map<AppCommand, Handler[]>();

/** Where a command goes when no screen shown takes it; the screen there takes it once drawn. */
const HOMES: Partial<Record<AppCommand, Route>> = {
  'go-agenda': { name: 'agenda' },
  'go-questions': { name: 'questions' },
  'go-notebook': { name: 'notebook' },
  'go-syntheses': { name: 'syntheses' },
  'go-mine': { name: 'mine' },
  'go-outbox': { name: 'outbox' },
  'go-settings': { name: 'settings' },
  find: { name: 'search', query: '' },
  export: { name: 'notebook' },
};

/** A command sent on to its home, for the screen there to take when it registers. Stale after a while. */
let pending: { command: AppCommand; until: number } | null = null;
const PENDING_MS = 5_000;

export interface CommandEnvironment {
  location: Pick<Location, 'hash'>;
  print(): void;
  now(): number;
}

const browserEnvironment = (): CommandEnvironment => ({
  location: window.location,
  print: () => window.print(),
  now: () => Date.now(),
});

/** Carries out a command; false when nothing could act on it (a highlight with no reader open). */
export function runCommand(command: AppCommand, env: CommandEnvironment = browserEnvironment()): boolean {
  const own = handlers.get(command)?.at(-1);
  if (own) {
    own();
    return true;
  }
  const home = HOMES[command];
  if (home) {
    if (parseRoute(env.location.hash).name !== home.name) {
      pending = { command, until: env.now() + PENDING_MS };
      env.location.hash = href(home);
    }
    return true;
  }
  switch (command) {
    case 'print':
      env.print();
      return true;
    case 'toggle-theme':
      toggleTheme();
      return true;
    case 'text-larger':
    case 'text-smaller': {
      const next = TEXT_SIZES[TEXT_SIZES.indexOf(getPreferences().textSize) + (command === 'text-larger' ? 1 : -1)];
      if (!next) return false;
      setPreferences({ textSize: next });
      return true;
    }
    default:
      return false;
  }
}

/**
 * Whether running the command now would do something: a screen shown takes it,
 * or it has a place to go or a default. The palette lists only these (no
 * "Highlight" without a reader, no "Larger text" at the largest size).
 */
export function canRunCommand(command: AppCommand): boolean {
  if ((handlers.get(command)?.length ?? 0) > 0 || HOMES[command]) return true;
  const size = TEXT_SIZES.indexOf(getPreferences().textSize);
  switch (command) {
    case 'print':
    case 'toggle-theme':
      return true;
    case 'text-larger':
      return size < TEXT_SIZES.length - 1;
    case 'text-smaller':
      return size > 0;
    default:
      return false;
  }
}

/** Registers a screen's handler; returns the function that removes it. A command waiting for it runs now. */
export function registerCommand(command: AppCommand, handler: Handler, now: () => number = Date.now): () => void {
  const list = handlers.get(command) ?? [];
  list.push(handler);
  handlers.set(command, list);
  if (pending?.command === command) {
    const due = pending.until >= now();
    pending = null;
    if (due) handler();
  }
  return () => {
    const at = list.lastIndexOf(handler);
    if (at >= 0) list.splice(at, 1);
  };
}

/** A screen's handler for a command, while the screen is shown. */
export function useCommand(command: AppCommand, handler: Handler): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => registerCommand(command, () => latest.current()), [command]);
}

/** Focuses the first enabled button inside an element: "take me to these actions". */
export function focusFirstButton(container: HTMLElement | null): void {
  container?.querySelector<HTMLButtonElement>('button:not([disabled])')?.focus();
}
