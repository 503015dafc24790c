import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import {
  BRIDGE_CHANNELS,
  CLIPBOARD_MAX_CHARS,
  SAVE_FILE_MAX_BYTES,
  type AppInfo,
  type JournalPending,
  type SaveFileResult,
  type Settings,
  type StorageIdentity,
} from '../../shared/bridge.js';
import { safeFileName } from '../../shared/export/file-name.js';
import { isLang, LANGUAGES, type Lang } from '../../shared/languages.js';
import { isAppUrl } from './app-origin.js';
import { openExternalSafely, type OpenExternal } from './external-links.js';
import type { Journal } from './journal.js';
import { validateJournalEntries, validateMutationIds } from './journal-validation.js';
import { validateSettingsPatch } from './settings-validation.js';
import type { StorageIdentityStore } from './storage-identity.js';
import type { MaterialFiles } from './material-files.js';

/** The parts of an IPC event the sender check reads. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}
export interface InvokeEvent {
  senderFrame: SenderFrame | null;
  sender: unknown;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcDeps {
  /** The one window's webContents; messages from any other sender are refused. */
  getMainContents(): unknown;
  getAppInfo(): AppInfo;
  getSettings(): Settings;
  setSettings(patch: Partial<Settings>): Settings;
  isOnline(): boolean;
  openExternal: OpenExternal;
  /**
   * Asks the user where to save, as a dialog of the sender's window (the
   * sender check has already made sure it is ours). Null when cancelled.
   */
  showSaveDialog(sender: unknown, request: SaveDialogRequest): Promise<string | null>;
  /** Renders the sender's page to PDF bytes (webContents.printToPDF). */
  printToPdf(sender: unknown): Promise<Uint8Array>;
  /** Writes the chosen file; `writeFileAtomic` unless a test replaces it. */
  writeFile?: (filePath: string, data: Uint8Array) => Promise<void>;
  /** The second copy of unsynced work (journal.ts). */
  journal: Pick<Journal, 'append' | 'acknowledge' | 'pending'>;
  storageIdentity: StorageIdentityStore;
  /** The page's UI language, for the shell's menus. */
  setUiLanguage(lang: Lang): void;
  /** Writes plain text to the system clipboard. */
  writeClipboard(text: string): void;
  /** Materials' files in the data folder (material-files.ts); each call checks its arguments. */
  materialFiles: MaterialFiles;
}

export interface SaveDialogRequest {
  /** Already a safe, plain file name. */
  fileName: string;
  filters: Array<{ name: string; extensions: string[] }>;
}

/** Electron security checklist item 17: only our page, in our window's main frame, may call. */
export function assertTrustedSender(event: InvokeEvent, deps: Pick<IpcDeps, 'getMainContents'>): void {
  const frame = event.senderFrame;
  if (!frame) throw new Error('IPC refused: the sending frame is gone');
  if (frame.parent !== null && frame.parent !== undefined) throw new Error('IPC refused: not the main frame');
  if (!isAppUrl(frame.url)) throw new Error(`IPC refused: untrusted origin ${frame.url}`);
  if (event.sender !== deps.getMainContents()) throw new Error('IPC refused: not our window');
}

const INVOKE_CHANNELS = [
  BRIDGE_CHANNELS.getAppInfo,
  BRIDGE_CHANNELS.getSettings,
  BRIDGE_CHANNELS.setSettings,
  BRIDGE_CHANNELS.isOnline,
  BRIDGE_CHANNELS.openExternal,
  BRIDGE_CHANNELS.saveFile,
  BRIDGE_CHANNELS.printToPdf,
  BRIDGE_CHANNELS.journalAppend,
  BRIDGE_CHANNELS.journalAcknowledge,
  BRIDGE_CHANNELS.journalPending,
  BRIDGE_CHANNELS.storageIdentity,
  BRIDGE_CHANNELS.storageIdentityBump,
  BRIDGE_CHANNELS.setUiLanguage,
  BRIDGE_CHANNELS.writeClipboard,
  BRIDGE_CHANNELS.materialChunkCount,
  BRIDGE_CHANNELS.materialChunkPut,
  BRIDGE_CHANNELS.materialChunkRead,
  BRIDGE_CHANNELS.materialRemove,
] as const;

/** A name longer than this is not a suggestion but a payload. */
const MAX_SUGGESTED_NAME_LENGTH = 1_000;
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/** Checks `saveFile`'s arguments from the renderer; throws a clear Error on anything unexpected. */
export function validateSaveFileArgs(
  suggestedName: unknown,
  data: unknown,
  mimeType: unknown,
): { fileName: string; data: Uint8Array; mimeType: string } {
  if (typeof suggestedName !== 'string' || suggestedName.length === 0) {
    throw new Error('saveFile: the suggested name must be a non-empty string');
  }
  if (suggestedName.length > MAX_SUGGESTED_NAME_LENGTH) {
    throw new Error(`saveFile: the suggested name is longer than ${MAX_SUGGESTED_NAME_LENGTH} characters`);
  }
  if (!(data instanceof Uint8Array)) throw new Error('saveFile: data must be a Uint8Array');
  if (data.byteLength > SAVE_FILE_MAX_BYTES) {
    throw new Error(`saveFile: ${data.byteLength} bytes is over the ${SAVE_FILE_MAX_BYTES}-byte limit`);
  }
  if (typeof mimeType !== 'string' || !MIME_TYPE.test(mimeType)) {
    throw new Error(`saveFile: ${JSON.stringify(mimeType)} is not a media type`);
  }
  return { fileName: safeFileName(suggestedName), data, mimeType };
}

export function validateUiLanguage(lang: unknown): Lang {
  if (!isLang(lang)) {
    throw new Error(`setUiLanguage: unknown language ${JSON.stringify(lang)}; expected one of ${LANGUAGES.join(', ')}`);
  }
  return lang;
}

export function validateClipboardText(text: unknown): string {
  if (typeof text !== 'string') throw new Error('writeClipboard: the text must be a string');
  if (text.length > CLIPBOARD_MAX_CHARS) {
    throw new Error(`writeClipboard: ${text.length} characters is over the ${CLIPBOARD_MAX_CHARS}-character limit`);
  }
  return text;
}

/** The dialog offers the suggested name's extension first, then any file. */
export function saveDialogRequest(fileName: string): SaveDialogRequest {
  const extension = /\.([A-Za-z0-9]{1,16})$/.exec(fileName)?.[1];
  const filters = extension ? [{ name: extension.toUpperCase(), extensions: [extension] }] : [];
  return { fileName, filters: [...filters, { name: 'All files', extensions: ['*'] }] };
}

/**
 * Writes beside the target, flushes, then renames over it: a crash or a full
 * disk leaves either the old file or the new one, never half of one.
 */
export async function writeFileAtomic(filePath: string, data: Uint8Array): Promise<void> {
  const temp = path.join(path.dirname(filePath), `.${path.basename(filePath)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, filePath);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export function registerIpcHandlers(ipcMain: IpcMainLike, deps: IpcDeps): () => void {
  const handle = (channel: string, fn: (...args: unknown[]) => unknown): void =>
    handleWithEvent(channel, (_event, ...args) => fn(...args));
  function handleWithEvent(channel: string, fn: (event: InvokeEvent, ...args: unknown[]) => unknown): void {
    ipcMain.handle(channel, (event, ...args) => {
      assertTrustedSender(event, deps);
      return fn(event, ...args);
    });
  }
  handle(BRIDGE_CHANNELS.getAppInfo, () => deps.getAppInfo());
  handle(BRIDGE_CHANNELS.getSettings, () => deps.getSettings());
  handle(BRIDGE_CHANNELS.setSettings, (patch) => deps.setSettings(validateSettingsPatch(patch)));
  handle(BRIDGE_CHANNELS.isOnline, () => deps.isOnline());
  handle(BRIDGE_CHANNELS.openExternal, (url) => openExternalSafely(deps.openExternal, url));
  handleWithEvent(BRIDGE_CHANNELS.saveFile, async (event, name, data, mimeType): Promise<SaveFileResult> => {
    const request = validateSaveFileArgs(name, data, mimeType);
    const filePath = await deps.showSaveDialog(event.sender, saveDialogRequest(request.fileName));
    if (filePath === null) return { saved: false };
    await (deps.writeFile ?? writeFileAtomic)(filePath, request.data);
    return { saved: true, path: filePath };
  });
  handleWithEvent(BRIDGE_CHANNELS.printToPdf, async (event, name): Promise<SaveFileResult> => {
    const request = validateSaveFileArgs(name, new Uint8Array(0), 'application/pdf');
    const fileName = /\.pdf$/i.test(request.fileName) ? request.fileName : `${request.fileName}.pdf`;
    const filePath = await deps.showSaveDialog(event.sender, saveDialogRequest(fileName));
    if (filePath === null) return { saved: false };
    await (deps.writeFile ?? writeFileAtomic)(filePath, await deps.printToPdf(event.sender));
    return { saved: true, path: filePath };
  });
  handle(BRIDGE_CHANNELS.journalAppend, async (entries): Promise<{ supported: boolean }> => {
    await deps.journal.append(validateJournalEntries(entries));
    return { supported: true };
  });
  handle(BRIDGE_CHANNELS.journalAcknowledge, async (ids): Promise<void> => {
    await deps.journal.acknowledge(validateMutationIds(ids));
  });
  handle(BRIDGE_CHANNELS.journalPending, async (): Promise<JournalPending> => {
    return { supported: true, ...(await deps.journal.pending()) };
  });
  handle(BRIDGE_CHANNELS.storageIdentity, async (): Promise<StorageIdentity> => {
    return { supported: true, generation: await deps.storageIdentity.generation() };
  });
  handle(BRIDGE_CHANNELS.storageIdentityBump, () => deps.storageIdentity.bump());
  handle(BRIDGE_CHANNELS.setUiLanguage, (lang) => deps.setUiLanguage(validateUiLanguage(lang)));
  handle(BRIDGE_CHANNELS.writeClipboard, (text) => deps.writeClipboard(validateClipboardText(text)));
  handle(BRIDGE_CHANNELS.materialChunkCount, (sha256) => deps.materialFiles.count(sha256));
  handle(BRIDGE_CHANNELS.materialChunkPut, (sha256, index, bytes) => deps.materialFiles.put(sha256, index, bytes));
  handle(BRIDGE_CHANNELS.materialChunkRead, (sha256, index) => deps.materialFiles.read(sha256, index));
  handle(BRIDGE_CHANNELS.materialRemove, (sha256) => deps.materialFiles.remove(sha256));
  return () => INVOKE_CHANNELS.forEach((channel) => ipcMain.removeHandler(channel));
}
