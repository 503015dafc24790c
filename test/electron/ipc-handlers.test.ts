import { mkdtempSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BRIDGE_CHANNELS,
  CLIPBOARD_MAX_CHARS,
  JOURNAL_BATCH_MAX,
  JOURNAL_BATCH_MAX_BYTES,
  JOURNAL_ENTRY_MAX_BYTES,
  journalBatches,
  journalErrorCode,
  journalIdBatches,
  SAVE_FILE_MAX_BYTES,
  type JournalPending,
} from '../../shared/bridge.js';
import {
  registerIpcHandlers,
  writeFileAtomic,
  type InvokeEvent,
  type IpcDeps,
  type SaveDialogRequest,
} from '../../electron/main/ipc-handlers.js';
import { JournalError } from '../../electron/main/journal-errors.js';
import { createJournal } from '../../electron/main/journal.js';
import { createStorageIdentityStore } from '../../electron/main/storage-identity.js';

import { fakeIpcMain, fakeSettingsStore } from './fakes.js';

const ourContents = { id: 1 };

const journalDirs: string[] = [];
afterEach(async () => {
  await Promise.all(journalDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

function setup(overrides: Partial<IpcDeps> = {}) {
  const ipc = fakeIpcMain();
  const store = fakeSettingsStore();
  const opened: string[] = [];
  const dialogs: Array<{ sender: unknown; request: SaveDialogRequest }> = [];
  const journalDir = mkdtempSync(path.join(tmpdir(), 'seminar-ipc-journal-'));
  journalDirs.push(journalDir);
  const journal = createJournal({ dir: journalDir });
  const journalCalls: string[] = [];
  const uiLanguages: string[] = [];
  const clipboard: string[] = [];
  const materialCalls: string[] = [];
  const dispose = registerIpcHandlers(ipc, {
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
    printToPdf: async () => new Uint8Array([0x25, 0x50, 0x44, 0x46]),
    journal: {
      append: (entries) => (journalCalls.push('append'), journal.append(entries)),
      acknowledge: (ids) => (journalCalls.push('acknowledge'), journal.acknowledge(ids)),
      pending: () => (journalCalls.push('pending'), journal.pending()),
    },
    storageIdentity: createStorageIdentityStore({ dir: journalDir }),
    setUiLanguage: (lang) => void uiLanguages.push(lang),
    writeClipboard: (text) => void clipboard.push(text),
    materialFiles: {
      count: async () => (materialCalls.push('count'), 0),
      put: async () => void materialCalls.push('put'),
      read: async () => (materialCalls.push('read'), new Uint8Array()),
      remove: async () => void materialCalls.push('remove'),
    },
    ...overrides,
  });
  return { ipc, opened, dialogs, journalCalls, uiLanguages, clipboard, materialCalls, dispose };
}

const trusted: InvokeEvent = {
  sender: ourContents,
  senderFrame: { url: 'app://seminar-desk/index.html', parent: null },
};

describe('IPC handlers', () => {
  it('registers one handler per invoke channel of the bridge', () => {
    const { ipc } = setup();
    const expected = Object.entries(BRIDGE_CHANNELS)
      // The two channels the shell sends on, not handlers.
      .filter(([name]) => name !== 'onlineChanged' && name !== 'command')
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
    ['another app: host', { sender: ourContents, senderFrame: { url: 'app://evil-host/index.html', parent: null } }],
    ['a file: page', { sender: ourContents, senderFrame: { url: 'file:///tmp/index.html', parent: null } }],
    ['a subframe', { sender: ourContents, senderFrame: { url: 'app://seminar-desk/index.html', parent: {} } }],
    ['another window', { sender: { id: 2 }, senderFrame: { url: 'app://seminar-desk/index.html', parent: null } }],
    ['a destroyed frame', { sender: ourContents, senderFrame: null }],
  ])('refuses %s on every channel, before doing anything', async (_name, event) => {
    const { ipc, opened, dialogs, journalCalls, uiLanguages, clipboard, materialCalls } = setup();
    // Arguments our page could send, so that only the sender is wrong.
    const validArgs: Record<string, unknown[]> = {
      [BRIDGE_CHANNELS.setSettings]: [{ language: 'ar' }],
      [BRIDGE_CHANNELS.openExternal]: ['https://example.org/'],
      [BRIDGE_CHANNELS.saveFile]: ['notes.csv', new Uint8Array([1]), 'text/csv'],
      [BRIDGE_CHANNELS.printToPdf]: ['synthesis'],
      [BRIDGE_CHANNELS.journalAppend]: [[{ mutationId: '00000000-0000-4000-8000-000000000001', mutation: {} }]],
      [BRIDGE_CHANNELS.journalAcknowledge]: [['00000000-0000-4000-8000-000000000001']],
      [BRIDGE_CHANNELS.setUiLanguage]: ['ar'],
      [BRIDGE_CHANNELS.writeClipboard]: ['a passage — its author'],
      [BRIDGE_CHANNELS.materialChunkCount]: ['a'.repeat(64)],
      [BRIDGE_CHANNELS.materialChunkPut]: ['a'.repeat(64), 0, new Uint8Array([1])],
      [BRIDGE_CHANNELS.materialChunkRead]: ['a'.repeat(64), 0],
      [BRIDGE_CHANNELS.materialRemove]: ['a'.repeat(64)],
    };
    for (const channel of ipc.channels()) {
      await expect(ipc.invoke(channel, event, ...(validArgs[channel] ?? [])), channel).rejects.toThrow(/IPC refused/);
    }
    expect({ opened, dialogs, journalCalls, uiLanguages, clipboard, materialCalls }).toEqual({
      opened: [],
      dialogs: [],
      journalCalls: [],
      uiLanguages: [],
      clipboard: [],
      materialCalls: [],
    });
    await expect(ipc.invoke(BRIDGE_CHANNELS.getSettings, trusted)).resolves.toMatchObject({ language: null });
    await expect(ipc.invoke(BRIDGE_CHANNELS.storageIdentity, trusted)).resolves.toMatchObject({ generation: 0 });
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

  it('tells the shell the UI language, and refuses one it does not know', async () => {
    const { ipc, uiLanguages } = setup();
    await ipc.invoke(BRIDGE_CHANNELS.setUiLanguage, trusted, 'zh');
    for (const bad of ['xx', 'EN', null, 3, { lang: 'en' }]) {
      await expect(ipc.invoke(BRIDGE_CHANNELS.setUiLanguage, trusted, bad), String(bad)).rejects.toThrow(
        /setUiLanguage: unknown language/,
      );
    }
    expect(uiLanguages).toEqual(['zh']);
  });

  it('writes plain text to the clipboard, within a size limit', async () => {
    const { ipc, clipboard } = setup();
    await ipc.invoke(BRIDGE_CHANNELS.writeClipboard, trusted, '“a passage” — A. Author');
    await expect(ipc.invoke(BRIDGE_CHANNELS.writeClipboard, trusted, { html: '<b>' })).rejects.toThrow(
      /must be a string/,
    );
    await expect(
      ipc.invoke(BRIDGE_CHANNELS.writeClipboard, trusted, 'x'.repeat(CLIPBOARD_MAX_CHARS + 1)),
    ).rejects.toThrow(/over the 1000000-character limit/);
    expect(clipboard).toEqual(['“a passage” — A. Author']);
  });

  it('opens only safe external links', async () => {
    const { ipc, opened } = setup();
    await expect(ipc.invoke(BRIDGE_CHANNELS.openExternal, trusted, 'javascript:alert(1)')).resolves.toBe(false);
    await expect(ipc.invoke(BRIDGE_CHANNELS.openExternal, trusted, 'https://example.org/')).resolves.toBe(true);
    expect(opened).toEqual(['https://example.org/']);
  });
});

describe('journal over IPC', () => {
  const id = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  const entry = (n: number) => ({ mutationId: id(n), mutation: { id: id(n), kind: 'read-state', read: true } });

  it('appends, lists and acknowledges for our page, and keeps the storage generation', async () => {
    const { ipc } = setup();
    await expect(ipc.invoke(BRIDGE_CHANNELS.journalAppend, trusted, [entry(1), entry(2)])).resolves.toEqual({
      supported: true,
    });
    await expect(ipc.invoke(BRIDGE_CHANNELS.journalAcknowledge, trusted, [id(1)])).resolves.toBeUndefined();
    await expect(ipc.invoke(BRIDGE_CHANNELS.journalPending, trusted)).resolves.toEqual({
      supported: true,
      entries: [entry(2)],
      setAside: [],
    });
    await expect(ipc.invoke(BRIDGE_CHANNELS.storageIdentity, trusted)).resolves.toEqual({
      supported: true,
      generation: 0,
    });
    await expect(ipc.invoke(BRIDGE_CHANNELS.storageIdentityBump, trusted)).resolves.toBe(1);
    await expect(ipc.invoke(BRIDGE_CHANNELS.storageIdentity, trusted)).resolves.toEqual({
      supported: true,
      generation: 1,
    });
  });

  it.each<[string, InvokeEvent]>([
    ['another origin', { sender: ourContents, senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a subframe', { sender: ourContents, senderFrame: { url: 'app://seminar-desk/index.html', parent: {} } }],
    ['another window', { sender: { id: 2 }, senderFrame: { url: 'app://seminar-desk/index.html', parent: null } }],
  ])('refuses %s on every journal channel, before the journal is touched', async (_name, event) => {
    const { ipc, journalCalls } = setup();
    const calls: Array<[string, unknown[]]> = [
      [BRIDGE_CHANNELS.journalAppend, [[entry(1)]]],
      [BRIDGE_CHANNELS.journalAcknowledge, [[id(1)]]],
      [BRIDGE_CHANNELS.journalPending, []],
      [BRIDGE_CHANNELS.storageIdentity, []],
      [BRIDGE_CHANNELS.storageIdentityBump, []],
    ];
    for (const [channel, args] of calls) {
      await expect(ipc.invoke(channel, event, ...args)).rejects.toThrow(/IPC refused/);
    }
    expect(journalCalls).toEqual([]);
    await expect(ipc.invoke(BRIDGE_CHANNELS.storageIdentity, trusted)).resolves.toMatchObject({ generation: 0 });
  });

  const big = (bytes: number) => ({ mutationId: id(1), mutation: { note: 'x'.repeat(bytes) } });
  it.each<[string, unknown, RegExp]>([
    ['entries that are not an array', { mutationId: id(1) }, /entries must be an array/],
    ['an entry that is not an object', ['x'], /entry 0 must be an object/],
    ['a mutation id that is not a uuid', [{ mutationId: 'abc', mutation: {} }], /mutationId must be a uuid, got "abc"/],
    ['a missing mutation id', [{ mutation: {} }], /mutationId must be a uuid, got undefined/],
    ['an unknown field', [{ ...entry(1), extra: 1 }], /unknown fields: extra/],
    ['a mutation that is not an object', [{ mutationId: id(1), mutation: 'x' }], /mutation must be an object/],
    [
      'a date',
      [{ mutationId: id(1), mutation: { at: new Date(0) } }],
      /mutation\.at is not JSON data \(\[object Date\]\)/,
    ],
    ['NaN', [{ mutationId: id(1), mutation: { n: Number.NaN } }], /mutation\.n is NaN/],
    ['undefined', [{ mutationId: id(1), mutation: { a: [undefined] } }], /mutation\.a\[0\] is not JSON data/],
    ['a Map', [{ mutationId: id(1), mutation: { m: new Map() } }], /\[object Map\]/],
    ['an entry over the size limit', [big(JOURNAL_ENTRY_MAX_BYTES)], /over the 262144-byte limit/],
    [
      'a batch over the size limit',
      Array.from({ length: 40 }, (_, i) => ({ ...big(JOURNAL_BATCH_MAX_BYTES / 40), mutationId: id(i) })),
      /the batch is over the 8388608-byte limit/,
    ],
    [
      'too many entries',
      Array.from({ length: JOURNAL_BATCH_MAX + 1 }, (_, i) => entry(i)),
      /over the 1000-entry limit/,
    ],
  ])('refuses to journal %s, and writes nothing', async (_name, entries, error) => {
    const { ipc, journalCalls } = setup();
    const failure = await ipc.invoke(BRIDGE_CHANNELS.journalAppend, trusted, entries).catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(error);
    expect(journalErrorCode(failure)).toBe('invalid-input');
    expect(journalCalls).toEqual([]);
  });

  it('accepts every batch journalBatches and journalIdBatches make of a long outbox', async () => {
    const { ipc } = setup();
    // 1,500 short entries, then 1,000 of about 20 KB, some in Arabic (2 bytes a letter): over both limits.
    const note = (i: number) => (i < 1_500 ? 'short' : i % 2 ? 'ع'.repeat(10_000) : 'x'.repeat(20_000));
    const entries = Array.from({ length: 2_500 }, (_, i) => ({
      mutationId: id(i),
      mutation: { id: id(i), note: note(i) },
    }));
    const batches = journalBatches(entries);
    expect(batches[0]).toHaveLength(JOURNAL_BATCH_MAX);
    expect(batches.slice(1, -1).every((batch) => batch.length < JOURNAL_BATCH_MAX)).toBe(true);
    expect(batches.length).toBeGreaterThan(3);
    for (const batch of batches) await ipc.invoke(BRIDGE_CHANNELS.journalAppend, trusted, batch);
    const pending = (await ipc.invoke(BRIDGE_CHANNELS.journalPending, trusted)) as JournalPending;
    expect(pending.entries.map((e) => e.mutationId)).toEqual(entries.map((e) => e.mutationId));

    for (const ids of journalIdBatches(entries.map((e) => e.mutationId))) {
      await ipc.invoke(BRIDGE_CHANNELS.journalAcknowledge, trusted, ids);
    }
    await expect(ipc.invoke(BRIDGE_CHANNELS.journalPending, trusted)).resolves.toMatchObject({ entries: [] });
  });

  it('refuses a cyclic mutation without overflowing the stack', async () => {
    const { ipc } = setup();
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(
      ipc.invoke(BRIDGE_CHANNELS.journalAppend, trusted, [{ mutationId: id(1), mutation: cyclic }]),
    ).rejects.toThrow(/nested more than 32 levels/);
  });

  it.each<[string, unknown, RegExp]>([
    ['ids that are not an array', id(1), /mutationIds must be an array/],
    ['an id that is not a uuid', [id(1), 'x'], /id 1 must be a uuid, got "x"/],
    ['too many ids', Array.from({ length: JOURNAL_BATCH_MAX + 1 }, (_, i) => id(i)), /over the 1000-id limit/],
  ])('refuses to acknowledge %s', async (_name, ids, error) => {
    const { ipc, journalCalls } = setup();
    await expect(ipc.invoke(BRIDGE_CHANNELS.journalAcknowledge, trusted, ids)).rejects.toThrow(error);
    expect(journalCalls).toEqual([]);
  });

  it('passes a full disk on to the renderer with a code it can read from what Electron forwards', async () => {
    const diskFull = new JournalError(
      'disk-full',
      'The disk is full: could not keep a copy of unsynced work (ENOSPC).',
    );
    const { ipc } = setup({
      journal: {
        append: async () => Promise.reject(diskFull),
        acknowledge: async () => undefined,
        pending: async () => ({ entries: [], setAside: [] }),
      },
    });
    const failure = await ipc.invoke(BRIDGE_CHANNELS.journalAppend, trusted, [entry(1)]).catch((e: unknown) => e);
    expect(failure).toBe(diskFull);
    // Electron keeps only the message, wrapped; the code survives inside it.
    const forwarded = new Error(
      `Error invoking remote method '${BRIDGE_CHANNELS.journalAppend}': JournalError: ${diskFull.message}`,
    );
    expect(journalErrorCode(forwarded)).toBe('disk-full');
    expect(journalErrorCode(new Error('something else'))).toBeNull();
    expect(journalErrorCode(new Error('[journal:made-up] x'))).toBeNull();
  });

  it('removes every handler it registered', () => {
    const { ipc, dispose } = setup();
    dispose();
    expect(ipc.channels()).toEqual([]);
  });
});

describe('printToPdf', () => {
  it("renders the sender's page and saves it where the user says, as .pdf; nothing when cancelled", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'seminar-pdf-'));
    try {
      const target = path.join(dir, 'synthese.pdf');
      const rendered: unknown[] = [];
      const { ipc, dialogs } = setup({
        showSaveDialog: async (sender, request) => {
          dialogs.push({ sender, request });
          return dialogs.length === 1 ? target : null;
        },
        printToPdf: async (sender) => {
          rendered.push(sender);
          return new Uint8Array([0x25, 0x50, 0x44, 0x46]);
        },
      });
      await expect(ipc.invoke(BRIDGE_CHANNELS.printToPdf, trusted, 'Synthèse I.i')).resolves.toEqual({
        saved: true,
        path: target,
      });
      expect(dialogs[0]!.request.fileName).toBe('Synthèse I.i.pdf');
      expect(rendered).toEqual([ourContents]);
      expect(new TextDecoder().decode(await readFile(target))).toBe('%PDF');
      await expect(ipc.invoke(BRIDGE_CHANNELS.printToPdf, trusted, 'again')).resolves.toEqual({ saved: false });
      expect(rendered).toHaveLength(1);
      await expect(ipc.invoke(BRIDGE_CHANNELS.printToPdf, trusted, '')).rejects.toThrow(/non-empty/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
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
