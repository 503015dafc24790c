import type { SearchClient } from '../search/search-client.js';
import type { StartSync } from './sync-types.js';

/**
 * Starts syncs whose pulls hold the search indexing (issue 19): on a laptop's
 * two cores, indexing each page as it lands took the CPU the first sync
 * needed. The pages queue their contributions for the index (apply-page.ts),
 * so nothing is lost: the index takes them up once the pull is done, or the
 * sync is offline or failed.
 */
export function holdIndexingWhilePulling(startSync: StartSync, search: Pick<SearchClient, 'holdIndexing'>): StartSync {
  return (options) => {
    const handle = startSync(options);
    const unsubscribe = handle.subscribe((status) => search.holdIndexing(status.phase === 'pulling'));
    return {
      subscribe: (listener) => handle.subscribe(listener),
      pullNow: () => handle.pullNow(),
      stop() {
        unsubscribe();
        search.holdIndexing(false);
        return handle.stop();
      },
    };
  };
}
