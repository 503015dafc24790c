import type { AppInfo, SeminarBridge, Settings } from '../../shared/bridge.js';
import { DEFAULT_SETTINGS } from '../../shared/bridge.js';
import { safeFileName } from '../../shared/export/file-name.js';
import { isLang } from '../../shared/languages.js';

const SETTINGS_KEY = 'seminar-desk.settings';

/** Only these schemes may leave the app; anything else (javascript:, file:, data:) is refused. */
const EXTERNAL_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

function readSettings(storage: Storage): Settings {
  try {
    const raw: unknown = JSON.parse(storage.getItem(SETTINGS_KEY) ?? 'null');
    if (typeof raw !== 'object' || raw === null) return { ...DEFAULT_SETTINGS };
    const value = raw as Record<string, unknown>;
    return {
      serverUrl: typeof value.serverUrl === 'string' ? value.serverUrl : null,
      token: typeof value.token === 'string' ? value.token : null,
      language: isLang(value.language) ? value.language : null,
    };
  } catch {
    // A corrupt entry must not lock the user out: start again from the defaults.
    return { ...DEFAULT_SETTINGS };
  }
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
 * localStorage, the token included: issue 9 moves the token to session-only
 * storage in web mode (the desktop shell keeps it in the OS secret store).
 */
export function createBrowserBridge(win: Window = window): SeminarBridge {
  const storage = win.localStorage;
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
      return readSettings(storage);
    },
    async setSettings(patch) {
      const next: Settings = { ...readSettings(storage), ...patch };
      storage.setItem(SETTINGS_KEY, JSON.stringify(next));
      return next;
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
  } satisfies SeminarBridge;
}
