import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { GRID_MAP } from '../../../../shared/synthesis/document.js';
import { cellSummaries, recordGridAuthor } from '../../../../renderer/features/synthesis/grid-summaries.js';

function summarise(doc: Y.Doc, cell: string, me: { id: string; name: string }, text: string) {
  doc.transact(() => {
    recordGridAuthor(doc, me.id, me.name);
    const value = new Y.Text();
    value.insert(0, text);
    doc.getMap<Y.Text>(GRID_MAP).set(`${cell}|${me.id}`, value);
  });
}

describe('summary grid', () => {
  it("shows each summary with its author's name, also on the other rapporteur's device", () => {
    const anna = new Y.Doc();
    const bruno = new Y.Doc();
    summarise(anna, 'due-diligence|c-1', { id: 'p-anna', name: 'Anna Keller' }, 'Anna’s summary');
    summarise(bruno, 'due-diligence|c-1', { id: 'p-bruno', name: 'بruno Haddad' }, 'Bruno’s summary');
    Y.applyUpdate(anna, Y.encodeStateAsUpdate(bruno));
    expect(cellSummaries(anna, 'due-diligence|c-1')).toEqual([
      { key: 'due-diligence|c-1|p-anna', text: 'Anna’s summary', author: 'Anna Keller' },
      { key: 'due-diligence|c-1|p-bruno', text: 'Bruno’s summary', author: 'بruno Haddad' },
    ]);
    expect(cellSummaries(anna, 'due-diligence|c-2')).toEqual([]);
  });
});
