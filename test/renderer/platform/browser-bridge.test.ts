// @vitest-environment jsdom
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { createBrowserBridge, isExternalUrlAllowed } from '../../../renderer/platform/browser-bridge.js';

afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const EMPTY = { serverUrl: null, token: null, language: null, tokenStorage: 'session' };
const SETTINGS_KEY = 'seminar-desk.settings';
const TOKEN_KEY = 'seminar-desk.token';

describe('browser bridge', () => {
  it('has no shell menus: the language is taken and nothing is ever sent; copies go to the clipboard', async () => {
    const bridge = createBrowserBridge(window);
    await expect(bridge.setUiLanguage('ar')).resolves.toBeUndefined();
    const commands: string[] = [];
    bridge.onCommand((command) => commands.push(command))();
    expect(commands).toEqual([]);
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(window.navigator, 'clipboard', { configurable: true, value: { writeText } });
    await bridge.writeClipboard('“a passage”');
    expect(writeText).toHaveBeenCalledWith('“a passage”');
  });

  it('starts with empty settings and merges patches; all but the token survive in localStorage', async () => {
    const bridge = createBrowserBridge(window);
    expect(await bridge.getSettings()).toEqual(EMPTY);
    await bridge.setSettings({ serverUrl: 'http://127.0.0.1:4317', token: 'abc' });
    expect(await bridge.setSettings({ language: 'ar' })).toEqual({
      serverUrl: 'http://127.0.0.1:4317',
      token: 'abc',
      language: 'ar',
      tokenStorage: 'session',
    });
    // Survives a reload: a new bridge reads the same storage.
    expect(await createBrowserBridge(window).getSettings()).toMatchObject({ language: 'ar', token: 'abc' });
  });

  it('keeps the token in sessionStorage only, never in localStorage', async () => {
    const bridge = createBrowserBridge(window);
    await bridge.setSettings({ serverUrl: 'http://127.0.0.1:4317', token: 'secret-device-token', language: 'fr' });
    expect(sessionStorage.getItem(TOKEN_KEY)).toBe('secret-device-token');
    expect(JSON.stringify({ ...localStorage })).not.toContain('secret-device-token');
    expect(JSON.parse(localStorage.getItem(SETTINGS_KEY)!)).toEqual({
      serverUrl: 'http://127.0.0.1:4317',
      language: 'fr',
    });
    // Reported, never stored: nothing can ask the browser to keep the token elsewhere.
    await bridge.setSettings({ tokenStorage: 'keychain', allowWeakTokenStorage: true });
    expect(await bridge.getSettings()).toMatchObject({ tokenStorage: 'session' });
    expect(JSON.parse(localStorage.getItem(SETTINGS_KEY)!)).toEqual({
      serverUrl: 'http://127.0.0.1:4317',
      language: 'fr',
    });
    // Forgetting the token (disconnect, sign out) leaves the session too.
    await bridge.setSettings({ token: null });
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(await bridge.getSettings()).toMatchObject({ serverUrl: 'http://127.0.0.1:4317', token: null });
  });

  it('comes back from a closed browser set up but signed out: server and language kept, no token', async () => {
    await createBrowserBridge(window).setSettings({ serverUrl: 'http://127.0.0.1:4317', token: 'abc', language: 'ko' });
    sessionStorage.clear(); // what a new browser session starts with
    expect(await createBrowserBridge(window).getSettings()).toEqual({
      ...EMPTY,
      serverUrl: 'http://127.0.0.1:4317',
      language: 'ko',
    });
  });

  it('moves a token an earlier version left in localStorage into the session, and out of localStorage', async () => {
    localStorage.setItem(
      SETTINGS_KEY,
      JSON.stringify({ serverUrl: 'http://127.0.0.1:4317', token: 'old-device-token', language: 'de' }),
    );
    const settings = await createBrowserBridge(window).getSettings();
    expect(settings).toEqual({
      ...EMPTY,
      serverUrl: 'http://127.0.0.1:4317',
      token: 'old-device-token',
      language: 'de',
    });
    expect(localStorage.getItem(SETTINGS_KEY)).not.toContain('token');
    expect(sessionStorage.getItem(TOKEN_KEY)).toBe('old-device-token');
    // Once only: the next session starts signed out.
    sessionStorage.clear();
    expect(await createBrowserBridge(window).getSettings()).toMatchObject({ token: null, language: 'de' });
  });

  it('lets a token signed in this session win over a leftover one, which is still removed', async () => {
    sessionStorage.setItem(TOKEN_KEY, 'this-session-token');
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ serverUrl: 'http://a', token: 'leftover', language: null }));
    expect(await createBrowserBridge(window).getSettings()).toMatchObject({ token: 'this-session-token' });
    expect(localStorage.getItem(SETTINGS_KEY)).not.toContain('leftover');
  });

  it('ignores corrupt or unknown stored values instead of failing', async () => {
    localStorage.setItem(SETTINGS_KEY, '{not json');
    expect(await createBrowserBridge(window).getSettings()).toEqual(EMPTY);
    localStorage.setItem(SETTINGS_KEY, JSON.stringify({ serverUrl: 42, language: 'xx', token: 7 }));
    expect(await createBrowserBridge(window).getSettings()).toEqual(EMPTY);
    expect(localStorage.getItem(SETTINGS_KEY)).not.toContain('token');
  });

  it('reports the web shell, with the page origin as local server when served over http(s)', async () => {
    const info = await createBrowserBridge(window).getAppInfo();
    expect(info.shell).toBe('web');
    expect(window.location.protocol).toMatch(/^https?:$/);
    expect(info.localServerUrl).toBe(window.location.origin);
  });

  it('follows the online and offline events', async () => {
    const bridge = createBrowserBridge(window);
    expect(typeof (await bridge.isOnline())).toBe('boolean');
    const seen: boolean[] = [];
    const stop = bridge.onOnlineChange((online) => seen.push(online));
    window.dispatchEvent(new Event('offline'));
    window.dispatchEvent(new Event('online'));
    stop();
    window.dispatchEvent(new Event('offline'));
    expect(seen).toEqual([false, true]);
  });

  it('opens only http(s) and mailto links, without giving the new page a handle on this one', async () => {
    const open = vi.spyOn(window, 'open').mockImplementation(() => null);
    const bridge = createBrowserBridge(window);
    expect(await bridge.openExternal('https://example.org/a')).toBe(true);
    expect(open).toHaveBeenCalledWith('https://example.org/a', '_blank', 'noopener');
    expect(await bridge.openExternal('mailto:secretariat@example.org')).toBe(true);
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'not a url']) {
      expect(await bridge.openExternal(url)).toBe(false);
      expect(isExternalUrlAllowed(url)).toBe(false);
    }
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('has no journal: every journal call says so and keeps nothing', async () => {
    const bridge = createBrowserBridge(window);
    const entry = { mutationId: '00000000-0000-4000-8000-000000000001', mutation: { kind: 'read-state' } };
    expect(await bridge.journalAppend([entry])).toEqual({ supported: false });
    await expect(bridge.journalAcknowledge([entry.mutationId])).resolves.toBeUndefined();
    expect(await bridge.journalPending()).toEqual({ supported: false, entries: [], setAside: [] });
    expect(await bridge.storageIdentity()).toEqual({ supported: false, generation: 0 });
    expect(await bridge.storageIdentityBump()).toBe(0);
    expect(await bridge.storageIdentity()).toEqual({ supported: false, generation: 0 });
    expect(localStorage.length).toBe(0);
  });

  it('saves a file as a download of its bytes, under a safe name, and frees the URL afterwards', async () => {
    vi.useFakeTimers();
    // jsdom has no object URLs: record what the bridge hands over.
    const blobs: Blob[] = [];
    const create = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:seminar/1';
    });
    const revoke = vi.fn();
    const original = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
    Object.assign(URL, { createObjectURL: create, revokeObjectURL: revoke });
    onTestFinished(() => void Object.assign(URL, original));
    const clicked: Array<{ href: string; download: string; attached: boolean }> = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, attached: this.isConnected });
    });

    const data = new Uint8Array([0xef, 0xbb, 0xbf, 0xd8, 0xa7]);
    const result = await createBrowserBridge(window).saveFile('../exports/notes:ar.csv', data, 'text/csv');

    expect(result).toEqual({ saved: true });
    expect(clicked).toEqual([{ href: 'blob:seminar/1', download: 'notes_ar.csv', attached: true }]);
    expect(document.querySelectorAll('a[download]')).toHaveLength(0);
    expect(revoke).not.toHaveBeenCalled();
    vi.advanceTimersByTime(60_000);
    expect(revoke).toHaveBeenCalledWith('blob:seminar/1');

    vi.useRealTimers();
    expect(blobs[0]!.type).toBe('text/csv');
    expect(await readBytes(blobs[0]!)).toEqual(data);
  });
});

/** jsdom's Blob has no arrayBuffer(); its FileReader does the job. */
function readBytes(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}
