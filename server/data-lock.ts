import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Who holds a data folder: the server, or an admin command run against it. */
export type LockHolder = 'server' | 'admin';

/**
 * PGlite is single-process: the server and the admin commands write their pid
 * and kind here, and refuse a folder held by a live process. A lock left by a
 * dead pid is taken over.
 */
export class DataLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly holder: LockHolder,
  ) {
    super(
      holder === 'server'
        ? `the data folder ${dataDir} is in use by a running server (pid ${pid}); stop it first`
        : `the data folder ${dataDir} is in use by an admin command (pid ${pid}); wait for it to finish`,
    );
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The lock file's holder, or null when there is none (or it is unreadable, i.e. left half-written by a crash). */
function readLock(file: string): { pid: number; holder: LockHolder } | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  // "PID HOLDER"; a bare pid is the older format, written only by servers.
  const [pidText, holderText] = text.trim().split(/\s+/);
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  return { pid, holder: holderText === 'admin' ? 'admin' : 'server' };
}

export function acquireDataLock(dataDir: string, holder: LockHolder): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'server.lock');
  const mine = `${process.pid} ${holder}\n`;
  // 'wx' creates the file or fails: two processes starting at once cannot both take it.
  for (let attempt = 0; ; attempt++) {
    try {
      writeFileSync(file, mine, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 2) throw error;
    }
    const held = readLock(file);
    if (held && held.pid !== process.pid && alive(held.pid)) throw new DataLockedError(dataDir, held.pid, held.holder);
    rmSync(file, { force: true }); // a dead holder's (or our own) leftover
  }
  return () => {
    if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
  };
}

/**
 * Takes the lock for a command-line program, or prints why not in one line
 * and exits with code 2 (nothing was touched).
 */
export function acquireDataLockOrExit(dataDir: string, holder: LockHolder, suffix = ''): () => void {
  try {
    return acquireDataLock(dataDir, holder);
  } catch (error) {
    if (!(error instanceof DataLockedError)) throw error;
    console.error(`${error.message}.${suffix}`);
    process.exit(2);
  }
}
