import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model/annotations.js';
import { mergeAnnotation, type MergeOutcome } from '../../../shared/merge/index.js';
import { note, skewed, type NoteSpec } from './annotation-fixtures.js';

type Case = [name: string, base: NoteSpec | null, local: NoteSpec, server: NoteSpec];

/** What a case decides, without the fields the server owns. */
function decided(outcome: MergeOutcome) {
  const { note, tags, visibility, target, deleted } = outcome.annotation;
  return {
    note,
    tags: tags.join(' '),
    visibility,
    start: target.position.start,
    deleted,
    noteConflict: outcome.noteConflict,
    keptEditOverDelete: outcome.keptEditOverDelete,
    changedFromServer: outcome.changedFromServer,
  };
}

const merge = (base: NoteSpec | null, local: NoteSpec, server: NoteSpec) =>
  mergeAnnotation(base && note(base), note(local), note({ version: 5, ...server }));

const base: NoteSpec = { note: 'Avis de la délégation.', tags: 'a', visibility: 'private', start: 10 };
const TEXT = base.note!;
const shared: NoteSpec = { ...base, visibility: 'seminar' };
const at = (start: number): NoteSpec => ({ ...base, start });
const tagged: NoteSpec = { ...base, tags: 'a b' };
const edited: NoteSpec = { ...base, note: 'Avis révisé de la délégation.' };
const deleted: NoteSpec = { ...base, deleted: true };

describe('mergeAnnotation: visibility and target by server order', () => {
  // [case, base, local, server, visibility, start, push needed]
  it.each<[string, NoteSpec | null, NoteSpec, NoteSpec, string, number, boolean]>([
    ['neither changed', base, base, base, 'private', 10, false],
    ['visibility changed locally only: kept', base, shared, base, 'seminar', 10, true],
    ['visibility changed on the server only', base, base, shared, 'seminar', 10, false],
    ['the same visibility change on both sides', base, shared, shared, 'seminar', 10, false],
    ['target re-anchored locally only: kept', base, at(20), base, 'private', 20, true],
    ['target re-anchored on the server only', base, base, at(30), 'private', 30, false],
    ['target re-anchored on both sides: the server wins', base, at(20), at(30), 'private', 30, false],
    ['no base: the server wins', null, { ...shared, start: 20 }, base, 'private', 10, false],
  ])('%s', (_case, b, local, server, visibility, start, changed) => {
    expect(decided(merge(b, local, server))).toMatchObject({ visibility, start, changedFromServer: changed });
  });

  it('is asymmetric by design: when both changed a field, the write the server accepted first wins', () => {
    // Convergence comes from the server's order, not from the merge: the device that pushes second merges.
    expect(decided(merge(base, at(20), at(30))).start).toBe(30);
    expect(decided(merge(base, at(30), at(20))).start).toBe(20);
  });
});

describe('mergeAnnotation: notes and tags merge both ways', () => {
  // [case, base, local, server, merged note, merged tags (set)]
  it.each<[string, NoteSpec, NoteSpec, NoteSpec, string, string]>([
    [
      'different words of the note, a tag on each side',
      { ...base, note: 'La délégation est réservée.' },
      { ...base, note: 'La délégation est très réservée.', tags: 'a b' },
      { ...base, note: 'La délégation française est réservée.', tags: 'a c' },
      'La délégation française est très réservée.',
      'a b c',
    ],
    [
      'a tag removed on one side, the note edited on the other',
      { ...base, tags: 'a b' },
      { ...base, tags: 'a' },
      { ...base, note: 'Avis réservé de la délégation.', tags: 'a b' },
      'Avis réservé de la délégation.',
      'a',
    ],
    [
      'Chinese notes',
      { ...base, note: '各国应当在网络空间开展合作。' },
      { ...base, note: '各国必须在网络空间开展合作。' },
      { ...base, note: '各国应当在网络空间开展国际合作。' },
      '各国必须在网络空间开展国际合作。',
      'a',
    ],
  ])('%s', (_case, b, local, server, mergedNote, mergedTags) => {
    for (const outcome of [merge(b, local, server), merge(b, server, local)]) {
      expect(outcome.noteConflict).toBeNull();
      expect(outcome.annotation.note).toBe(mergedNote);
      expect(new Set(outcome.annotation.tags)).toEqual(new Set(mergedTags.split(' ')));
      expect(outcome.changedFromServer).toBe(true);
    }
  });

  it('keeps the server note and both texts on an overlapping edit, and still merges the other fields', () => {
    const local = { ...base, note: 'Avis favorable de la délégation.', tags: 'a b' };
    const server = { ...base, note: 'Avis défavorable de la délégation.' };
    const outcome = merge(base, local, server);
    expect(outcome.noteConflict).toEqual({ base: base.note, local: local.note, server: server.note });
    expect(outcome.annotation.note).toBe(server.note);
    expect(outcome.annotation.tags).toEqual(['a', 'b']);
    expect(outcome.changedFromServer).toBe(true);
    // The other way round, the same conflict with the sides swapped.
    expect(merge(base, server, local).noteConflict).toEqual({
      base: base.note,
      local: server.note,
      server: local.note,
    });
  });

  it('converges without conflict on identical concurrent edits', () => {
    const edit = { ...base, note: 'Avis commun.', tags: 'a b', visibility: 'seminar' as const, start: 40 };
    const outcome = merge(base, edit, edit);
    expect(decided(outcome)).toEqual({
      ...decided(merge(edit, edit, edit)),
      noteConflict: null,
      keptEditOverDelete: false,
      changedFromServer: false,
    });
  });
});

describe('mergeAnnotation: an edit concurrent with a deletion is kept', () => {
  // [case, base, local, server, deleted, note, keptEditOverDelete, push needed]
  it.each<[string, NoteSpec | null, NoteSpec, NoteSpec, boolean, string, boolean, boolean]>([
    ['local delete, server unchanged: deleted', base, deleted, base, true, TEXT, false, true],
    ['local delete, server edited the note: edit kept', base, deleted, edited, false, edited.note!, true, false],
    ['local delete, server added a tag: edit kept', base, deleted, tagged, false, TEXT, true, false],
    ['server delete, local unchanged: deleted', base, base, deleted, true, TEXT, false, false],
    ['server delete, local edited the note: edit kept', base, edited, deleted, false, edited.note!, true, true],
    ['server delete, local re-anchored: edit kept', base, at(20), deleted, false, TEXT, true, true],
    ['deleted on both sides', base, deleted, deleted, true, TEXT, false, false],
    ['restored locally from a deleted base: kept, no news', deleted, base, deleted, false, TEXT, false, true],
    ['no base, local delete: the server record kept', null, deleted, edited, false, edited.note!, true, false],
  ])('%s', (_case, b, local, server, isDeleted, text, kept, changed) => {
    expect(decided(merge(b, local, server))).toMatchObject({
      deleted: isDeleted,
      note: text,
      keptEditOverDelete: kept,
      changedFromServer: changed,
      noteConflict: null,
    });
  });

  it('keeps the edit in both directions: local edit vs server delete, local delete vs server edit', () => {
    const localEdit = decided(merge(base, edited, deleted));
    const serverEdit = decided(merge(base, deleted, edited));
    const { changedFromServer: _a, ...kept } = localEdit;
    const { changedFromServer: _b, ...keptToo } = serverEdit;
    expect(kept).toEqual(keptToo);
    expect(kept).toMatchObject({ deleted: false, note: edited.note!, keptEditOverDelete: true });
  });
});

describe('mergeAnnotation: words written before a deletion stay on the tombstone', () => {
  const editedThenDeleted: NoteSpec = { ...edited, tags: 'a b', deleted: true };
  const otherEdit: NoteSpec = { ...base, note: 'Avis de la délégation, amendé.' };

  it('an edit then a deletion, meeting a deletion: deleted, with the edit on the tombstone, in both directions', () => {
    const one = decided(merge(base, editedThenDeleted, deleted));
    const other = decided(merge(base, deleted, editedThenDeleted));
    for (const outcome of [one, other])
      expect(outcome).toMatchObject({ deleted: true, note: edited.note!, tags: 'a b', noteConflict: null });
    // Only the side whose words the server lacks has something to push.
    expect([one.changedFromServer, other.changedFromServer]).toEqual([true, false]);
  });

  it('an edit then a deletion, meeting an edit: the edit kept alive, both edits merged into it', () => {
    const outcome = decided(merge(base, editedThenDeleted, otherEdit));
    expect(outcome).toMatchObject({
      deleted: false,
      note: 'Avis révisé de la délégation, amendé.',
      tags: 'a b',
      keptEditOverDelete: true,
      changedFromServer: true,
    });
  });

  it('overlapping edits under deletions keep both texts in the conflict', () => {
    const mine: NoteSpec = { ...base, note: 'Avis positif.', deleted: true };
    const theirs: NoteSpec = { ...base, note: 'Avis négatif.', deleted: true };
    const outcome = merge(base, mine, theirs);
    expect(outcome.annotation.deleted).toBe(true);
    expect(outcome.noteConflict).toEqual({ base: TEXT, local: 'Avis positif.', server: 'Avis négatif.' });
  });
});

describe('mergeAnnotation: what the server owns', () => {
  it("takes the server's version, author and createdAt; carries local updatedAt only when a push is needed", () => {
    const local = note({ ...base, note: 'Avis révisé.', version: 3, updatedAt: '2017-02-02T08:00:00.000Z' });
    const server = { ...note({ ...base, version: 7 }), authorName: 'Layla Haddad' };
    const pushed = mergeAnnotation(note(base), local, server).annotation;
    expect(pushed).toMatchObject({ version: 7, authorName: 'Layla Haddad', updatedAt: local.updatedAt });
    expect(pushed.createdAt).toBe(server.createdAt);
    const unchanged = mergeAnnotation(note(base), note({ ...base, updatedAt: local.updatedAt }), server).annotation;
    expect(unchanged.updatedAt).toBe(server.updatedAt);
  });

  it('refuses to merge two different annotations', () => {
    const other = { ...note(base), id: 'other' } as Annotation;
    expect(() => mergeAnnotation(null, other, note(base))).toThrow(/different annotations/);
  });
});

describe('mergeAnnotation: client clocks decide nothing', () => {
  const cases: Case[] = [
    [
      'note edits that merge',
      base,
      { ...base, note: 'Avis ferme de la délégation.' },
      { ...base, note: 'Avis de la délégation russe.' },
    ],
    ['note edits that conflict', base, { ...base, note: 'Avis positif.' }, { ...base, note: 'Avis négatif.' }],
    ['target re-anchored on both sides', base, at(20), at(30)],
    ['local delete vs server edit', base, deleted, tagged],
    ['server delete vs local edit', base, { ...base, tags: '' }, deleted],
    ['no base', null, { ...base, note: 'x' }, { ...base, note: 'y' }],
  ];
  // [hours off on the local device, hours off where the server-side records were stamped]: the
  // order of local and server timestamps flips between rows, so any comparison of clocks would show.
  const skews = [
    [48, 0],
    [-48, 0],
    [-48, 48],
    [48, -48],
  ];
  const LOCAL_TIME = '2017-02-01T12:00:00.000Z';
  it.each(cases)('%s: the same outcome whatever the clocks', (_case, b, l, s) => {
    const [baseRecord, local, server] = [
      b && note(b),
      note({ updatedAt: LOCAL_TIME, ...l }),
      note({ version: 5, ...s }),
    ];
    const reference = mergeAnnotation(baseRecord, local, server);
    for (const [localHours = 0, serverHours = 0] of skews) {
      const skewedLocal = skewed(local, localHours);
      const skewedServer = skewed(server, serverHours);
      const outcome = mergeAnnotation(baseRecord && skewed(baseRecord, serverHours), skewedLocal, skewedServer);
      expect(decided(outcome)).toEqual(decided(reference));
      // Timestamps are carried from the same side as without skew, never compared.
      const from = reference.annotation.updatedAt === local.updatedAt ? skewedLocal : skewedServer;
      expect(outcome.annotation.updatedAt).toBe(from.updatedAt);
      expect(outcome.annotation.createdAt).toBe(skewedServer.createdAt);
    }
  });
});

describe('mergeAnnotation: two devices, either one pushing first', () => {
  /** `first` is accepted; `second` meets the conflict, merges and pushes: the record everyone ends with. */
  function settle(b: NoteSpec, first: NoteSpec, second: NoteSpec) {
    const server = note({ ...first, version: 4 });
    const outcome = mergeAnnotation(note(b), note(second), server);
    return decided(outcome);
  }
  const a: NoteSpec = { ...base, note: 'Avis ferme de la délégation.', tags: 'a b', start: 20 };
  const b: NoteSpec = { ...base, note: 'Avis de la délégation russe.', tags: '', start: 30 };

  it('ends with the same note and tags; the anchor is the first accepted one', () => {
    const aFirst = settle(base, a, b);
    const bFirst = settle(base, b, a);
    expect(aFirst.note).toBe('Avis ferme de la délégation russe.');
    expect(bFirst.note).toBe(aFirst.note);
    expect(new Set(bFirst.tags.split(' '))).toEqual(new Set(aFirst.tags.split(' ')));
    expect([aFirst.start, bFirst.start]).toEqual([20, 30]);
  });
});
