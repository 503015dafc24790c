import { useEffect, useRef } from 'react';
import type { ShellCommand } from '../../shared/bridge.js';
import { href, parseRoute, type Route } from './routes.js';
import { toggleTheme } from '../ui/preferences.js';

/**
 * Carries out the commands of the shell's menus (shared/bridge.ts,
 * SHELL_COMMANDS); a command palette can dispatch the same ids. A screen that
 * can act on a command while it is shown registers a handler (useCommand): the
 * reader highlights its selection, the notebook focuses its export buttons.
 * Otherwise the command has a default: a place to go, the theme, printing.
 */
type Handler = () => void;

const handlers = new Map<ShellCommand, Handler[]>();

/** Where a command goes when no screen shown takes it; the screen there takes it once drawn. */
const HOMES: Partial<Record<ShellCommand, Route>> = {
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
let pending: { command: ShellCommand; until: number } | null = null;
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
export function runCommand(command: ShellCommand, env: CommandEnvironment = browserEnvironment()): boolean {
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
    default:
      return false;
  }
}

/** Registers a screen's handler; returns the function that removes it. A command waiting for it runs now. */
export function registerCommand(command: ShellCommand, handler: Handler, now: () => number = Date.now): () => void {
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
export function useCommand(command: ShellCommand, handler: Handler): void {
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
