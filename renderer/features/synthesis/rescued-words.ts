import * as Y from 'yjs';
import { SYNTHESIS_FIELD } from '../../../shared/synthesis/document.js';

/**
 * Words typed into a paragraph that someone else deleted at the same time (a
 * restore, or a plain delete made offline) leave the text with the paragraph:
 * the CRDT deletes whatever is inside a deleted node. Nothing written is
 * dropped, so they are kept here, in the synthesis's own document, where
 * every rapporteur finds them under the editor and can put them back.
 *
 * How they are told from words deleted on purpose: a deletion someone made
 * knowingly is listed in the update that carries it; words its author never
 * saw are deleted only as a consequence, while the update is applied, and are
 * not listed. Every device that notices records the same entry under the
 * same key (the id of the first rescued character), so they merge into one.
 */
export const RESCUED_MAP = 'rescued';

export interface RescuedWords {
  text: string;
}

export const rescuedWords = (doc: Y.Doc) => doc.getMap<RescuedWords>(RESCUED_MAP);

/** Applies an update from elsewhere (as `origin`) and keeps the words it removed unknowingly. */
export function applyRemoteUpdate(doc: Y.Doc, update: Uint8Array, origin: unknown): void {
  const text = doc.getXmlFragment(SYNTHESIS_FIELD);
  const inText = (type: Y.AbstractType<unknown>): boolean =>
    type === text || (type._item !== null && inText(type._item.parent as Y.AbstractType<unknown>));
  // Read while the transaction ends (right after it, garbage collection may empty deleted items): the
  // words deleted in it, run by run in text order.
  const deleted: { id: Y.ID; str: string }[][] = [];
  const collect = (transaction: Y.Transaction) => {
    const byParent = new Map<Y.AbstractType<unknown>, Set<Y.Item>>();
    Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
      if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentString)) return;
      const parent = struct.parent as Y.AbstractType<unknown>;
      if (inText(parent)) byParent.set(parent, (byParent.get(parent) ?? new Set()).add(struct));
    });
    for (const [parent, chosen] of byParent) {
      const run: { id: Y.ID; str: string }[] = [];
      for (let item = parent._start; item; item = item.right)
        if (chosen.has(item)) run.push({ id: item.id, str: (item.content as Y.ContentString).str });
      deleted.push(run);
    }
  };
  doc.on('afterTransaction', collect);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('afterTransaction', collect);
  }
  if (deleted.length === 0) return;
  // Decoded only when text was deleted: the deletions the update lists were made knowingly.
  const listed = Y.decodeUpdate(update).ds;
  const found: [string, string][] = [];
  for (const run of deleted) {
    const unknowing = run.filter((piece) => !Y.isDeleted(listed, piece.id));
    const words = unknowing
      .map((piece) => piece.str)
      .join('')
      .trim();
    if (words !== '') found.push([`${unknowing[0]!.id.client}:${unknowing[0]!.id.clock}`, words]);
  }
  if (found.length === 0) return;
  const map = rescuedWords(doc);
  doc.transact(() => {
    for (const [key, words] of found) if (!map.has(key)) map.set(key, { text: words });
  });
}
