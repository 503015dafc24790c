import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import path from 'node:path';

/** What the journal does with an open file; Node's FileHandle fits. */
export interface FileHandleLike {
  /** Writes all of `data` (at the end, for a file opened with 'a'). */
  writeFile(data: Uint8Array): Promise<void>;
  sync(): Promise<void>;
  datasync(): Promise<void>;
  truncate(length: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * The file operations the journal and the storage identity use: Node's
 * fs/promises, or in tests a wrapper that fails the way a full disk or a crash does.
 */
export interface DurableFs {
  open(filePath: string, flags: string): Promise<FileHandleLike>;
  readFile(filePath: string): Promise<Uint8Array>;
  rename(from: string, to: string): Promise<void>;
  copyFile(from: string, to: string, mode: number): Promise<void>;
  rm(filePath: string, options: { force: boolean }): Promise<void>;
  mkdir(dir: string, options: { recursive: true }): Promise<unknown>;
  readdir(dir: string): Promise<string[]>;
}

export const nodeDurableFs: DurableFs = nodeFs;

/** The node error code of a failed fs call, if any. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * Makes a rename or a new file in `dir` durable. Windows cannot open a folder
 * for flushing, and NTFS journals renames itself, so there the refusal is ignored.
 */
export async function fsyncDirectory(fs: DurableFs, dir: string): Promise<void> {
  let handle: FileHandleLike;
  try {
    handle = await fs.open(dir, 'r');
  } catch (error) {
    if (['EISDIR', 'EPERM', 'EACCES'].includes(errorCode(error) ?? '')) return;
    throw error;
  }
  try {
    await handle.sync();
  } catch (error) {
    if (!['EINVAL', 'EBADF', 'EPERM'].includes(errorCode(error) ?? '')) throw error;
  } finally {
    await handle.close();
  }
}

const tempPrefix = (base: string): string => `.${base}.`;
const TEMP_SUFFIX = '.tmp';

/** A temporary file beside `filePath`; `removeLeftoverTemps` recognises its name after a crash. */
function tempPathFor(filePath: string): string {
  const base = path.basename(filePath);
  return path.join(path.dirname(filePath), `${tempPrefix(base)}${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

/**
 * Replaces `filePath` whole: writes a temporary file, flushes it, renames it
 * over the target and flushes the folder. A crash at any point leaves either
 * the old content or the new, plus at worst a temporary file to clean up.
 */
export async function writeFileDurably(fs: DurableFs, filePath: string, data: Uint8Array): Promise<void> {
  const temp = tempPathFor(filePath);
  try {
    const handle = await fs.open(temp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, filePath);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await fsyncDirectory(fs, path.dirname(filePath));
}

/** Deletes the temporary files a crash in `writeFileDurably` left beside `base`: they were never the file. */
export async function removeLeftoverTemps(fs: DurableFs, dir: string, base: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return;
    throw error;
  }
  const leftovers = names.filter((name) => name.startsWith(tempPrefix(base)) && name.endsWith(TEMP_SUFFIX));
  await Promise.all(leftovers.map((name) => fs.rm(path.join(dir, name), { force: true })));
}

function asidePathFor(filePath: string): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return `${filePath}.unreadable-${stamp}-${randomBytes(3).toString('hex')}`;
}

/**
 * Keeps a copy of a file we cannot read under a new name, flushed, and returns
 * that name. The original stays in place, so a crash before the caller
 * replaces it only means doing this again.
 */
export async function copyAside(fs: DurableFs, filePath: string): Promise<string> {
  const aside = asidePathFor(filePath);
  await fs.copyFile(filePath, aside, constants.COPYFILE_EXCL);
  const handle = await fs.open(aside, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fsyncDirectory(fs, path.dirname(filePath));
  return aside;
}

/** Moves a file we cannot even copy out of the way, under a new name; nothing is deleted. */
export async function renameAside(fs: DurableFs, filePath: string): Promise<string> {
  const aside = asidePathFor(filePath);
  await fs.rename(filePath, aside);
  await fsyncDirectory(fs, path.dirname(filePath));
  return aside;
}
