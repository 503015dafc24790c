import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TEMP_PREFIX } from './cleanup.js';
import { log } from './log.js';
import { pgBin } from './postgres-cluster.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * A run killed outright (SIGKILL, a crash of Node itself) cannot clean up:
 * the next run stops the PostgreSQL cluster it left and removes its temp dirs.
 * Only dirs named by this bench whose run's process is gone are touched.
 */
export async function sweepStaleRuns(): Promise<void> {
  const pattern = new RegExp(`^${TEMP_PREFIX}(\\d+)-`);
  for (const entry of readdirSync(tmpdir())) {
    const pid = Number(pattern.exec(entry)?.[1] ?? 0);
    if (!pid || pid === process.pid || alive(pid)) continue;
    const dir = join(tmpdir(), entry);
    if (existsSync(join(dir, 'data', 'postmaster.pid'))) {
      const asRoot = process.getuid?.() === 0;
      const pgCtl = [join(pgBin(), 'pg_ctl'), '-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop'];
      const [cmd, ...args] = asRoot ? ['runuser', '-u', 'postgres', '--', ...pgCtl] : pgCtl;
      await promisify(execFile)(cmd!, args).catch(() => undefined);
    }
    await rm(dir, { recursive: true, force: true });
    log(`removed ${dir}, left by an earlier run that did not end cleanly`);
  }
}
