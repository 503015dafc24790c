import { cacheMaterialFiles } from './cache-material-files.js';
import type { AppInfo, SeminarBridge, Settings } from '../../shared/bridge.js';
import { safeFileName } from '../../shared/export/file-name.js';
import { isLang } from '../../shared/languages.js';

const SETTINGS_KEY = 'seminar-desk.settings';
/** The device token, in sessionStorage only: see createBrowserBridge. */
const TOKEN_KEY = 'seminar-desk.token';

/** Only these schemes may leave the app; anything else (javascript:, file:, data:) is refused. */
const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** What localStorage keeps: every setting but the token. */
type StoredSettings = Pick<Settings, 'serverUrl' | 'language'>;

function readStored(storage: Storage): StoredSettings & { legacyToken?: string } {
  try {
    const raw: unknown = JSON.parse(storage.getItem(SETTINGS_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return { serverUrl: null, language: null };
    const value = raw as Record<string, unknown>;
    return {
      serverUrl: typeof value.serverUrl === 'string' ? value.serverUrl : null,
      language: isLang(value.language) ? value.language : null,
      ...(typeof value.token === 'string' ? { legacyToken: value.token } : {}),
    };
  } catch {
    // A corrupt entry must not lock the user out: start again from the defaults.
    return { serverUrl: null, language: null };
  }
}

function writeStored(storage: Storage, settings: StoredSettings): void {
  storage.setItem(SETTINGS_KEY, JSON.stringify({ serverUrl: settings.serverUrl, language: settings.language }));
}

/**
 * Earlier versions kept the token in localStorage, beside the other settings:
 * it moves to this session (unless the session already has one) and leaves
 * localStorage for good.
 */
function migrateLegacyToken(local: Storage, session: Storage): void {
  if (!local.getItem(SETTINGS_KEY)?.includes('"token"')) return;
  const { legacyToken, ...stored } = readStored(local);
  if (legacyToken && session.getItem(TOKEN_KEY) === null) session.setItem(TOKEN_KEY, legacyToken);
  writeStored(local, stored);
}

export function isExternalUrlAllowed(url: string): boolean {
  try {
    return EXTERNAL_PROTOCOLS.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** Revoking the URL at once can cancel a download that has not started yet; a minute is ample. */
const DOWNLOAD_URL_LIFETIME_MS = 60_000;

/** A page cannot ask where to save: it hands the browser a download, which saves where the user told it to. */
function download(win: Window, suggestedName: string, data: Uint8Array, mimeType: string): void {
  // Blob takes no view of shared memory; our data never is, but copy rather than trust it.
  const bytes = data.buffer instanceof ArrayBuffer ? (data as Uint8Array<ArrayBuffer>) : data.slice();
  // The window's own URL (lib.dom leaves it off Window), so a test's window can be given.
  const { URL: urls } = win as Window & { URL: typeof URL };
  const url = urls.createObjectURL(new Blob([bytes], { type: mimeType }));
  const link = win.document.createElement('a');
  link.href = url;
  link.download = safeFileName(suggestedName);
  link.rel = 'noopener';
  link.hidden = true;
  win.document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    win.setTimeout(() => urls.revokeObjectURL(url), DOWNLOAD_URL_LIFETIME_MS);
  }
}

/**
 * The bridge when the renderer runs as a plain web page. Settings live in
 * localStorage, except the device token: it lives in sessionStorage, so it
 * goes when the browser (or the tab) is closed, and never sits in the
 * profile on disk for the next person at this browser. The data stays in
 * IndexedDB: a new session opens the app on it, and signs in again to sync.
 * (The desktop shell keeps the token in the system's secret store.)
 */
export function createBrowserBridge(win: Window = window): SeminarBridge {
  const local = win.localStorage;
  const session = win.sessionStorage;
  migrateLegacyToken(local, session);
  const read = (): Settings => {
    const { serverUrl, language } = readStored(local);
    return { serverUrl, language, token: session.getItem(TOKEN_KEY), tokenStorage: 'session' };
  };
  return {
    async getAppInfo(): Promise<AppInfo> {
      const { protocol, origin } = win.location;
      return {
        name: 'Seminar Desk',
        version: import.meta.env.VITE_APP_VERSION ?? '0.1.0',
        shell: 'web',
        platform: win.navigator.platform || 'web',
        // Served over http(s), the page came from a seminar server: that server is the local one.
        localServerUrl: protocol === 'http:' || protocol === 'https:' ? origin : null,
      };
    },
    async getSettings() {
      return read();
    },
    async setSettings(patch) {
      // tokenStorage is reported, not set; allowWeakTokenStorage means nothing in a browser.
      const { token, tokenStorage: _reported, allowWeakTokenStorage: _ignored, ...rest } = patch;
      writeStored(local, { ...readStored(local), ...rest });
      if (token !== undefined) {
        if (token === null) session.removeItem(TOKEN_KEY);
        else session.setItem(TOKEN_KEY, token);
      }
      return read();
    },
    async isOnline() {
      return win.navigator.onLine;
    },
    onOnlineChange(callback) {
      const online = () => callback(true);
      const offline = () => callback(false);
      win.addEventListener('online', online);
      win.addEventListener('offline', offline);
      return () => {
        win.removeEventListener('online', online);
        win.removeEventListener('offline', offline);
      };
    },
    async openExternal(url) {
      if (!isExternalUrlAllowed(url)) return false;
      win.open(url, '_blank', 'noopener');
      return true;
    },
    async saveFile(suggestedName, data, mimeType) {
      download(win, suggestedName, data, mimeType);
      return { saved: true };
    },
    async printToPdf() {
      // The browser's print dialog saves as PDF; what it did is not ours to know.
      win.print();
      return { saved: false };
    },
    // No journal in web mode: a page has no storage outside the origin's, which
    // the browser may evict or wipe along with the database. The outbox is the only copy.
    async journalAppend() {
      return { supported: false };
    },
    async journalAcknowledge() {},
    async journalPending() {
      return { supported: false, entries: [], setAside: [] };
    },
    async storageIdentity() {
      return { supported: false, generation: 0 };
    },
    async storageIdentityBump() {
      return 0;
    },
    // A page has no application menu to localize, nor context menu of its own.
    async setUiLanguage() {},
    onCommand() {
      return () => {};
    },
    async writeClipboard(text) {
      await win.navigator.clipboard.writeText(text);
    },
    ...cacheMaterialFiles(win.caches, win.location.origin),
  } satisfies SeminarBridge;
}
