import fc from 'fast-check';
import type { Visibility } from '../../shared/model/annotations.js';
import type { PushFault } from './world.js';

/**
 * The generated side of the property: a list of operations, each naming the
 * device that does it. Operations that pick an annotation carry a number that
 * is taken modulo the device's candidates when the operation runs (in creation
 * order, so a replayed seed picks the same ones although ids are random); with
 * no candidate the operation does nothing. Plain objects, so fast-check prints
 * a shrunk counterexample that reads as a story.
 */

export const DEVICES = ['A1', 'A2', 'B'] as const;
export type DeviceName = (typeof DEVICES)[number];

export type TextChange = 'append' | 'prepend' | 'replace' | 'remove' | 'rewrite';
export type Resolution = 'local' | 'server' | 'concat';
export type RestartKind = 'app' | 'full';
export type Mark = 'read' | 'star';
export type SynthesisChange = 'insert' | 'remove';

export type Op =
  | { kind: 'create'; device: DeviceName; visibility: Visibility; words: number }
  | { kind: 'edit'; device: DeviceName; pick: number; change: TextChange; at: number }
  | { kind: 'tag'; device: DeviceName; pick: number; tag: number }
  | { kind: 'visibility'; device: DeviceName; pick: number }
  | { kind: 'delete'; device: DeviceName; pick: number }
  | { kind: 'restore'; device: DeviceName; pick: number }
  | { kind: 'offline'; device: DeviceName }
  | { kind: 'online'; device: DeviceName }
  | {
      kind: 'sync';
      device: DeviceName;
      fault: PushFault | null;
      /** The user edits a note while the sync pulls, between its push and the push that follows the pull. */
      typing: { pick: number; change: TextChange; at: number } | null;
    }
  | { kind: 'restart'; restart: RestartKind }
  /** Marks a contribution read or unread, or stars or unstars it: the participant's own marks. */
  | { kind: 'mark'; device: DeviceName; contribution: number; mark: Mark }
  /** Writes a new contribution, or edits one of the participant's own (any draft of it first), and submits it. */
  | { kind: 'contribute'; device: DeviceName; pick: number; change: TextChange; at: number }
  /** Proposes a new codebook tag (its label a fresh word). */
  | { kind: 'propose'; device: DeviceName }
  /** Writes a fresh word into the shared synthesis, or removes one of its words, as its editor would. */
  | { kind: 'synthesis'; device: DeviceName; change: SynthesisChange; at: number }
  | { kind: 'resolve'; device: DeviceName; pick: number; choice: Resolution };

export interface Scenario {
  /** Created and synced by every device before `ops`, so that the devices start out sharing annotations. */
  start: Extract<Op, { kind: 'create' }>[];
  ops: Op[];
  /** How the final phase settles the conflicts still open. */
  finally: Resolution;
}

export const TAGS = ['norms', 'attribution', 'due-diligence'] as const;
/** The contributions marks are set on (the corpus of world.ts). */
export const MARKED = ['c1', 'c2'] as const;

// P1's two devices meet on the same annotations far more often than B does: they are where conflicts come from.
const device = fc.oneof(
  { weight: 3, arbitrary: fc.constant<DeviceName>('A1') },
  { weight: 3, arbitrary: fc.constant<DeviceName>('A2') },
  { weight: 1, arbitrary: fc.constant<DeviceName>('B') },
);
const pick = fc.nat({ max: 7 });
const resolution = fc.constantFrom<Resolution>('local', 'server', 'concat');
const change = fc.constantFrom<TextChange>('append', 'prepend', 'replace', 'remove', 'rewrite');

const create = fc.record({
  kind: fc.constant('create' as const),
  device,
  visibility: fc.constantFrom<Visibility>('private', 'seminar'),
  words: fc.integer({ min: 0, max: 3 }),
});

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: create },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      device,
      pick,
      change,
      at: fc.nat({ max: 7 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('tag' as const), device, pick, tag: fc.nat({ max: TAGS.length - 1 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('visibility' as const), device, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), device, pick }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), device, pick }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('offline' as const), device }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('online' as const), device }) },
  {
    weight: 7,
    arbitrary: fc.record({
      kind: fc.constant('sync' as const),
      device,
      // Mostly a plain sync; the faults are the interesting minority.
      fault: fc.constantFrom<PushFault | null>(
        null,
        null,
        null,
        null,
        null,
        'lose-response',
        'resend',
        'resend-concurrent',
        'crash-before-send',
        'crash-after-commit',
        'server-crash',
      ),
      typing: fc.option(fc.record({ pick, change, at: fc.nat({ max: 7 }) }), { freq: 5 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('restart' as const),
      restart: fc.constantFrom<RestartKind>('app', 'full'),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('mark' as const),
      device,
      contribution: fc.nat({ max: MARKED.length - 1 }),
      mark: fc.constantFrom<Mark>('read', 'star'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('propose' as const), device }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('contribute' as const), device, pick, change, at: fc.nat({ max: 7 }) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('synthesis' as const),
      device,
      change: fc.constantFrom<SynthesisChange>('insert', 'insert', 'remove'),
      at: fc.nat({ max: 7 }),
    }),
  },
  // Rarely: a conflict left open meets the author's later changes, which is where conflicts went missing.
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resolve' as const), device, pick, choice: resolution }) },
);

export function scenarioArbitrary(maxOps: number): fc.Arbitrary<Scenario> {
  return fc.record({
    start: fc.array(create, { minLength: 1, maxLength: 2 }),
    ops: fc.array(op, { minLength: 1, maxLength: maxOps, size: 'max' }),
    finally: resolution,
  });
}
