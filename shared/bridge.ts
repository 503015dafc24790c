import type { Lang } from './languages.js';

/**
 * The one interface between the renderer and its shell. The Electron preload
 * implements it over IPC (`electron/preload`); the browser version
 * (`renderer/platform/browser-bridge.ts`) implements it when the renderer runs
 * as a plain web page. Both are checked against this type with `satisfies`.
 * Every method is async and takes and returns plain, structured-clonable data.
 */
export interface Settings {
  /** Base URL of the seminar server, e.g. "http://127.0.0.1:4317"; null before first run. */
  serverUrl: string | null;
  /** Device token; null before first run. */
  token: string | null;
  /** UI language; null means "follow the system language". */
  language: Lang | null;
  /** Where the shell keeps the token (reported, not set): see TokenStorage. */
  tokenStorage?: TokenStorage;
  /** The user agreed to keep the token with Linux's weak fallback key rather than sign in each time. */
  allowWeakTokenStorage?: boolean;
}

/**
 * 'keychain': encrypted by the operating system's keychain; 'weak': encrypted
 * with a key built into the browser engine (Linux without a keyring), which
 * protects nothing against someone holding the disk; 'session': in memory
 * only, gone when the app closes (the web mode, or no encryption at all).
 */
export type TokenStorage = 'keychain' | 'weak' | 'session';

export const DEFAULT_SETTINGS: Settings = { serverUrl: null, token: null, language: null };

export interface AppInfo {
  name: string;
  version: string;
  /** "electron" in the desktop app, "web" when the renderer runs as a page. */
  shell: 'electron' | 'web';
  platform: string;
  /** A server URL the shell started for this session (the embedded demo server), if any. */
  localServerUrl: string | null;
}

export interface SaveFileResult {
  /** False when the user cancelled the save dialog. */
  saved: boolean;
  /** Where the file went, when the shell knows (the desktop app does; a browser download does not say). */
  path?: string;
}

/** The largest file `saveFile` accepts: a full corpus export with every text version stays well under it. */
export const SAVE_FILE_MAX_BYTES = 200 * 1024 * 1024;

export interface SeminarBridge {
  getAppInfo(): Promise<AppInfo>;
  getSettings(): Promise<Settings>;
  /** Merges the patch into the stored settings and returns the result. */
  setSettings(patch: Partial<Settings>): Promise<Settings>;
  /** Whether the machine has a network connection (not whether the server answers). */
  isOnline(): Promise<boolean>;
  /** Calls back on each change; returns the unsubscribe function. */
  onOnlineChange(callback: (online: boolean) => void): () => void;
  /** Opens an http(s) or mailto link in the system browser after a check; false if refused. */
  openExternal(url: string): Promise<boolean>;
  /**
   * Saves an export: the desktop app asks where with a save dialog, the browser
   * downloads it. `suggestedName` is a plain file name (folders are stripped).
   */
  saveFile(suggestedName: string, data: Uint8Array, mimeType: string): Promise<SaveFileResult>;
  /**
   * The page as it prints (the print style sheet: the document alone) saved as
   * a PDF: the desktop app renders it with Chromium's print-to-PDF and asks
   * where to save; the browser opens its print dialog (save as PDF there).
   */
  printToPdf(suggestedName: string): Promise<SaveFileResult>;

  /**
   * Appends outbox mutations to the shell's journal and resolves once they are
   * flushed to disk. Call it right after the IndexedDB transaction that queued
   * them commits. Appending a mutation id that is still pending is a no-op.
   * Rejects on a full or read-only disk: see `journalErrorCode`.
   */
  journalAppend(entries: JournalEntry[]): Promise<{ supported: boolean }>;
  /** Marks mutations as done (the server applied them, or the user dismissed them); unknown ids are ignored. */
  journalAcknowledge(mutationIds: string[]): Promise<void>;
  /** The entries appended and not acknowledged, oldest first. */
  journalPending(): Promise<JournalPending>;
  /** The shell's database generation: 0 until the renderer first creates its database. */
  storageIdentity(): Promise<StorageIdentity>;
  /** Adds one to the generation and returns it (0 where unsupported). */
  storageIdentityBump(): Promise<number>;

  /**
   * Tells the shell the language the UI is shown in (the chosen one, or the
   * system's when none is chosen), so its menus speak it too. The main process
   * cannot work it out itself: "follow the system" is resolved in the page.
   */
  setUiLanguage(lang: Lang): Promise<void>;
  /**
   * Calls back with each command the shell's application or context menu sends
   * to the page (see SHELL_COMMANDS); returns the unsubscribe function. The
   * web mode has no such menus and never calls back.
   */
  onCommand(callback: (command: ShellCommand) => void): () => void;
  /** Puts plain text on the clipboard (at most CLIPBOARD_MAX_CHARS): "Copy with citation". */
  writeClipboard(text: string): Promise<void>;

  /**
   * Briefing materials' files (issue 21), kept in chunks of
   * MATERIAL_CHUNK_BYTES named by the file's SHA-256 and the chunk's index, so
   * a download resumes after an interruption or a restart from its last whole
   * chunk. The desktop app keeps them in its data folder (`materials/`), the
   * web mode in the Cache API. A full disk rejects with `[materials:full]` in
   * the message (materialErrorCode).
   */
  /** How many chunks of the file are stored, counting from the first without a gap. */
  materialChunkCount(sha256: string): Promise<number>;
  /** Stores one chunk whole or not at all. */
  materialChunkPut(sha256: string, index: number, bytes: Uint8Array): Promise<void>;
  materialChunkRead(sha256: string, index: number): Promise<Uint8Array>;
  /** Removes every chunk of the file (nothing to remove is fine). */
  materialRemove(sha256: string): Promise<void>;
}

/** The size of a stored chunk of a material's file (the last one may be shorter). */
export const MATERIAL_CHUNK_BYTES = 1024 * 1024;
export const MATERIAL_SHA256 = /^[0-9a-f]{64}$/;
/** More chunks than any file a server accepts (2 GiB by default) would need. */
export const MATERIAL_MAX_CHUNKS = 64 * 1024;

/** 'full': the disk (or the browser's quota) has no room for the chunk. */
export function materialErrorCode(error: unknown): 'full' | null {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return message.includes('[materials:full]') ? 'full' : null;
}

/**
 * Commands the shell's menus hand to the page, which carries them out
 * (renderer/app/commands.ts). One list, so a command palette can offer the
 * same ids. What only the shell can do (zoom, reload, quit) stays in the shell.
 */
export const SHELL_COMMANDS = [
  'go-agenda',
  'go-questions',
  'go-notebook',
  'go-syntheses',
  'go-mine',
  'go-outbox',
  'go-settings',
  'find',
  'export',
  'print',
  'toggle-theme',
  'highlight',
  'add-note',
  'copy-with-citation',
] as const;
export type ShellCommand = (typeof SHELL_COMMANDS)[number];

const SHELL_COMMAND_SET: ReadonlySet<string> = new Set(SHELL_COMMANDS);
export function isShellCommand(value: unknown): value is ShellCommand {
  return typeof value === 'string' && SHELL_COMMAND_SET.has(value);
}

/** Longer than any passage with its citation; more is not a copy but a payload. */
export const CLIPBOARD_MAX_CHARS = 1_000_000;

/*
 * The journal: a second copy of unsynced work, outside IndexedDB.
 *
 * Chromium deletes an IndexedDB database it finds corrupt (a full disk is a
 * known cause) and reopens it empty, which would drop the outbox. So the
 * desktop shell keeps every outbox mutation until it is acknowledged in an
 * append-only file it flushes to disk, and a generation counter that tells a
 * wiped database from a first run. The web mode has neither (`supported: false`).
 *
 * The renderer's side of the protocol:
 * 1. Write: after the transaction that appends to the outbox commits, call
 *    `journalAppend` with those mutations. When a mutation leaves the outbox
 *    (applied by the server, or dismissed by the user; not merely rejected),
 *    call `journalAcknowledge`; a merge that replaces a mutation journals the
 *    new one. A lost acknowledgement only means a replay later, which is safe:
 *    the server applies each mutation id at most once. If `journalAppend`
 *    rejects (full disk), keep going on the outbox alone and tell the user;
 *    at the next start, journal every outbox mutation again (ids already
 *    pending are skipped), which also repairs an append a crash cut off.
 * 2. Create: when the database is created (no sentinel row), first call
 *    `storageIdentityBump()`, then store the returned generation in a sentinel
 *    row. In that order, a crash between the two looks like a wipe next time,
 *    which costs a replay and loses nothing.
 * 3. Start: read the sentinel and `storageIdentity()`.
 *    - Sentinel present, same generation: nothing to do.
 *    - No sentinel: the database is new. Go to 2, then put every
 *      `journalPending()` entry whose id is not in the outbox back into it
 *      (validate each with `mutationSchema`: the file lives outside the
 *      database). On a true first run (generation 0) the journal is empty; if
 *      the shell's own file was lost, this still recovers everything.
 *      Generation > 0 means the database existed and was wiped: the corpus is
 *      pulled again from 0 (its checkpoint went with it) and the user is told
 *      what was recovered.
 *    - Sentinel present, another generation (the shell's folder was restored
 *      or lost): the database is intact; replay the journal as above (ids
 *      already in the outbox are skipped), then `storageIdentityBump()` and
 *      rewrite the sentinel.
 *    Replaying is idempotent, so a replay cut short by a crash is simply redone.
 * 4. `journalPending().setAside` lists journal files the shell could not read
 *    and moved aside (never deleted), with how many entries it could salvage
 *    from each into the live journal; the UI should say so.
 */

/** One outbox mutation as journalled; `mutation` is JSON data (objects, arrays, strings, finite numbers, booleans, null). */
export interface JournalEntry {
  /** The mutation's uuid (`Mutation['id']`). */
  mutationId: string;
  mutation: unknown;
}

/** A journal file the shell could not read, renamed or copied aside rather than deleted. */
export interface JournalSetAside {
  /** Where the unreadable copy now is. */
  path: string;
  /** Why it was set aside, in English, for a diagnostic report. */
  reason: string;
  /** Entries read from it that are back in the live journal. */
  salvaged: number;
}

export interface JournalPending {
  supported: boolean;
  entries: JournalEntry[];
  /** Files set aside since the app started; empty when all is well. */
  setAside: JournalSetAside[];
}

export interface StorageIdentity {
  supported: boolean;
  generation: number;
}

/** The largest serialized mutation the journal accepts; a mutation is a few KB, a note at most 20,000 characters. */
export const JOURNAL_ENTRY_MAX_BYTES = 256 * 1024;
/** The most entries, and ids, one `journalAppend` or `journalAcknowledge` call takes. */
export const JOURNAL_BATCH_MAX = 1_000;
/** The most serialized bytes one `journalAppend` call takes. */
export const JOURNAL_BATCH_MAX_BYTES = 8 * 1024 * 1024;

/** UTF-8 size of a string, as the shell measures it (JSON output has no lone surrogates). */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * Splits entries into calls `journalAppend` accepts (at most `JOURNAL_BATCH_MAX`
 * entries and `JOURNAL_BATCH_MAX_BYTES`), in order: a long outbox, journalled
 * again at start-up, does not fit in one.
 */
export function journalBatches(entries: readonly JournalEntry[]): JournalEntry[][] {
  const batches: JournalEntry[][] = [];
  let batch: JournalEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = utf8Bytes(JSON.stringify(entry.mutation) ?? '');
    if (batch.length > 0 && (batch.length === JOURNAL_BATCH_MAX || bytes + size > JOURNAL_BATCH_MAX_BYTES)) {
      batches.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(entry);
    bytes += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** Splits ids into calls `journalAcknowledge` accepts. */
export function journalIdBatches(mutationIds: readonly string[]): string[][] {
  const batches: string[][] = [];
  for (let i = 0; i < mutationIds.length; i += JOURNAL_BATCH_MAX) {
    batches.push(mutationIds.slice(i, i + JOURNAL_BATCH_MAX));
  }
  return batches;
}

/**
 * Why a journal call failed. Electron passes only an error's message from the
 * main process to the page, so the code travels inside it as `[journal:<code>]`.
 * - disk-full: no space (or quota) left; the user should free some.
 * - not-writable: the app's data folder is read-only or not ours.
 * - io-error: any other failure to read or write the journal.
 * - invalid-input: the renderer sent something the journal refuses (a bug).
 */
export const JOURNAL_ERROR_CODES = ['disk-full', 'not-writable', 'io-error', 'invalid-input'] as const;
export type JournalErrorCode = (typeof JOURNAL_ERROR_CODES)[number];

export function journalErrorMessage(code: JournalErrorCode, detail: string): string {
  return `[journal:${code}] ${detail}`;
}

/** The code of a failed journal call, read from the rejected error, or null if it is not one. */
export function journalErrorCode(error: unknown): JournalErrorCode | null {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const code = /\[journal:([a-z-]+)\]/.exec(message)?.[1];
  return (JOURNAL_ERROR_CODES as readonly string[]).includes(code ?? '') ? (code as JournalErrorCode) : null;
}

/** IPC channel names, one per bridge method: the main process accepts no others. */
export const BRIDGE_CHANNELS = {
  getAppInfo: 'seminar:get-app-info',
  getSettings: 'seminar:get-settings',
  setSettings: 'seminar:set-settings',
  isOnline: 'seminar:is-online',
  onlineChanged: 'seminar:online-changed',
  openExternal: 'seminar:open-external',
  saveFile: 'seminar:save-file',
  printToPdf: 'seminar:print-to-pdf',
  journalAppend: 'seminar:journal-append',
  journalAcknowledge: 'seminar:journal-acknowledge',
  journalPending: 'seminar:journal-pending',
  storageIdentity: 'seminar:storage-identity',
  storageIdentityBump: 'seminar:storage-identity-bump',
  setUiLanguage: 'seminar:set-ui-language',
  command: 'seminar:command',
  writeClipboard: 'seminar:write-clipboard',
  materialChunkCount: 'seminar:material-chunk-count',
  materialChunkPut: 'seminar:material-chunk-put',
  materialChunkRead: 'seminar:material-chunk-read',
  materialRemove: 'seminar:material-remove',
} as const;
