import type { SearchFilters } from '../../search/protocol.js';

/**
 * The filters of the last search, kept while the app runs: opening a result
 * and coming back (the query is in the URL) finds the search as it was left.
 */
let remembered: SearchFilters = {};

export function rememberedFilters(): SearchFilters {
  return remembered;
}

export function rememberFilters(filters: SearchFilters): void {
  remembered = filters;
}

/** Whether the last search looked in all the user's events rather than the current one (issue 18). */
let rememberedAll = false;

export function rememberedAllEvents(): boolean {
  return rememberedAll;
}

export function rememberAllEvents(all: boolean): void {
  rememberedAll = all;
}
