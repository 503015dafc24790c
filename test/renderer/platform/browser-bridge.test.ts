// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBrowserBridge, isExternalUrlAllowed } from '../../../renderer/platform/browser-bridge.js';

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('browser bridge', () => {
  it('starts with empty settings and merges patches into localStorage', async () => {
    const bridge = createBrowserBridge(window);
    expect(await bridge.getSettings()).toEqual({ serverUrl: null, token: null, language: null });
    await bridge.setSettings({ serverUrl: 'http://127.0.0.1:4317', token: 'abc' });
    expect(await bridge.setSettings({ language: 'ar' })).toEqual({
      serverUrl: 'http://127.0.0.1:4317',
      token: 'abc',
      language: 'ar',
    });
    // Survives a reload: a new bridge reads the same storage.
    expect(await createBrowserBridge(window).getSettings()).toMatchObject({ language: 'ar', token: 'abc' });
  });

  it('ignores corrupt or unknown stored values instead of failing', async () => {
    localStorage.setItem('seminar-desk.settings', '{not json');
    expect(await createBrowserBridge(window).getSettings()).toEqual({ serverUrl: null, token: null, language: null });
    localStorage.setItem('seminar-desk.settings', JSON.stringify({ serverUrl: 42, language: 'xx' }));
    expect(await createBrowserBridge(window).getSettings()).toEqual({ serverUrl: null, token: null, language: null });
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
});
