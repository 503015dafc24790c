import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalErrorCode } from '../../shared/bridge.js';
import { nodeDurableFs } from '../../electron/main/durable-file.js';
import { createStorageIdentityStore, STORAGE_IDENTITY_FILE } from '../../electron/main/storage-identity.js';
import { fsError, fsWith, handleWith } from './fakes.js';

let root: string;
let dir: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'seminar-identity-'));
  // Not created yet: the first bump makes it.
  dir = path.join(root, 'journal');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('storage identity', () => {
  it('starts at 0, bumps, and keeps the generation across a restart', async () => {
    const store = createStorageIdentityStore({ dir });
    expect(await store.generation()).toBe(0);
    expect(await store.bump()).toBe(1);
    expect(await store.bump()).toBe(2);
    expect(await store.generation()).toBe(2);
    expect(await createStorageIdentityStore({ dir }).generation()).toBe(2);
    expect(JSON.parse(await readFile(path.join(dir, STORAGE_IDENTITY_FILE), 'utf8'))).toEqual({
      format: 'seminar-desk-storage-identity',
      generation: 2,
    });
    expect(await readdir(dir)).toEqual([STORAGE_IDENTITY_FILE]);
  });

  it('ignores and removes what a crash during a bump left behind', async () => {
    expect(await createStorageIdentityStore({ dir }).bump()).toBe(1);
    const leftover = path.join(dir, `.${STORAGE_IDENTITY_FILE}.0123456789ab.tmp`);
    await writeFile(leftover, '{"format":"seminar-desk-storage-identity","generation":2}\n');
    expect(await createStorageIdentityStore({ dir }).generation()).toBe(1);
    expect(await readdir(dir)).toEqual([STORAGE_IDENTITY_FILE]);
  });

  it('gives concurrent bumps distinct generations', async () => {
    const store = createStorageIdentityStore({ dir });
    const results = await Promise.all([store.bump(), store.bump(), store.bump()]);
    expect(results).toEqual([1, 2, 3]);
    expect(await createStorageIdentityStore({ dir }).generation()).toBe(3);
  });

  it('moves an unreadable file aside and starts again from 0', async () => {
    await mkdir(dir);
    await writeFile(path.join(dir, STORAGE_IDENTITY_FILE), '{"generation":');
    const warnings: string[] = [];
    const store = createStorageIdentityStore({ dir, onWarning: (message) => warnings.push(message) });
    expect(await store.generation()).toBe(0);
    expect(warnings).toEqual([expect.stringMatching(/unreadable storage identity moved to .*unreadable-/)]);
    const aside = (await readdir(dir)).find((name) => name.includes('unreadable'));
    expect(await readFile(path.join(dir, aside!), 'utf8')).toBe('{"generation":');
    expect(await store.bump()).toBe(1);
  });

  it('rejects a bump on a full disk and keeps the old generation', async () => {
    const disk = { full: false };
    const fs = fsWith({
      async open(p, flags) {
        const handle = await nodeDurableFs.open(p, flags);
        if (!disk.full || flags !== 'wx') return handle;
        return handleWith(handle, {
          writeFile: async () => {
            throw fsError('ENOSPC');
          },
        });
      },
    });
    const store = createStorageIdentityStore({ dir, fs });
    expect(await store.bump()).toBe(1);
    disk.full = true;
    const failure = await store.bump().catch((error: unknown) => error);
    expect(journalErrorCode(failure)).toBe('disk-full');
    expect(await store.generation()).toBe(1);
    expect(await readdir(dir)).toEqual([STORAGE_IDENTITY_FILE]);
    disk.full = false;
    expect(await store.bump()).toBe(2);
  });
});
