import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real small file system (tmpfs) for full-disk tests, and a filler file
 * that leaves exactly as much free space as a test asks for. Mounting needs
 * root (CI runs as root); elsewhere it says why it cannot.
 */
export function mountSmallDisk(sizeMb: number): { dir: string; unmount(): void } | { skipped: string } {
  const dir = mkdtempSync(join(tmpdir(), 'seminar-small-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0777`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    return { skipped: `cannot mount a ${sizeMb} MB tmpfs here (${stderr || (error as Error).message})` };
  }
  return {
    dir,
    unmount() {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const MB = 1024 * 1024;

export function freeBytes(dir: string): number {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
}

/** Grows or shrinks the filler in `dir` so that `leaveBytes` stay free (to within a page). */
export function leaveFree(dir: string, leaveBytes: number): void {
  const filler = join(dir, 'filler');
  const size = statSync(filler, { throwIfNoEntry: false })?.size ?? 0;
  const target = Math.max(0, size + freeBytes(dir) - leaveBytes);
  rmSync(filler, { force: true });
  if (target > 0) execFileSync('fallocate', ['-l', String(target), filler]);
}

export function removeFiller(dir: string): void {
  rmSync(join(dir, 'filler'), { force: true });
}
