import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log } from './log.js';

type Disposer = () => Promise<void> | void;

/**
 * Everything a run creates (temp dirs, servers, the PostgreSQL cluster,
 * browsers) registers how to undo it here, so an error, Ctrl-C or the run's
 * own deadline still leaves the machine as it was.
 */
const disposers: { label: string; dispose: Disposer }[] = [];

export interface CleanupHandle {
  /** Undoes it now. */
  run(): Promise<void>;
  /** Someone else undoes it now (e.g. the server closes its database). */
  forget(): void;
}

export function onCleanup(label: string, dispose: Disposer): CleanupHandle {
  const entry = { label, dispose };
  disposers.push(entry);
  const forget = () => {
    const index = disposers.indexOf(entry);
    if (index >= 0) disposers.splice(index, 1);
  };
  return {
    forget,
    async run() {
      if (!disposers.includes(entry)) return;
      forget();
      await dispose();
    },
  };
}

let cleaning: Promise<void> | undefined;

/** Undoes everything registered, once, however many stops (a signal, a crash, the end) ask for it. */
export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    while (disposers.length) {
      const { label, dispose } = disposers.pop()!;
      try {
        await dispose();
      } catch (error) {
        log(`cleanup of ${label} failed: ${String(error)}`);
      }
    }
  })();
  return cleaning;
}

/**
 * Stops the run, cleaning up first, after `ms` whatever happens, on
 * SIGINT/SIGTERM, and on a crash (Ctrl-C also reaches PostgreSQL and
 * Chromium, whose clients then fail on their own).
 */
export function installStopHandlers(ms: number): void {
  const stop = (why: string, code: number) => {
    if (cleaning) return;
    log(`${why}: cleaning up`);
    void cleanupAll().finally(() => process.exit(code));
  };
  const deadline = setTimeout(() => stop(`deadline of ${Math.round(ms / 60_000)} min reached`, 2), ms);
  deadline.unref();
  // `on`, not `once`: a second signal (tsx relays the first) must not end the process mid-cleanup.
  process.on('SIGINT', () => stop('interrupted', 130));
  process.on('SIGTERM', () => stop('terminated', 143));
  process.on('uncaughtException', (error) => stop(`crashed: ${error.stack ?? error.message}`, 1));
  process.on('unhandledRejection', (error) => stop(`crashed: ${String(error)}`, 1));
}

/** Temp dirs carry the pid of their run, so a later run can tell them from a live run's (see sweep.ts). */
export const TEMP_PREFIX = 'seminar-bench-';

/** A temp dir, removed by `remove()` or else at cleanup (asynchronously: the event loop stays responsive). */
export function scratchDir(what: string): { dir: string; remove(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), `${TEMP_PREFIX}${process.pid}-${what}-`));
  const cleanup = onCleanup(`temp dir ${dir}`, () => rm(dir, { recursive: true, force: true }));
  return { dir, remove: () => cleanup.run() };
}

/** A temp dir for the whole run. */
export function tempDir(what: string): string {
  return scratchDir(what).dir;
}
