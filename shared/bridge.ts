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
}

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
} as const;
