import * as Y from 'yjs';
import { SYNTHESIS_FIELD } from '../../../shared/synthesis/document.js';

/**
 * Makes `doc`'s text equal to `past`'s as one local transaction: a restore is
 * a new edit of the CRDT, synced and merged like any other (an edit made
 * elsewhere meanwhile is kept), and undone like any other.
 */
export function replaceContent(doc: Y.Doc, past: Y.Doc): void {
  const target = doc.getXmlFragment(SYNTHESIS_FIELD);
  const source = past.getXmlFragment(SYNTHESIS_FIELD);
  doc.transact(() => {
    target.delete(0, target.length);
    target.insert(
      0,
      source
        .toArray()
        .flatMap((node) => (node instanceof Y.XmlElement || node instanceof Y.XmlText ? [node.clone()] : [])),
    );
  });
}
