/**
 * The benchmark page, served by the real server (same origin, no CORS).
 * bench/run.ts calls `window.bench.run(name, args)`; the measurement runs in
 * a Web Worker, where the app's own sync runs, and resolves to plain numbers.
 * The RxDB peer has a worker of its own (it ships another Dexie version).
 */
import type { BrowserSample, FirstSyncArgs, FromWorker, MeasurementName, ToWorker } from './protocol.js';
// The search benchmark's entry points (window.searchBench), on this page's main thread.
import './search-bench.js';

type WorkerKind = 'ours' | 'rxdb';
const workers = new Map<WorkerKind, Worker>();
let nextId = 0;
const waiting = new Map<number, { resolve(sample: BrowserSample): void; reject(error: Error): void }>();

function startWorker(kind: WorkerKind): Worker {
  // Literal `new Worker(new URL(…))` calls: the form Vite bundles.
  const created =
    kind === 'rxdb'
      ? new Worker(new URL('./rxdb-worker.ts', import.meta.url), { type: 'module' })
      : new Worker(new URL('./first-sync-worker.ts', import.meta.url), { type: 'module' });
  created.onmessage = (event: MessageEvent<FromWorker>) => {
    const reply = event.data;
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.ok) pending?.resolve(reply.sample);
    else pending?.reject(new Error(reply.error));
  };
  created.onerror = (event) => {
    for (const pending of waiting.values()) pending.reject(new Error(`worker failed: ${event.message}`));
    waiting.clear();
  };
  return created;
}

function run(name: MeasurementName, args: FirstSyncArgs): Promise<BrowserSample> {
  const kind: WorkerKind = name === 'rxdb-replication' ? 'rxdb' : 'ours';
  if (!workers.has(kind)) workers.set(kind, startWorker(kind));
  const id = nextId++;
  const message: ToWorker = { id, name, args };
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    workers.get(kind)!.postMessage(message);
  });
}

declare global {
  interface Window {
    bench: { run: typeof run };
  }
}

window.bench = { run };
document.title = 'bench-ready';
