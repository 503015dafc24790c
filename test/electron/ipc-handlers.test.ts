import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS, SAVE_FILE_MAX_BYTES } from '../../shared/bridge.js';
import {
  registerIpcHandlers,
  writeFileAtomic,
  type InvokeEvent,
  type IpcDeps,
  type SaveDialogRequest,
} from '../../electron/main/ipc-handlers.js';

import { fakeIpcMain, fakeSettingsStore } from './fakes.js';

const ourContents = { id: 1 };

function setup(overrides: Partial<IpcDeps> = {}) {
  const ipc = fakeIpcMain();
  const store = fakeSettingsStore();
  const opened: string[] = [];
  const dialogs: Array<{ sender: unknown; request: SaveDialogRequest }> = [];
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
    showSaveDialog: async (sender, request) => {
      dialogs.push({ sender, request });
      return null;
    },
    ...overrides,
  });
  return { ipc, opened, dialogs };
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

  it.each<[string, InvokeEvent]>([
    ['another origin', { sender: ourContents, senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['another window', { sender: { id: 2 }, senderFrame: { url: 'app://seminar-desk/index.html', parent: null } }],
  ])('refuses to save a file for %s, before any dialog opens', async (_name, event) => {
    const { ipc, dialogs } = setup();
    await expect(
      ipc.invoke(BRIDGE_CHANNELS.saveFile, event, 'notes.csv', new Uint8Array([1]), 'text/csv'),
    ).rejects.toThrow(/IPC refused/);
    expect(dialogs).toEqual([]);
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

describe('saveFile', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'seminar-save-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x2c, 0x62, 0x0d, 0x0a]);

  it("asks where to save, on the sender's window, with a safe suggested name, then writes the file", async () => {
    const target = path.join(dir, 'chosen.csv');
    const { ipc, dialogs } = setup({
      showSaveDialog: async (sender, request) => {
        dialogs.push({ sender, request });
        return target;
      },
    });
    await expect(
      ipc.invoke(BRIDGE_CHANNELS.saveFile, trusted, '../../etc/notes<1>.csv', bytes, 'text/csv'),
    ).resolves.toEqual({ saved: true, path: target });
    expect(dialogs).toEqual([
      {
        sender: ourContents,
        request: {
          fileName: 'notes_1_.csv',
          filters: [
            { name: 'CSV', extensions: ['csv'] },
            { name: 'All files', extensions: ['*'] },
          ],
        },
      },
    ]);
    expect(new Uint8Array(await readFile(target))).toEqual(bytes);
    expect(await readdir(dir)).toEqual(['chosen.csv']);
  });

  it('replaces an existing file whole', async () => {
    const target = path.join(dir, 'notes.csv');
    await writeFile(target, 'an older, longer export that must not show through');
    const { ipc } = setup({ showSaveDialog: async () => target });
    await ipc.invoke(BRIDGE_CHANNELS.saveFile, trusted, 'notes.csv', bytes, 'text/csv');
    expect(new Uint8Array(await readFile(target))).toEqual(bytes);
    expect(await readdir(dir)).toEqual(['notes.csv']);
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const written: string[] = [];
    const { ipc, dialogs } = setup({ writeFile: async (filePath) => void written.push(filePath) });
    await expect(ipc.invoke(BRIDGE_CHANNELS.saveFile, trusted, 'notes.csv', bytes, 'text/csv')).resolves.toEqual({
      saved: false,
    });
    expect(dialogs).toHaveLength(1);
    expect(written).toEqual([]);
  });

  it('passes a failed write (a full disk) on to the renderer', async () => {
    const { ipc } = setup({
      showSaveDialog: async () => path.join(dir, 'x.csv'),
      writeFile: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      },
    });
    await expect(ipc.invoke(BRIDGE_CHANNELS.saveFile, trusted, 'x.csv', bytes, 'text/csv')).rejects.toThrow(/ENOSPC/);
  });

  const tooBig = Object.defineProperty(new Uint8Array(1), 'byteLength', { value: SAVE_FILE_MAX_BYTES + 1 });
  it.each<[string, unknown[], RegExp]>([
    ['a name that is not a string', [42, bytes, 'text/csv'], /suggested name must be a non-empty string/],
    ['an empty name', ['', bytes, 'text/csv'], /suggested name must be a non-empty string/],
    ['an overlong name', ['a'.repeat(1001), bytes, 'text/csv'], /longer than 1000/],
    ['data that is not bytes', ['x.csv', [1, 2, 3], 'text/csv'], /data must be a Uint8Array/],
    ['data as a string', ['x.csv', 'a,b', 'text/csv'], /data must be a Uint8Array/],
    ['data over the limit', ['x.csv', tooBig, 'text/csv'], /over the 209715200-byte limit/],
    ['a bad media type', ['x.csv', bytes, 'text/csv; evil'], /not a media type/],
    ['a missing media type', ['x.csv', bytes], /not a media type/],
  ])('refuses %s without opening a dialog', async (_name, args, error) => {
    const { ipc, dialogs } = setup();
    await expect(ipc.invoke(BRIDGE_CHANNELS.saveFile, trusted, ...args)).rejects.toThrow(error);
    expect(dialogs).toEqual([]);
  });

  it('writes atomically: a failure leaves neither a partial file nor a temporary one', async () => {
    // Renaming onto a folder fails after the temporary file was written.
    const folder = path.join(dir, 'taken');
    await mkdir(folder);
    await expect(writeFileAtomic(folder, bytes)).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['taken']);
    await expect(writeFileAtomic(path.join(dir, 'missing', 'x.csv'), bytes)).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual(['taken']);
  });
});
