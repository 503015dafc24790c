import type { IndexStatus, SearchRequest, SearchResponse } from './protocol.js';

/** What the UI holds of the search worker: ask, and hear how the index is doing. */
export interface SearchClient {
  search(request: SearchRequest): Promise<SearchResponse>;
  /** The index's last reported state (null before the first report). */
  status(): IndexStatus | null;
  subscribe(listener: (status: IndexStatus) => void): () => void;
  /** A sync is pulling (true) or done (false): indexing waits meanwhile, so the sync has the CPU. */
  holdIndexing(held: boolean): void;
  /** Index what is waiting and save (tests; a planned shutdown). */
  flush(): Promise<void>;
  stop(): void;
}

export function statusHub() {
  let current: IndexStatus | null = null;
  const listeners = new Set<(status: IndexStatus) => void>();
  return {
    get: () => current,
    set(status: IndexStatus) {
      current = status;
      for (const listener of listeners) listener(status);
    },
    subscribe(listener: (status: IndexStatus) => void) {
      listeners.add(listener);
      if (current) listener(current);
      return () => void listeners.delete(listener);
    },
  };
}
