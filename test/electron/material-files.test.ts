import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MATERIAL_CHUNK_BYTES } from '../../shared/bridge.js';
import { createMaterialFiles } from '../../electron/main/material-files.js';

const SHA = 'ab'.repeat(32);

describe('material files in the data folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'material-files-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('counts the chunks present from the first without a gap, reads and removes them', async () => {
    const files = createMaterialFiles(dir);
    expect(await files.count(SHA)).toBe(0);
    await files.put(SHA, 0, new Uint8Array([1, 2]));
    await files.put(SHA, 1, new Uint8Array([3]));
    await files.put(SHA, 3, new Uint8Array([9]));
    expect(await files.count(SHA)).toBe(2);
    expect([...(await files.read(SHA, 1))]).toEqual([3]);
    // No temporary file is left beside the chunks.
    expect((await readdir(path.join(dir, SHA))).sort()).toEqual(['0', '1', '3']);
    await files.remove(SHA);
    expect(await files.count(SHA)).toBe(0);
  });

  it('refuses names, indexes and chunks the renderer should never send', async () => {
    const files = createMaterialFiles(dir);
    await expect(files.count('../../etc')).rejects.toThrow(/SHA-256/);
    await expect(files.put(SHA, -1, new Uint8Array([1]))).rejects.toThrow(/index/);
    await expect(files.put(SHA, 0.5, new Uint8Array([1]))).rejects.toThrow(/index/);
    await expect(files.put(SHA, 0, 'text')).rejects.toThrow(/chunk is/);
    await expect(files.put(SHA, 0, new Uint8Array(MATERIAL_CHUNK_BYTES + 1))).rejects.toThrow(/chunk is/);
    expect(await readdir(dir)).toEqual([]);
  });
});
