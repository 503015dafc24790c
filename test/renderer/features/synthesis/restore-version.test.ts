import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { SYNTHESIS_FIELD } from '../../../../shared/synthesis/document.js';
import { replaceContent } from '../../../../renderer/features/synthesis/restore-version.js';
import { applyRemoteUpdate, rescuedWords } from '../../../../renderer/features/synthesis/rescued-words.js';

const fragment = (doc: Y.Doc) => doc.getXmlFragment(SYNTHESIS_FIELD);
const paragraphs = (doc: Y.Doc) =>
  fragment(doc)
    .toArray()
    .map((p) => ((p as Y.XmlElement).get(0) as Y.XmlText).toString());
const textAt = (doc: Y.Doc, index: number) => (fragment(doc).get(index) as Y.XmlElement).get(0) as Y.XmlText;

function write(doc: Y.Doc, ...texts: string[]) {
  fragment(doc).insert(
    fragment(doc).length,
    texts.map((text) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText(text)]);
      return p;
    }),
  );
}

const copyOf = (doc: Y.Doc) => {
  const copy = new Y.Doc({ gc: doc.gc });
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};
const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
};

describe('restoring an earlier version of a synthesis', () => {
  it('brings the old text back as one new edit that syncs, and keeps a paragraph another rapporteur adds meanwhile', () => {
    const mine = new Y.Doc();
    write(mine, 'Version un.');
    const past = copyOf(mine);
    write(mine, 'Un ajout regretté.');
    const theirs = copyOf(mine);

    const updates: Uint8Array[] = [];
    mine.on('update', (u: Uint8Array) => updates.push(u));
    replaceContent(mine, past);
    expect(paragraphs(mine)).toEqual(['Version un.']);
    expect(updates).toHaveLength(1); // one transaction: one update to push

    write(theirs, 'Ajout de Bruno.');
    sync(mine, theirs);
    expect(paragraphs(mine)).toEqual(paragraphs(theirs));
    expect(paragraphs(mine)).toEqual(['Version un.', 'Ajout de Bruno.']);
  });

  it('leaves unchanged paragraphs and characters untouched: concurrent insertions there survive, in both orders', () => {
    for (const restoreFirst of [true, false]) {
      const r1 = new Y.Doc();
      write(r1, 'Alpha stays.', 'Bravo one is here.', 'Charlie stays.');
      const past = copyOf(r1);
      textAt(r1, 1).delete(6, 3);
      textAt(r1, 1).insert(6, 'two');
      write(r1, 'Delta was added later.');
      expect(paragraphs(r1)).toEqual([
        'Alpha stays.',
        'Bravo two is here.',
        'Charlie stays.',
        'Delta was added later.',
      ]);
      const r2 = copyOf(r1);

      // R2, offline: into the unchanged paragraph, into the changed one (in its unchanged part and right
      // where the restore rewrites), and a new paragraph.
      const r2Edits = () => {
        textAt(r2, 0).insert(5, ' (R2)');
        textAt(r2, 1).insert(17, ', and R2 agrees');
        textAt(r2, 1).insert(9, ' [R2]');
        write(r2, 'Echo by R2.');
      };
      if (restoreFirst) {
        replaceContent(r1, past);
        r2Edits();
      } else {
        r2Edits();
        replaceContent(r1, past);
      }
      sync(r1, r2);
      expect(paragraphs(r1)).toEqual(paragraphs(r2));
      const [alpha, bravo, ...rest] = paragraphs(r1);
      expect(alpha).toBe('Alpha (R2) stays.');
      // Typed right after the word the restore replaces: beside its replacement, on either side
      // (two insertions at one point are ordered by the CRDT's client ids).
      expect(['Bravo one [R2] is here, and R2 agrees.', 'Bravo  [R2]one is here, and R2 agrees.']).toContain(bravo);
      expect(rest).toEqual(['Charlie stays.', 'Echo by R2.']);
    }
  });

  it('deletes a paragraph the restored version lacks; words typed into it meanwhile are rescued, on every device', () => {
    for (const order of ['r2 first', 'r1 first', 'third device'] as const) {
      // As the editor's documents: deleted items kept (use-synthesis-doc.ts), so words arriving for a
      // deleted paragraph can still be read.
      const r1 = new Y.Doc({ gc: false });
      write(r1, 'Alpha.');
      const past = copyOf(r1);
      write(r1, 'Delta to go.', 'Foxtrot goes too.');
      const r2 = copyOf(r1);
      textAt(r2, 1).insert(5, ' typed by R2');
      textAt(r2, 0).insert(5, ' kept');
      replaceContent(r1, past);
      const fromR1 = Y.encodeStateAsUpdate(r1, Y.encodeStateVector(r2));
      const fromR2 = Y.encodeStateAsUpdate(r2, Y.encodeStateVector(r1));
      if (order === 'r2 first') applyRemoteUpdate(r2, fromR1, 'remote');
      else if (order === 'r1 first') applyRemoteUpdate(r1, fromR2, 'remote');
      else {
        const third = new Y.Doc();
        applyRemoteUpdate(third, Y.mergeUpdates([Y.encodeStateAsUpdate(r1), Y.encodeStateAsUpdate(r2)]), 'remote');
        sync(r1, third);
      }
      sync(r1, r2);
      for (const doc of [r1, r2]) {
        expect(paragraphs(doc), order).toEqual(['Alpha kept.']);
        expect([...rescuedWords(doc).values()], order).toEqual([{ text: 'typed by R2' }]);
      }
    }
  });

  it('rescues nothing when a paragraph is deleted by someone who saw all of it', () => {
    const r1 = new Y.Doc();
    write(r1, 'Alpha.', 'Bravo by R1.');
    const r2 = copyOf(r1);
    const before = Y.encodeStateVector(r1);
    fragment(r1).delete(1, 1);
    applyRemoteUpdate(r2, Y.encodeStateAsUpdate(r1, before), 'remote');
    expect(paragraphs(r2)).toEqual(['Alpha.']);
    expect(rescuedWords(r2).size).toBe(0);
  });

  it('restores formatting and block attributes without retyping the words', () => {
    const r1 = new Y.Doc();
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', '2');
    heading.insert(0, [new Y.XmlText('Title')]);
    fragment(r1).insert(0, [heading]);
    write(r1, 'Some plain words here.');
    const past = copyOf(r1);
    heading.setAttribute('level', '3');
    textAt(r1, 1).format(5, 5, { bold: {} });
    textAt(r1, 1).insert(0, 'Now ');
    const r2 = copyOf(r1);
    textAt(r2, 1).insert(19, ' (R2)'); // inside "plain words", bold now

    replaceContent(r1, past);
    expect(r1.getXmlFragment(SYNTHESIS_FIELD).toJSON()).toBe(past.getXmlFragment(SYNTHESIS_FIELD).toJSON());
    sync(r1, r2);
    expect((fragment(r1).get(0) as Y.XmlElement).getAttribute('level')).toBe('2');
    expect(textAt(r1, 1).toString()).toContain('(R2)');
    expect(textAt(r1, 1).toString()).not.toContain('<bold>plain');
  });

  it('a restore equal to the current text writes nothing', () => {
    const r1 = new Y.Doc();
    write(r1, 'Same.', 'Text.');
    const updates: Uint8Array[] = [];
    r1.on('update', (u: Uint8Array) => updates.push(u));
    replaceContent(r1, copyOf(r1));
    expect(updates).toEqual([]);
  });
});
