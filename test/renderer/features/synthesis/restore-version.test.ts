import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SYNTHESIS_FIELD } from '../../../../shared/synthesis/document.js';
import { replaceContent } from '../../../../renderer/features/synthesis/restore-version.js';

const paragraphs = (doc: Y.Doc) =>
  doc
    .getXmlFragment(SYNTHESIS_FIELD)
    .toArray()
    .map((p) => ((p as Y.XmlElement).get(0) as Y.XmlText).toString());

function write(doc: Y.Doc, ...texts: string[]) {
  const fragment = doc.getXmlFragment(SYNTHESIS_FIELD);
  fragment.insert(
    fragment.length,
    texts.map((text) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      return p;
    }),
  );
}

describe('restoring an earlier version of a synthesis', () => {
  it('brings the old text back as a new edit that syncs, and keeps what another rapporteur adds meanwhile', () => {
    const mine = new Y.Doc();
    write(mine, 'Version un.');
    const then = Y.encodeStateAsUpdate(mine);
    write(mine, 'Un ajout regretté.');
    const theirs = new Y.Doc();
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));

    const past = new Y.Doc();
    Y.applyUpdate(past, then);
    const updates: Uint8Array[] = [];
    mine.on('update', (u: Uint8Array) => updates.push(u));
    replaceContent(mine, past);
    expect(paragraphs(mine)).toEqual(['Version un.']);
    expect(updates).toHaveLength(1); // one transaction: one update to push

    // Meanwhile, on another device: a new paragraph. Both merge.
    write(theirs, 'Ajout de Bruno.');
    Y.applyUpdate(theirs, updates[0]!);
    Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs));
    expect(paragraphs(mine)).toEqual(paragraphs(theirs));
    expect(paragraphs(mine)).toContain('Version un.');
    expect(paragraphs(mine)).toContain('Ajout de Bruno.');
    expect(paragraphs(mine)).not.toContain('Un ajout regretté.');
  });
});
