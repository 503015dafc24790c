import { createContext, useContext } from 'react';
import type { SearchClient } from '../../search/search-client.js';

/**
 * The search worker's client, provided once at start-up (main.tsx) so the
 * index is loaded, or built, before anyone searches. Null where no search runs
 * (tests of other screens): the screen then says search is unavailable.
 */
export const SearchClientContext = createContext<SearchClient | null>(null);

export function useSearchClient(): SearchClient | null {
  return useContext(SearchClientContext);
}
