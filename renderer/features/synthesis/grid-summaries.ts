import type * as Y from 'yjs';

/**
 * The summaries of one cell of the summary grid, each with its author's name.
 * Cells are keyed `tag|column|participantId` in the grid map; the names live
 * beside them (map `gridAuthors`, participant id → display name), written by
 * each author with their summary, since a device knows no other participant.
 */
export const GRID_AUTHORS = 'gridAuthors';

export interface CellSummary {
  key: string;
  text: string;
  /** The author's display name; null for a summary written before names were kept. */
  author: string | null;
}

export function cellSummaries(doc: Y.Doc, cell: string): CellSummary[] {
  const grid = doc.getMap<Y.Text>('grid');
  const authors = doc.getMap<string>(GRID_AUTHORS);
  return [...grid.entries()]
    .filter(([key]) => key.startsWith(`${cell}|`))
    .map(([key, text]) => ({ key, text: text.toString(), author: authors.get(key.slice(cell.length + 1)) ?? null }));
}

/** Records who writes summaries under this participant id (done with each summary they write). */
export function recordGridAuthor(doc: Y.Doc, participantId: string, name: string): void {
  const authors = doc.getMap<string>(GRID_AUTHORS);
  if (authors.get(participantId) !== name) authors.set(participantId, name);
}
