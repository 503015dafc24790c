import { createMaterialFiles } from '../../electron/main/material-files.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BRIDGE_CHANNELS, journalErrorCode, type JournalEntry, type SeminarBridge } from '../../shared/bridge.js';
import { registerIpcHandlers, type InvokeEvent } from '../../electron/main/ipc-handlers.js';
import { createJournal } from '../../electron/main/journal.js';
import { createStorageIdentityStore } from '../../electron/main/storage-identity.js';
import { fakeJournal } from '../renderer/fixtures.js';
import { fakeIpcMain } from './fakes.js';

/*
 * The same story told to the desktop shell's journal (over IPC, on real files)
 * and to the renderer tests' `fakeJournal`, so the fake cannot drift from it.
 */

type JournalMethods = Pick<
  SeminarBridge,
  'journalAppend' | 'journalAcknowledge' | 'journalPending' | 'storageIdentity' | 'storageIdentityBump'
>;
/** Starts the app (again): the journal's state outlives each start. */
type Start = () => JournalMethods;

const ours = { id: 1 };
const trusted: InvokeEvent = { sender: ours, senderFrame: { url: 'app://seminar-desk/index.html', parent: null } };

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seminar-contract-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function shellJournal(): JournalMethods {
  const ipc = fakeIpcMain();
  registerIpcHandlers(ipc, {
    getMainContents: () => ours,
    getAppInfo: () => ({ name: 'x', version: '0', shell: 'electron', platform: 'test', localServerUrl: null }),
    getSettings: () => ({ serverUrl: null, token: null, language: null }),
    setSettings: () => ({ serverUrl: null, token: null, language: null }),
    isOnline: () => true,
    openExternal: async () => undefined,
    showSaveDialog: async () => null,
    printToPdf: async () => new Uint8Array(0),
    materialFiles: createMaterialFiles(path.join(dir, 'materials')),
    journal: createJournal({ dir }),
    storageIdentity: createStorageIdentityStore({ dir }),
    setUiLanguage: () => undefined,
    writeClipboard: () => undefined,
  });
  const call = <T>(channel: string, ...args: unknown[]) => ipc.invoke(channel, trusted, ...args) as Promise<T>;
  return {
    journalAppend: (entries) => call(BRIDGE_CHANNELS.journalAppend, entries),
    journalAcknowledge: (ids) => call(BRIDGE_CHANNELS.journalAcknowledge, ids),
    journalPending: () => call(BRIDGE_CHANNELS.journalPending),
    storageIdentity: () => call(BRIDGE_CHANNELS.storageIdentity),
    storageIdentityBump: () => call(BRIDGE_CHANNELS.storageIdentityBump),
  };
}

const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const entry = (n: number, note = `note ${n}`): JournalEntry => ({
  mutationId: id(n),
  mutation: { id: id(n), kind: 'annotation-put', note, tags: [], empty: null, deep: [{ a: 1.5 }] },
});

describe.each<[string, () => Start]>([
  ['the desktop shell', () => shellJournal],
  [
    'fakeJournal',
    () => {
      const journal = fakeJournal();
      return () => journal;
    },
  ],
])('%s', (_name, makeStart) => {
  it('follows the journal protocol', async () => {
    const start = makeStart();
    let app = start();
    expect(await app.journalPending()).toEqual({ supported: true, entries: [], setAside: [] });
    expect(await app.journalAppend([entry(1), entry(2), entry(1, 'duplicate')])).toEqual({ supported: true });
    await app.journalAppend([entry(3)]);
    await app.journalAcknowledge([id(2), id(99)]);
    expect((await app.journalPending()).entries).toEqual([entry(1), entry(3)]);

    app = start();
    await app.journalAppend([entry(2), entry(3, 'duplicate')]);
    expect((await app.journalPending()).entries).toEqual([entry(1), entry(3), entry(2)]);

    const { entries } = await app.journalPending();
    (entries[0]!.mutation as { note: string }).note = 'changed by the caller';
    expect((await app.journalPending()).entries[0]).toEqual(entry(1));
  });

  it('keeps the storage generation', async () => {
    const start = makeStart();
    expect(await start().storageIdentity()).toEqual({ supported: true, generation: 0 });
    expect(await start().storageIdentityBump()).toBe(1);
    expect(await start().storageIdentityBump()).toBe(2);
    expect(await start().storageIdentity()).toEqual({ supported: true, generation: 2 });
  });
});

describe('fakeJournal', () => {
  it('fails the way the shell does when asked, once', async () => {
    const journal = fakeJournal();
    journal.failNext('journalAppend');
    const failure = await journal.journalAppend([entry(1)]).catch((error: unknown) => error);
    expect(journalErrorCode(failure)).toBe('disk-full');
    expect(journal.pendingIds()).toEqual([]);
    await journal.journalAppend([entry(1)]);
    expect(journal.pendingIds()).toEqual([id(1)]);
  });

  it('plays the web mode when unsupported', async () => {
    const journal = fakeJournal({ supported: false });
    expect(await journal.journalAppend([entry(1)])).toEqual({ supported: false });
    expect(await journal.journalPending()).toEqual({ supported: false, entries: [], setAside: [] });
    expect(await journal.storageIdentityBump()).toBe(0);
  });
});
