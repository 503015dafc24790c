import { describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS } from '../../shared/bridge.js';
import { registerIpcHandlers, type InvokeEvent } from '../../electron/main/ipc-handlers.js';

import { fakeIpcMain, fakeSettingsStore } from './fakes.js';

const ourContents = { id: 1 };

function setup() {
  const ipc = fakeIpcMain();
  const store = fakeSettingsStore();
  const opened: string[] = [];
  registerIpcHandlers(ipc, {
    getMainContents: () => ourContents,
    getAppInfo: () => ({
      name: 'Seminar Desk',
      version: '0.1.0',
      shell: 'electron',
      platform: 'linux',
      localServerUrl: null,
    }),
    getSettings: () => store.getSettings(),
    setSettings: (patch) => store.setSettings(patch),
    isOnline: () => true,
    openExternal: async (url) => void opened.push(url),
  });
  return { ipc, opened };
}

const trusted: InvokeEvent = {
  sender: ourContents,
  senderFrame: { url: 'app://seminar-desk/index.html', parent: null },
};

describe('IPC handlers', () => {
  it('registers one handler per invoke channel of the bridge', () => {
    const { ipc } = setup();
    const expected = Object.entries(BRIDGE_CHANNELS)
      .filter(([name]) => name !== 'onlineChanged')
      .map(([, channel]) => channel);
    expect(ipc.channels().sort()).toEqual(expected.sort());
  });

  it('answers our page in our main frame', async () => {
    const { ipc } = setup();
    await expect(ipc.invoke(BRIDGE_CHANNELS.getAppInfo, trusted)).resolves.toMatchObject({ shell: 'electron' });
    await expect(ipc.invoke(BRIDGE_CHANNELS.isOnline, trusted)).resolves.toBe(true);
  });

  it.each<[string, InvokeEvent]>([
    ['another origin', { sender: ourContents, senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a subframe', { sender: ourContents, senderFrame: { url: 'app://seminar-desk/index.html', parent: {} } }],
    ['another window', { sender: { id: 2 }, senderFrame: { url: 'app://seminar-desk/index.html', parent: null } }],
    ['a destroyed frame', { sender: ourContents, senderFrame: null }],
  ])('refuses %s', async (_name, event) => {
    const { ipc } = setup();
    for (const channel of [BRIDGE_CHANNELS.getSettings, BRIDGE_CHANNELS.setSettings, BRIDGE_CHANNELS.openExternal]) {
      await expect(ipc.invoke(channel, event, {})).rejects.toThrow(/IPC refused/);
    }
  });

  it('merges a valid settings patch', async () => {
    const { ipc } = setup();
    await ipc.invoke(BRIDGE_CHANNELS.setSettings, trusted, { language: 'ar', serverUrl: 'http://127.0.0.1:4317' });
    await expect(ipc.invoke(BRIDGE_CHANNELS.getSettings, trusted)).resolves.toEqual({
      language: 'ar',
      serverUrl: 'http://127.0.0.1:4317',
      token: null,
    });
  });

  it('refuses a bad language with a clear error and keeps the old settings', async () => {
    const { ipc } = setup();
    await expect(ipc.invoke(BRIDGE_CHANNELS.setSettings, trusted, { language: 'xx' })).rejects.toThrow(
      /unknown language "xx"; expected one of de, en/,
    );
    await expect(ipc.invoke(BRIDGE_CHANNELS.setSettings, trusted, { serverUrl: 'file:///etc' })).rejects.toThrow(
      /serverUrl must be an http\(s\) URL/,
    );
    await expect(ipc.invoke(BRIDGE_CHANNELS.setSettings, trusted, { admin: true })).rejects.toThrow(/unknown setting/);
    await expect(ipc.invoke(BRIDGE_CHANNELS.getSettings, trusted)).resolves.toEqual({
      language: null,
      serverUrl: null,
      token: null,
    });
  });

  it('opens only safe external links', async () => {
    const { ipc, opened } = setup();
    await expect(ipc.invoke(BRIDGE_CHANNELS.openExternal, trusted, 'javascript:alert(1)')).resolves.toBe(false);
    await expect(ipc.invoke(BRIDGE_CHANNELS.openExternal, trusted, 'https://example.org/')).resolves.toBe(true);
    expect(opened).toEqual(['https://example.org/']);
  });
});
