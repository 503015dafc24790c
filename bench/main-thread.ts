import type { Page } from 'playwright-core';

/**
 * The app's main thread while it syncs (issue 19: "the UI stays usable,
 * longest main-thread task < 50 ms during the whole sync"). Installed before
 * the app's scripts run, it keeps every long task (Long Tasks API: tasks over
 * 50 ms) and every long animation frame (Long Animation Frames API: frames
 * over 50 ms, which also count style and layout, which the Long Tasks API
 * leaves out), and the moment the app starts its sync worker. What comes
 * before that moment is the app's own start (its bundle evaluated, the first
 * render), reported apart: no sync runs yet.
 */
const WATCH = `
  (() => {
    const seen = { tasks: [], frames: [], syncStart: null };
    globalThis.__mainThread = seen;
    const keep = (list, into) => { for (const e of list.getEntries()) into.push([e.startTime, e.duration]); };
    new PerformanceObserver((list) => keep(list, seen.tasks)).observe({ type: 'longtask', buffered: true });
    try {
      new PerformanceObserver((list) => keep(list, seen.frames)).observe({ type: 'long-animation-frame', buffered: true });
    } catch {}
    const NativeWorker = globalThis.Worker;
    globalThis.Worker = class extends NativeWorker {
      constructor(url, options) {
        super(url, options);
        if (seen.syncStart === null && /sync-worker/.test(String(url))) seen.syncStart = performance.now();
      }
    };
  })();
`;

export async function watchMainThread(page: Page): Promise<void> {
  await page.addInitScript({ content: WATCH });
}

export interface MainThreadReport {
  /** The longest task (Long Tasks API) from the sync worker's start until now, in ms; 0: none over 50 ms. */
  syncTask: number;
  /** How many tasks over 50 ms in that time. */
  syncTasks: number;
  /** The longest animation frame in that time (style and layout included), in ms; 0: none over 50 ms. */
  syncFrame: number;
  /** The longest task before the sync started: the app's own start. */
  bootTask: number;
  /** When the sync worker started, in ms since navigation. */
  syncStartMs: number;
}

export async function readMainThread(page: Page): Promise<MainThreadReport> {
  const seen = await page.evaluate(
    () =>
      (
        globalThis as unknown as {
          __mainThread: { tasks: [number, number][]; frames: [number, number][]; syncStart: number | null };
        }
      ).__mainThread,
  );
  if (seen.syncStart === null) throw new Error('the app never started its sync worker');
  const start = seen.syncStart;
  // A task that began before the worker started but ran on past it counts for the sync.
  const during = (entries: [number, number][]) => entries.filter(([at, ms]) => at + ms > start).map(([, ms]) => ms);
  const before = seen.tasks.filter(([at, ms]) => at + ms <= start).map(([, ms]) => ms);
  const syncTasks = during(seen.tasks);
  return {
    syncTask: Math.max(0, ...syncTasks),
    syncTasks: syncTasks.length,
    syncFrame: Math.max(0, ...during(seen.frames)),
    bootTask: Math.max(0, ...before),
    syncStartMs: start,
  };
}

/** The figures for a row's note. */
export function describeMainThread(d: Record<string, number | undefined>): string {
  const ms = (v: number | undefined) => (v ? `${Math.round(v)} ms` : 'none over 50 ms');
  return (
    `during the sync: longest task ${ms(d.syncTask)} (${d.syncTasks ?? 0} over 50 ms), longest animation frame ` +
    `${ms(d.syncFrame)}; before it (the app's start, until its sync worker starts at ${Math.round(d.syncStartMs ?? 0)} ms): ` +
    `longest task ${ms(d.bootTask)}`
  );
}
