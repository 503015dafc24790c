import { readFileSync, readdirSync } from 'node:fs';

/**
 * How busy the rest of the machine was during the run: CPU time from
 * /proc/stat minus the CPU time of this process and its descendants (servers,
 * PostgreSQL, Chromium, builds). The figures are only as quiet as this says,
 * and BENCHMARKS.md reports it.
 */
export interface LoadReport {
  /** Cores used by other processes: on average over the run, and in the busiest window. */
  othersAverage: number;
  othersPeak: number;
  cores: number;
}

const TICKS_PER_SECOND = 100;

function machineBusyTicks(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: everything but idle and iowait.
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = cpu;
  return user + nice + system + irq + softirq + steal;
}

/** utime + stime of every live process descending from `root` (itself included). */
function treeTicks(root: number): Map<number, number> {
  const parents = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at state, field 3.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      ticks.set(Number(entry), Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = new Map<number, number>();
  for (const [pid, t] of ticks) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parents.get(p)) {
      if (p === root) {
        tree.set(pid, t);
        break;
      }
    }
  }
  return tree;
}

/**
 * Samples every `intervalMs`. Our CPU is summed per process (what each used
 * since it was last seen), not from parents' counters of reaped children:
 * Chromium's helpers are orphaned, not reaped, when it exits. A process of
 * ours that lives less than an interval is missed, and counted as others'.
 */
export function watchMachineLoad(cores: number, intervalMs = 2_000): { stop(): LoadReport } {
  const others = (busyTicks: number, ownTicks: number, ms: number) =>
    ms > 0 ? Math.max(0, (busyTicks - ownTicks) / TICKS_PER_SECOND / (ms / 1000)) : 0;
  const start = performance.now();
  let seen = treeTicks(process.pid);
  let window = { at: start, busy: machineBusyTicks(), own: 0 };
  let busy = window.busy;
  let own = 0;
  let peak = 0;
  const sample = () => {
    const now = treeTicks(process.pid);
    for (const [pid, ticks] of now) own += Math.max(0, ticks - (seen.get(pid) ?? 0));
    seen = now;
    busy = machineBusyTicks();
    const at = performance.now();
    // The busiest window of about 10 s, so one slow sample does not make a peak.
    if (at - window.at >= 10_000) {
      peak = Math.max(peak, others(busy - window.busy, own - window.own, at - window.at));
      window = { at, busy, own };
    }
  };
  const first = { busy, own };
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      const average = others(busy - first.busy, own - first.own, performance.now() - start);
      return { othersAverage: average, othersPeak: Math.max(peak, average), cores };
    },
  };
}
