import { Worker } from 'node:worker_threads';

/**
 * PGlite runs in this process's main thread. When it wedges (its WAL cannot
 * grow on a full disk) it spins inside a query and the event loop never runs
 * again: no timer, no request, no log. Only another thread can notice, so the
 * database wrapper records here when queries start and finish, the main
 * thread beats a heartbeat, and a worker thread watches both. When either is
 * stuck past the limit it prints why and ends the process with a non-zero
 * status, so a supervisor starts it again instead of it spinning silently.
 */

// [0] last heartbeat, [1] since when a query is waiting without any finishing (0: none), [2] the limit (ms).
const clock = new Float64Array(new SharedArrayBuffer(3 * Float64Array.BYTES_PER_ELEMENT));
let pending = 0;

/** Marks a database call under way; call the returned function when it settles. */
export function queryStarted(): () => void {
  if (pending++ === 0) clock[1] = Date.now();
  let done = false;
  return () => {
    if (done) return;
    done = true;
    pending -= 1;
    // Progress: the wait of the calls still pending counts from now.
    clock[1] = pending > 0 ? Date.now() : 0;
  };
}

/** Status when the process is ended from its own (still running) main thread: EX_SOFTWARE. */
export const STALL_EXIT_CODE = 70;

const WATCHER = `
const { workerData, parentPort } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const clock = new Float64Array(workerData.buffer);
setInterval(() => {
  const now = Date.now();
  const limit = clock[2];
  const blocked = now - clock[0];
  const waiting = clock[1] ? now - clock[1] : 0;
  if (blocked > limit) {
    // The main thread cannot run any more: say why here, then end the process from outside it.
    const what = clock[1] ? 'stuck in a database query' : 'blocked';
    writeSync(2, workerData.blockedMessage.replace('WHAT', what).replace('SECONDS', Math.round(blocked / 1000)) + '\\n');
    process.kill(process.pid, 'SIGKILL');
  } else if (waiting > limit) {
    parentPort.postMessage(Math.round(waiting / 1000));
  }
}, 1000);
`;

export interface StallWatchdog {
  /** Changes the limit (start-up may take longer than a query: initdb alone takes seconds). */
  setLimit(ms: number): void;
  stop(): void;
}

export function startStallWatchdog(options: { limitMs: number; log?: (message: string) => void }): StallWatchdog {
  const log = options.log ?? ((m: string) => console.error(m));
  clock[0] = Date.now();
  clock[2] = options.limitMs;
  const heartbeat = setInterval(() => (clock[0] = Date.now()), 250);
  heartbeat.unref();
  const advice = 'a full disk can do this: free some space, then start the server again';
  const worker = new Worker(WATCHER, {
    eval: true,
    workerData: {
      buffer: clock.buffer,
      blockedMessage: `The database stopped answering: the server has been WHAT for SECONDS s (${advice}). Exiting.`,
    },
  });
  worker.unref();
  worker.on('message', (seconds: number) => {
    log(`The database stopped answering: a query has waited ${seconds} s (${advice}). Exiting.`);
    process.exit(STALL_EXIT_CODE);
  });
  return {
    setLimit(ms) {
      clock[0] = Date.now();
      clock[2] = ms;
    },
    stop() {
      clearInterval(heartbeat);
      void worker.terminate();
    },
  };
}
