import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BRIDGE_CHANNELS } from '../../shared/bridge.js';

const fake = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as unknown[][],
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => fake.exposed.set(key, api) },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => void fake.invoked.push(args),
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = fake.listeners.get(channel) ?? new Set();
      set.add(listener);
      fake.listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
      fake.listeners.get(channel)?.delete(listener),
  },
}));

describe('preload', () => {
  beforeEach(async () => {
    await import('../../electron/preload/index.js');
  });

  it('exposes only the bridge methods under window.seminar', () => {
    expect([...fake.exposed.keys()]).toEqual(['seminar']);
    const api = fake.exposed.get('seminar') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(
      [
        'getAppInfo',
        'getSettings',
        'isOnline',
        'onOnlineChange',
        'openExternal',
        'saveFile',
        'printToPdf',
        'setSettings',
        'journalAppend',
        'journalAcknowledge',
        'journalPending',
        'storageIdentity',
        'storageIdentityBump',
        'setUiLanguage',
        'onCommand',
        'writeClipboard',
        'materialChunkCount',
        'materialChunkPut',
        'materialChunkRead',
        'materialRemove',
      ].sort(),
    );
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
  });

  it('sends each call on its own channel', async () => {
    const api = fake.exposed.get('seminar') as { setSettings(p: unknown): Promise<unknown> };
    await api.setSettings({ language: 'fr' });
    expect(fake.invoked).toContainEqual([BRIDGE_CHANNELS.setSettings, { language: 'fr' }]);
  });

  it('sends a file to save with its name, bytes and media type', async () => {
    const api = fake.exposed.get('seminar') as { saveFile(n: string, d: Uint8Array, m: string): Promise<unknown> };
    const data = new Uint8Array([1, 2, 3]);
    await api.saveFile('notes.csv', data, 'text/csv');
    expect(fake.invoked).toContainEqual([BRIDGE_CHANNELS.saveFile, 'notes.csv', data, 'text/csv']);
  });

  it('sends each journal call on its own channel, with its arguments only', async () => {
    const api = fake.exposed.get('seminar') as Record<string, (...args: unknown[]) => Promise<unknown>>;
    const entries = [{ mutationId: '00000000-0000-4000-8000-000000000001', mutation: { kind: 'read-state' } }];
    fake.invoked.length = 0;
    await api.journalAppend!(entries);
    await api.journalAcknowledge!(['00000000-0000-4000-8000-000000000001']);
    await api.journalPending!();
    await api.storageIdentity!();
    await api.storageIdentityBump!();
    expect(fake.invoked).toEqual([
      [BRIDGE_CHANNELS.journalAppend, entries],
      [BRIDGE_CHANNELS.journalAcknowledge, ['00000000-0000-4000-8000-000000000001']],
      [BRIDGE_CHANNELS.journalPending],
      [BRIDGE_CHANNELS.storageIdentity],
      [BRIDGE_CHANNELS.storageIdentityBump],
    ]);
  });

  it('sends the UI language and clipboard text on their own channels', async () => {
    const api = fake.exposed.get('seminar') as Record<string, (...args: unknown[]) => Promise<unknown>>;
    fake.invoked.length = 0;
    await api.setUiLanguage!('ar');
    await api.writeClipboard!('a passage');
    expect(fake.invoked).toEqual([
      [BRIDGE_CHANNELS.setUiLanguage, 'ar'],
      [BRIDGE_CHANNELS.writeClipboard, 'a passage'],
    ]);
  });

  it('onCommand passes on the known commands only, and unsubscribes', () => {
    const api = fake.exposed.get('seminar') as { onCommand(cb: (c: string) => void): () => void };
    const seen: unknown[] = [];
    const off = api.onCommand((command) => seen.push(command));
    const emit = (v: unknown) => fake.listeners.get(BRIDGE_CHANNELS.command)?.forEach((l) => l({ sender: 'ipc' }, v));
    emit('find');
    emit('rm -rf');
    emit({ command: 'find' });
    emit('copy-with-citation');
    off();
    emit('go-agenda');
    expect(seen).toEqual(['find', 'copy-with-citation']);
  });

  it('onOnlineChange subscribes and unsubscribes', () => {
    const api = fake.exposed.get('seminar') as { onOnlineChange(cb: (o: boolean) => void): () => void };
    const seen: boolean[] = [];
    const off = api.onOnlineChange((online) => seen.push(online));
    const emit = (v: unknown) => fake.listeners.get(BRIDGE_CHANNELS.onlineChanged)?.forEach((l) => l({}, v));
    emit(false);
    off();
    emit(true);
    expect(seen).toEqual([false]);
  });
});
