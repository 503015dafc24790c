import type { Op, Scenario } from './scenario.js';

/**
 * Shrunk counterexamples the property found, kept as fixed scenarios so that
 * every run replays them whatever the seed.
 */
export interface Counterexample {
  name: string;
  scenario: Scenario;
}

const start: Scenario['start'] = [{ kind: 'create', device: 'A1', visibility: 'private', words: 0 }];
const append = (device: 'A1' | 'A2'): Op => ({ kind: 'edit', device, pick: 0, change: 'append', at: 0 });
const prepend = (device: 'A1' | 'A2'): Op => ({ kind: 'edit', device, pick: 0, change: 'prepend', at: 0 });
const sync = (device: 'A1' | 'A2'): Op => ({ kind: 'sync', device, fault: null, typing: null });
const del = (device: 'A1' | 'A2'): Op => ({ kind: 'delete', device, pick: 0 });
const restore = (device: 'A1' | 'A2'): Op => ({ kind: 'restore', device, pick: 0 });
/** A1 deletes and undoes it offline, while A2 writes a word then deletes: both deletions meet on the server. */
const undoneDeletionMeetsEditThenDeletion: Op[] = [del('A1'), append('A2'), del('A2'), restore('A1')];

export const COUNTEREXAMPLES: Counterexample[] = [
  {
    // Seed 2: the deletion was applied while A1's conflict was open; the row went back to not pending
    // with the conflict on it, and the pull right after overwrote it: "w2" was nowhere any more.
    name: 'a deletion made while a note conflict is open keeps the conflict',
    scenario: {
      start,
      ops: [append('A2'), append('A1'), sync('A2'), sync('A1'), del('A1'), sync('A1')],
      finally: 'local',
    },
  },
  {
    name: 'an edit made while a note conflict is open keeps the conflict',
    scenario: {
      start,
      ops: [append('A2'), append('A1'), sync('A2'), sync('A1'), append('A1'), sync('A1')],
      finally: 'local',
    },
  },
  {
    // A merge of a later edit met a concurrent one: the merged row dropped the conflict still open on it.
    name: 'a conflict stays open through a merge of a later edit',
    scenario: {
      start,
      ops: [append('A2'), append('A1'), sync('A2'), sync('A1'), append('A1'), prepend('A2'), sync('A2'), sync('A1')],
      finally: 'local',
    },
  },
  {
    name: 'a new note conflict on top of an open one keeps the texts of both',
    scenario: {
      start,
      ops: [append('A2'), append('A1'), sync('A2'), sync('A1'), append('A1'), append('A2'), sync('A2'), sync('A1')],
      finally: 'local',
    },
  },
  {
    // Seed 2: A2's "w1" is edited then deleted offline; A1's deletion reaches the server first. The merge
    // took the server's tombstone and "w1" was gone, even from the tombstone an undo would restore.
    name: 'an edit followed by a deletion, meeting a deletion',
    scenario: { start, ops: [del('A1'), append('A2'), del('A2')], finally: 'local' },
  },
  {
    name: 'an edit followed by a deletion, meeting an edit',
    scenario: { start, ops: [append('A1'), sync('A1'), prepend('A2'), del('A2')], finally: 'local' },
  },
  {
    // Seed -923358292 (issue 15): A1's deletion met A2's tombstone holding "w1" and was answered `applied`
    // with it; A1's queued undo was re-based onto that version as if made on top of "w1", and its put of
    // the empty note overwrote "w1" everywhere.
    name: 'an undone deletion meets an edit then a deletion (the editing device reconnects first)',
    scenario: { start, ops: [...undoneDeletionMeetsEditThenDeletion, sync('A2'), sync('A1')], finally: 'local' },
  },
  {
    name: 'an undone deletion meets an edit then a deletion (the undoing device reconnects first)',
    scenario: { start, ops: [...undoneDeletionMeetsEditThenDeletion, sync('A1'), sync('A2')], finally: 'local' },
  },
  {
    name: 'a star and a read mark set at once on two devices both stay',
    scenario: {
      start,
      ops: [
        { kind: 'mark', device: 'A1', contribution: 0, mark: 'star' },
        { kind: 'mark', device: 'A2', contribution: 0, mark: 'read' },
        sync('A1'),
        sync('A2'),
      ],
      finally: 'local',
    },
  },
  {
    name: 'a contribution edited on two devices at once keeps both edits for its author to settle',
    scenario: {
      start,
      ops: [
        { kind: 'contribute', device: 'A1', pick: 0, change: 'append', at: 0 },
        sync('A1'),
        sync('A2'),
        { kind: 'contribute', device: 'A1', pick: 0, change: 'append', at: 0 },
        { kind: 'contribute', device: 'A2', pick: 0, change: 'prepend', at: 0 },
        sync('A1'),
        { kind: 'sync', device: 'A2', fault: 'crash-after-commit', typing: null },
        sync('A2'),
      ],
      finally: 'concat',
    },
  },
];
