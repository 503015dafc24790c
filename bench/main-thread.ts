import type { CDPSession, Page } from 'playwright-core';

/**
 * The app's main thread while it syncs (issue 19: "the UI stays usable,
 * longest main-thread task < 50 ms during the whole sync"). Installed before
 * the app's scripts run, it keeps every long task (Long Tasks API: tasks over
 * 50 ms) and every long animation frame (Long Animation Frames API: frames
 * over 50 ms, which also count style and layout, which the Long Tasks API
 * leaves out), and the moment the app starts its sync worker. What comes
 * before that moment is the app's own start (its bundle evaluated, the first
 * render), reported apart: no sync runs yet.
 *
 * Long tasks are wall-clock times: on a machine whose cores other processes
 * also want, a task of 5 ms of work can last 80 ms because the OS ran
 * something else meanwhile. So a DevTools trace is recorded too, and each
 * task's main-thread CPU time (the trace's thread duration) is reported
 * beside it: the app's own work, whatever the machine's load.
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

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

export interface MainThreadWatch {
  cdp: CDPSession;
  events: TraceEvent[];
}

/** Call before the app's page is opened. */
export async function watchMainThread(page: Page): Promise<MainThreadWatch> {
  await page.addInitScript({ content: WATCH });
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    categories: 'disabled-by-default-devtools.timeline,blink.user_timing',
    transferMode: 'ReportEvents',
  });
  return { cdp, events };
}

/** The longest main-thread CPU time of one task (ms) from `fromMs` (page time) on, from the trace. */
async function longestTaskCpu(watch: MainThreadWatch, fromMs: number): Promise<{ cpu: number; wall: number }> {
  const done = new Promise((resolve) => watch.cdp.once('Tracing.tracingComplete', resolve));
  await watch.cdp.send('Tracing.end');
  await done;
  const { events } = watch;
  // The page's main thread: the renderer main thread on which the page's navigation started.
  const nav = events.filter((e) => e.name === 'navigationStart').at(-1);
  if (!nav) return { cpu: Number.NaN, wall: Number.NaN };
  const from = nav.ts + fromMs * 1000;
  let cpu = 0;
  let wall = 0;
  for (const e of events)
    if (e.name === 'RunTask' && e.ph === 'X' && e.pid === nav.pid && e.tid === nav.tid && e.ts + (e.dur ?? 0) > from) {
      cpu = Math.max(cpu, (e.tdur ?? 0) / 1000);
      wall = Math.max(wall, (e.dur ?? 0) / 1000);
    }
  await watch.cdp.detach();
  return { cpu, wall };
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
  /** The most main-thread CPU time one task took during the sync (DevTools trace), in ms. */
  syncTaskCpu: number;
}

export async function readMainThread(page: Page, watch: MainThreadWatch): Promise<MainThreadReport> {
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
  const traced = await longestTaskCpu(watch, start);
  return {
    syncTaskCpu: traced.cpu,
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
    `during the sync: longest task ${ms(d.syncTask)} (${d.syncTasks ?? 0} over 50 ms), at most ` +
    `${(d.syncTaskCpu ?? 0).toFixed(0)} ms of main-thread CPU in one task (trace), longest animation frame ` +
    `${ms(d.syncFrame)}; before it (the app's start, until its sync worker starts at ${Math.round(d.syncStartMs ?? 0)} ms): ` +
    `longest task ${ms(d.bootTask)}`
  );
}
