import { readFileSync, writeFileSync } from 'node:fs';

/** A field of /proc/PID/status in bytes (Linux reports kB). */
function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  const kB = Number(/(\d+)\s*kB/.exec(line ?? '')?.[1]);
  if (!Number.isFinite(kB)) throw new Error(`no ${field} in /proc/${pid}/status`);
  return kB * 1024;
}

export const residentBytes = (pid: number) => statusBytes(pid, 'VmRSS');

/**
 * The peak resident memory of a process over a stretch of time: the kernel's
 * high-water mark, reset at the start (`clear_refs` 5, on a process of ours),
 * and, in case that is refused, the highest of samples taken every `intervalMs`.
 */
export function watchPeakResident(pid: number, intervalMs = 50): { stop(): number } {
  let reset = true;
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    reset = false;
  }
  let peak = residentBytes(pid);
  const timer = setInterval(() => {
    try {
      peak = Math.max(peak, residentBytes(pid));
    } catch {
      // The process ended: its last samples stand.
    }
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      try {
        peak = Math.max(peak, residentBytes(pid), reset ? statusBytes(pid, 'VmHWM') : 0);
      } catch {
        // as above
      }
      return peak;
    },
  };
}
