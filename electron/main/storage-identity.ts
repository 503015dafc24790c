import path from 'node:path';
import {
  errorCode,
  nodeDurableFs,
  removeLeftoverTemps,
  renameAside,
  writeFileDurably,
  type DurableFs,
} from './durable-file.js';
import { journalFailure } from './journal-errors.js';

/**
 * The generation counter that tells a wiped renderer database from a first
 * run (protocol in shared/bridge.ts). It lives in its own small file, replaced
 * atomically, beside the journal and outside Chromium's storage.
 */
export interface StorageIdentityStore {
  generation(): Promise<number>;
  /** Adds one, on disk before it resolves, and returns the new generation. */
  bump(): Promise<number>;
}

export const STORAGE_IDENTITY_FILE = 'storage-identity.json';
const FORMAT = 'seminar-desk-storage-identity';

export function createStorageIdentityStore(options: {
  dir: string;
  fs?: DurableFs;
  onWarning?: (message: string, error: unknown) => void;
}): StorageIdentityStore {
  const { dir, fs = nodeDurableFs, onWarning } = options;
  const filePath = path.join(dir, STORAGE_IDENTITY_FILE);
  let current: number | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  function exclusive<T>(doing: string, fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn).catch((error: unknown) => {
      throw journalFailure(error, doing);
    });
    queue = run.catch(() => undefined);
    return run;
  }

  async function read(): Promise<number> {
    await removeLeftoverTemps(fs, dir, STORAGE_IDENTITY_FILE);
    let text: string;
    try {
      text = new TextDecoder().decode(await fs.readFile(filePath));
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return 0;
      throw error;
    }
    try {
      const value = JSON.parse(text) as { format?: unknown; generation?: unknown };
      if (value.format === FORMAT && Number.isSafeInteger(value.generation) && (value.generation as number) >= 0) {
        return value.generation as number;
      }
    } catch {
      // Not JSON: set aside below.
    }
    // Written atomically, so this is damage from outside. Keep the file; start
    // again from 0. The renderer replays the journal whenever its database is
    // new, so a wipe it can no longer tell from a first run still loses nothing.
    const aside = await renameAside(fs, filePath);
    onWarning?.(`unreadable storage identity moved to ${aside}`, null);
    return 0;
  }

  return {
    generation: () =>
      exclusive('read the storage identity', async () => {
        current ??= await read();
        return current;
      }),
    bump: () =>
      exclusive('update the storage identity', async () => {
        const next = (current ?? (await read())) + 1;
        await fs.mkdir(dir, { recursive: true });
        const text = `${JSON.stringify({ format: FORMAT, generation: next })}\n`;
        await writeFileDurably(fs, filePath, new TextEncoder().encode(text));
        current = next;
        return next;
      }),
  };
}
