import type { FromSearchWorker, SearchRequest, SearchResponse, ToSearchWorker } from './protocol.js';
import { statusHub, type SearchClient } from './search-client.js';
import workerUrl from './search-worker.ts?worker&url';

/**
 * In web mode the page is served from the shell cache after an offline
 * restart (public/sw.js), which caches what index.html names; a worker's
 * script is named only inside the bundle. Fetching it once the service worker
 * controls the page puts it in that cache too, so search starts offline.
 */
function keepWorkerScriptOffline(url: string): void {
  const container = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
  if (!container || import.meta.env.DEV) return;
  const warm = () => void fetch(url).catch(() => undefined);
  if (container.controller) warm();
  else container.addEventListener('controllerchange', warm, { once: true });
}

/** Starts the search worker; it loads or builds the index at once, so search is ready when first asked. */
export function startSearchWorker(): SearchClient {
  const worker = new Worker(workerUrl, { type: 'module' });
  keepWorkerScriptOffline(workerUrl);
  const hub = statusHub();
  let nextId = 0;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  type Question = { type: 'search'; request: SearchRequest } | { type: 'flush' };
  const ask = <T>(message: Question): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...message, id } as ToSearchWorker);
    });
  worker.onmessage = (event: MessageEvent<FromSearchWorker>) => {
    const message = event.data;
    if (message.type === 'status') return hub.set(message.status);
    const pending = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.type === 'results') pending?.resolve(message.response);
    else if (message.type === 'flushed') pending?.resolve(undefined);
    else pending?.reject(new Error(message.message));
  };
  worker.onerror = () => {
    hub.set({ phase: 'failed', indexed: 0, fromDisk: false });
    for (const pending of waiting.values()) pending.reject(new Error('search worker failed'));
    waiting.clear();
  };
  return {
    search: (request) => ask<SearchResponse>({ type: 'search', request }),
    status: hub.get,
    subscribe: hub.subscribe,
    holdIndexing: (held) => worker.postMessage({ type: 'hold', held } satisfies ToSearchWorker),
    flush: () => ask<void>({ type: 'flush' }),
    stop: () => worker.terminate(),
  };
}
