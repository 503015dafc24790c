import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isDiskFull, StorageFullError } from '../db/storage-guard.js';
import { hashMismatch, tooLarge, type BlobStore, type ByteRange } from './blob-store.js';

/**
 * Materials in a folder: `sha256/ab/abcdef…` (two-letter fan-out keeps
 * directories small). A file is written under `tmp/`, hashed as it comes,
 * synced, and renamed into place only if its hash is the one announced, so a
 * file under `sha256/` is always whole and has the hash of its name, even
 * after a crash mid-upload (`tmp/` is emptied at start).
 */
export async function openFileBlobStore(root: string): Promise<BlobStore> {
  const tmp = join(root, 'tmp');
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  const pathOf = (sha256: string) => join(root, 'sha256', sha256.slice(0, 2), sha256);

  return {
    kind: 'folder',
    async stat(sha256) {
      const found = await stat(pathOf(sha256)).catch(() => null);
      return found ? { size: found.size } : null;
    },
    async put(source, expected) {
      const partial = join(tmp, randomBytes(12).toString('hex'));
      const hash = createHash('sha256');
      let size = 0;
      try {
        await pipeline(
          source,
          async function* (chunks: AsyncIterable<Uint8Array>) {
            for await (const chunk of chunks) {
              size += chunk.byteLength;
              if (size > expected.maxBytes) throw tooLarge(expected.maxBytes);
              hash.update(chunk);
              yield chunk;
            }
          },
          createWriteStream(partial, { flags: 'wx' }),
        );
        const actual = hash.digest('hex');
        if (actual !== expected.sha256) throw hashMismatch(expected.sha256, actual);
        // Synced before the rename: a crash never leaves a named file with bytes missing.
        const handle = await open(partial, 'r');
        await handle.sync().finally(() => handle.close());
        await mkdir(join(root, 'sha256', actual.slice(0, 2)), { recursive: true });
        await rename(partial, pathOf(actual));
        return { size };
      } catch (error) {
        await rm(partial, { force: true });
        if (isDiskFull(error)) throw new StorageFullError('no space left for the material (nothing was stored)');
        throw error;
      }
    },
    async read(sha256: string, range?: ByteRange): Promise<Readable> {
      const path = pathOf(sha256);
      // Opened before answering, so a missing file is an error here and not mid-stream.
      const handle = await open(path, 'r');
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    },
  };
}
