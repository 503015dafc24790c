import { statusHub, type SearchClient } from './search-client.js';
import { SearchService, type SearchServiceOptions } from './search-service.js';

/** The search service in this thread: for tests of the screens (the app runs it in search-worker.ts). */
export function inProcessSearchClient(options: Omit<SearchServiceOptions, 'onStatus'>): SearchClient {
  const hub = statusHub();
  const service = new SearchService({ ...options, onStatus: hub.set });
  return {
    search: (request) => service.search(request),
    status: hub.get,
    subscribe: hub.subscribe,
    holdIndexing: (held) => service.hold(held),
    flush: () => service.flush(),
    stop: () => service.stop(),
  };
}
