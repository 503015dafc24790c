import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { MATERIAL_CHUNK_BYTES, MATERIAL_MAX_CHUNKS, MATERIAL_SHA256 } from '../../shared/bridge.js';

/**
 * Materials' files in the app's data folder: `materials/<sha256>/<index>`,
 * one file per chunk. A chunk is written beside its name, synced and renamed,
 * so a chunk file is always whole: after a crash the download goes on from
 * the chunks that are there.
 */
export interface MaterialFiles {
  count(sha256: unknown): Promise<number>;
  put(sha256: unknown, index: unknown, bytes: unknown): Promise<void>;
  read(sha256: unknown, index: unknown): Promise<Uint8Array>;
  remove(sha256: unknown): Promise<void>;
}

function checkHash(sha256: unknown): string {
  if (typeof sha256 !== 'string' || !MATERIAL_SHA256.test(sha256))
    throw new Error('material files: the name is a SHA-256, 64 lowercase hex digits');
  return sha256;
}

function checkIndex(index: unknown): number {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= MATERIAL_MAX_CHUNKS)
    throw new Error(`material files: a chunk index is a whole number below ${MATERIAL_MAX_CHUNKS}`);
  return index;
}

const isFull = (error: unknown) => ['ENOSPC', 'EDQUOT'].includes((error as NodeJS.ErrnoException)?.code ?? '');

export function createMaterialFiles(root: string): MaterialFiles {
  const dirOf = (sha256: unknown) => path.join(root, checkHash(sha256));
  return {
    async count(sha256) {
      const names = new Set(await readdir(dirOf(sha256)).catch(() => [] as string[]));
      let n = 0;
      while (names.has(String(n))) n += 1;
      return n;
    },
    async put(sha256, index, bytes) {
      const dir = dirOf(sha256);
      const at = checkIndex(index);
      if (!(bytes instanceof Uint8Array) || bytes.byteLength === 0 || bytes.byteLength > MATERIAL_CHUNK_BYTES)
        throw new Error(`material files: a chunk is 1 to ${MATERIAL_CHUNK_BYTES} bytes`);
      const temp = path.join(dir, `.${at}.${randomBytes(6).toString('hex')}.tmp`);
      try {
        await mkdir(dir, { recursive: true });
        const handle = await open(temp, 'wx');
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temp, path.join(dir, String(at)));
      } catch (error) {
        await rm(temp, { force: true });
        // The renderer tells the user; the download waits for room.
        if (isFull(error)) throw new Error('[materials:full] no space left for the material');
        throw error;
      }
    },
    async read(sha256, index) {
      return new Uint8Array(await readFile(path.join(dirOf(sha256), String(checkIndex(index)))));
    },
    async remove(sha256) {
      await rm(dirOf(sha256), { recursive: true, force: true });
    },
  };
}
