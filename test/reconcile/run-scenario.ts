import 'fake-indexeddb/auto';
import { isDeepStrictEqual } from 'node:util';
import Dexie from 'dexie';
import {
  createAnnotation,
  deleteAnnotation,
  resolveNoteConflict,
  restoreAnnotation,
  updateAnnotation,
} from '../../renderer/db/annotations.js';
import type { AnnotationRow } from '../../renderer/db/database.js';
import { pullAll } from '../../renderer/sync/pull-engine.js';
import { pushOutbox } from '../../renderer/sync/push-engine.js';
import { SyncError } from '../../renderer/sync/errors.js';
import { annotationFromRow, type AnnotationRow as ServerRow } from '../../server/annotations/annotation-store.js';
import type { MutationResult } from '../../server/push/applied-mutations.js';
import type { Annotation, AnnotationTarget, TagId } from '../../shared/model/annotations.js';
import type { ContributionId, Participant, ParticipantId } from '../../shared/model/entities.js';
import type { Change } from '../../shared/protocol/pull.js';
import {
  DEVICES,
  TAGS,
  type DeviceName,
  type Op,
  type Resolution,
  type Scenario,
  type TextChange,
} from './scenario.js';
import { ContributionWrites } from './contribution-writes.js';
import { OtherWrites } from './other-writes.js';
import { FAILING_FAULTS, openDevice, type Device, type Server, type Wire } from './world.js';

/**
 * Runs one generated scenario against the server and checks every invariant
 * (see the header of reconcile.test.ts for what they mean). Throws one error
 * listing every broken invariant, followed by the trace of what happened.
 */

// Both rapporteurs, so that every device writes into the synthesis.
export const P1: Participant = {
  id: 'p1' as ParticipantId,
  name: 'Ana',
  roles: ['expert', 'rapporteur'],
  language: 'en',
};
export const P2: Participant = {
  id: 'p2' as ParticipantId,
  name: 'Bo',
  roles: ['expert', 'rapporteur'],
  language: 'fr',
};
const OWNER: Record<DeviceName, Participant> = { A1: P1, A2: P1, B: P2 };

const TARGET: AnnotationTarget = {
  contributionId: 'c1' as ContributionId,
  language: 'en',
  sourceVersion: 1,
  textHash: 'h',
  quote: { exact: 'due diligence', prefix: 'exercise ', suffix: ' in' },
  position: { start: 23, end: 36 },
};

/** Rounds of the final phase (every device online, resolving, syncing in turn) before it counts as not converging. */
const FINAL_ROUNDS = 10;

export interface RunStats {
  ops: number;
  /** Operations that did something (a pick with no candidate, a sync while offline do nothing). */
  effective: number;
  syncs: number;
  lostResponses: number;
  resends: number;
  restarts: number;
  /** The app killed in the middle of a push (before it sent, or after the server committed). */
  crashes: number;
  /** The server killed after it committed a push and before it answered. */
  serverCrashes: number;
  /** Writes other than annotations: marks set, tags proposed, synthesis edits. */
  marks: number;
  proposals: number;
  synthesisEdits: number;
  /** Contributions written or edited and submitted. */
  contributions: number;
  /** Push results `conflict`: concurrent edits met on the server (merged, or shown to the author). */
  conflictResults: number;
  /** Note conflicts shown to an author (the rest merged by themselves). */
  conflictsShown: number;
  annotations: number;
  finalRounds: number;
  /** Words written by a user that vanished with nobody having removed them: must stay 0. */
  lostEdits: number;
  /** What happened, one line per step. */
  trace: string[];
}

/** What the UI showed as saved for one annotation, and what a user removed having seen it. */
interface Story {
  label: string;
  id: string;
  /** Each word ever written into the note (words are unique in a run) → who wrote it, for the message. */
  written: Map<string, string>;
  /** Words a device showed and the user then removed: an edit without them, or a resolution that left them out. */
  dropped: Set<string>;
}

const wordsOf = (text: string) => text.split(/\s+/).filter(Boolean);

/** `prev` with one small change a user makes; `fresh` gives words never used before in the run. */
function changeText(prev: string, how: TextChange, at: number, fresh: () => string): string {
  // Words at even indices, the whitespace between them at odd ones: edits keep the spacing around them.
  const parts = prev.split(/(\s+)/);
  const wordAt = parts.flatMap((part, i) => (i % 2 === 0 && part !== '' ? [i] : []));
  const k = wordAt.length ? wordAt[at % wordAt.length]! : -1;
  switch (how) {
    case 'append':
      return prev.trim() === '' ? fresh() : `${prev} ${fresh()}`;
    case 'prepend':
      return prev.trim() === '' ? fresh() : `${fresh()} ${prev}`;
    case 'replace':
      if (k < 0) return fresh();
      parts[k] = fresh();
      return parts.join('');
    case 'remove':
      if (k < 0) return prev;
      // The word with the space after it, or before it for the last word.
      if (k + 1 < parts.length) parts.splice(k, 2);
      else if (k > 0) parts.splice(k - 1, 2);
      else parts.splice(k, 1);
      return parts.join('');
    case 'rewrite':
      return `${fresh()} ${fresh()}`;
  }
}

/** What a participant may see of a server record: another's tombstone comes without note and tags. */
function viewOf(record: Annotation, viewer: ParticipantId): Annotation | null {
  const own = record.authorId === viewer;
  if (!own && record.visibility !== 'seminar') return null;
  if (!own && record.deleted) return { ...record, note: '', tags: [] };
  return record;
}

const compared = (a: Annotation) => ({
  authorId: a.authorId,
  note: a.note,
  tags: a.tags,
  visibility: a.visibility,
  deleted: a.deleted,
  version: a.version,
});

export async function runScenario(server: Server, scenario: Scenario): Promise<RunStats> {
  const stats: RunStats = {
    ops: scenario.ops.length,
    effective: 0,
    syncs: 0,
    lostResponses: 0,
    resends: 0,
    restarts: 0,
    crashes: 0,
    serverCrashes: 0,
    marks: 0,
    proposals: 0,
    synthesisEdits: 0,
    contributions: 0,
    conflictResults: 0,
    conflictsShown: 0,
    annotations: 0,
    finalRounds: 0,
    lostEdits: 0,
    trace: [],
  };
  const problems: string[] = [];
  const trace = stats.trace;
  /** Every mutation id that left a device → who sent it, of which kind; and the answer each one got. */
  const sent = new Map<string, { participant: ParticipantId; kind: string }>();
  const answers = new Map<string, unknown>();
  /** Per device and annotation, the last version a pull brought: pulls must only move forward. */
  const pulledVersion = new Map<string, number>();
  const heldVersion = new Map<string, number>();
  const shownConflicts = new Set<string>();

  const wire: Wire = {
    pushed: (device, mutations) =>
      mutations.forEach(({ id, kind }) => sent.set(id, { participant: device.participant.id, kind })),
    answered(device, results) {
      for (const { mutationId, ...result } of results) {
        const before = answers.get(mutationId);
        if (before !== undefined && !isDeepStrictEqual(before, result))
          problems.push(`exactly once: ${device.name} got two answers for mutation ${mutationId}`);
        answers.set(mutationId, result);
      }
    },
    pulled(device, changes: Change[]) {
      for (const change of changes) {
        if (change.kind !== 'annotation') continue;
        const a = change.record;
        if (a.authorId !== device.participant.id && a.visibility !== 'seminar')
          problems.push(`privacy: ${device.name} was sent ${a.authorId}'s private annotation ${label(a.id)}`);
        const key = `${device.name}/${a.id}`;
        const before = pulledVersion.get(key) ?? 0;
        if (a.version <= before)
          problems.push(`versions: ${device.name} pulled ${label(a.id)} v${a.version} after v${before}`);
        pulledVersion.set(key, a.version);
      }
    },
    violation: (message) => problems.push(`wire: ${message}`),
  };

  const devices = {} as Record<DeviceName, Device>;
  for (const name of DEVICES) devices[name] = await openDevice(server, name, OWNER[name], wire);
  const fresh: Device[] = [];

  const stories = new Map<string, Story>();
  const created: string[] = [];
  const label = (id: string) => stories.get(id)?.label ?? id;
  let wordCount = 0;
  const freshWord = () => `w${(wordCount += 1)}`;
  const others = new OtherWrites(freshWord);
  const contributions = new ContributionWrites(freshWord, changeText);

  /** The device's own annotations matching `keep`, in creation order (ids are random, the order replays). */
  async function candidates(device: Device, keep: (row: AnnotationRow) => boolean): Promise<AnnotationRow[]> {
    const rows = await device.db.annotations.where('authorId').equals(device.participant.id).toArray();
    const byId = new Map(rows.map((row) => [row.id as string, row]));
    return created.flatMap((id) => {
      const row = byId.get(id);
      return row && keep(row) ? [row] : [];
    });
  }

  async function sync(device: Device): Promise<void> {
    const add = (s: { conflicts: number }) => (stats.conflictResults += s.conflicts);
    add(await pushOutbox({ db: device.db, client: device.api }));
    await pullAll({ db: device.db, client: device.api, retries: 0 });
    // As the sync worker does: a merge made during the push queued a merged version.
    if ((await device.db.outbox.filter((row) => !row.rejected).count()) > 0)
      add(await pushOutbox({ db: device.db, client: device.api }));
  }

  /** Resolves one conflict on the device as the user would, recording what the user left out. */
  async function resolve(device: Device, row: AnnotationRow, choice: Resolution): Promise<string> {
    const conflict = row.conflict!;
    const note =
      choice === 'local'
        ? conflict.local
        : choice === 'server'
          ? conflict.server
          : `${conflict.local} ${conflict.server}`;
    const story = stories.get(row.id)!;
    const kept = new Set(wordsOf(note));
    for (const word of [conflict.local, conflict.server, row.note].flatMap(wordsOf))
      if (!kept.has(word)) story.dropped.add(word);
    await resolveNoteConflict(device.db, device.participant, row.id, note);
    return `${story.label} → ${choice} ${JSON.stringify(note)}`;
  }

  /** Checks that hold after every step: privacy at rest, versions never going back; counts conflicts shown. */
  async function checkDevices(step: string): Promise<void> {
    for (const device of Object.values(devices)) {
      for (const row of await device.db.annotations.toArray()) {
        if (row.authorId !== device.participant.id && row.visibility !== 'seminar')
          problems.push(
            `privacy (${step}): ${device.name} holds ${row.authorId}'s private annotation ${label(row.id)}`,
          );
        const key = `${device.name}/${row.id}`;
        if (row.version < (heldVersion.get(key) ?? 0))
          problems.push(`versions (${step}): ${device.name} went back to v${row.version} of ${label(row.id)}`);
        heldVersion.set(key, row.version);
        if (row.conflict) {
          const shown = `${device.name}/${row.id}/${JSON.stringify(row.conflict)}`;
          if (!shownConflicts.has(shown)) {
            shownConflicts.add(shown);
            stats.conflictsShown += 1;
            trace.push(`    ${device.name} shows a conflict on ${label(row.id)}: ${JSON.stringify(row.conflict)}`);
          }
        }
      }
    }
  }

  async function run(op: Op): Promise<string | null> {
    if (op.kind === 'restart') {
      await server.restart(op.restart);
      stats.restarts += 1;
      return `server restarts (${op.restart})`;
    }
    const device = devices[op.device];
    const me = device.participant;
    switch (op.kind) {
      case 'create': {
        const note = Array.from({ length: op.words }, freshWord).join(' ');
        const row = await createAnnotation(device.db, me, TARGET, { note, tags: [], visibility: op.visibility });
        const story: Story = {
          label: `#${created.length + 1}`,
          id: row.id,
          written: new Map(),
          dropped: new Set(),
        };
        for (const word of wordsOf(note)) story.written.set(word, `${op.device} (create)`);
        stories.set(row.id, story);
        created.push(row.id);
        return `creates ${story.label} ${op.visibility} ${JSON.stringify(note)}`;
      }
      case 'edit': {
        const rows = await candidates(device, (row) => !row.deleted);
        const row = rows[op.pick % rows.length];
        if (!row) return null;
        const next = changeText(row.note, op.change, op.at, freshWord);
        const story = stories.get(row.id)!;
        const before = new Set(wordsOf(row.note));
        const after = new Set(wordsOf(next));
        for (const word of before) if (!after.has(word)) story.dropped.add(word);
        for (const word of after) if (!before.has(word)) story.written.set(word, `${op.device} (edit)`);
        await updateAnnotation(device.db, me, row.id, { note: next });
        return `edits ${story.label} (${op.change}) ${JSON.stringify(row.note)} → ${JSON.stringify(next)}`;
      }
      case 'tag': {
        const rows = await candidates(device, (row) => !row.deleted);
        const row = rows[op.pick % rows.length];
        if (!row) return null;
        const tag = TAGS[op.tag % TAGS.length]! as TagId;
        const tags = row.tags.includes(tag) ? row.tags.filter((t) => t !== tag) : [...row.tags, tag];
        await updateAnnotation(device.db, me, row.id, { tags });
        return `tags ${label(row.id)} [${tags.join(', ')}]`;
      }
      case 'visibility': {
        const rows = await candidates(device, (row) => !row.deleted);
        const row = rows[op.pick % rows.length];
        if (!row) return null;
        const visibility = row.visibility === 'private' ? 'seminar' : 'private';
        await updateAnnotation(device.db, me, row.id, { visibility });
        return `makes ${label(row.id)} ${visibility}`;
      }
      case 'delete': {
        const rows = await candidates(device, (row) => !row.deleted);
        const row = rows[op.pick % rows.length];
        if (!row) return null;
        await deleteAnnotation(device.db, me, row.id);
        return `deletes ${label(row.id)}`;
      }
      case 'restore': {
        const rows = await candidates(device, (row) => row.deleted);
        const row = rows[op.pick % rows.length];
        if (!row) return null;
        await restoreAnnotation(device.db, me, row.id);
        return `restores ${label(row.id)}`;
      }
      case 'mark':
        stats.marks += 1;
        return others.mark(device, op.contribution, op.mark);
      case 'contribute':
        stats.contributions += 1;
        return contributions.write(device, op.pick, op.change, op.at);
      case 'propose':
        stats.proposals += 1;
        return others.propose(device);
      case 'synthesis': {
        const done = await others.editSynthesis(device, op.change, op.at);
        if (done) stats.synthesisEdits += 1;
        return done;
      }
      case 'resolve': {
        // The UI shows a conflict on the annotation's card, which a deleted annotation does not have.
        const rows = await candidates(device, (row) => !!row.conflict && !row.deleted);
        const row = rows[op.pick % rows.length];
        if (!row) return null;
        return `resolves ${await resolve(device, row, op.choice)}`;
      }
      case 'offline':
      case 'online': {
        if (device.online === (op.kind === 'online')) return null;
        device.online = op.kind === 'online';
        return `goes ${op.kind}`;
      }
      case 'sync': {
        if (!device.online) return null;
        device.fault = op.fault;
        const typing = op.typing;
        if (typing)
          device.beforePull = async () => {
            const done = await run({ kind: 'edit', device: op.device, ...typing });
            trace.push(`    ${op.device} while pulling: ${done ?? 'edit: nothing to do'}`);
          };
        stats.syncs += 1;
        try {
          await sync(device);
        } catch (error) {
          // Only a fault that cuts the push short may fail a sync: the client sees a network error, retries later.
          const cut = op.fault !== null && FAILING_FAULTS.has(op.fault);
          if (!(cut && error instanceof SyncError && error.code === 'network')) throw error;
          if (op.fault === 'lose-response') stats.lostResponses += 1;
          if (op.fault === 'server-crash') {
            stats.serverCrashes += 1;
            stats.restarts += 1;
          }
          if (device.crashed) {
            stats.crashes += 1;
            await device.restart();
          }
          return `syncs; ${op.fault}`;
        } finally {
          // A fault is used up by the first push request; with nothing to push it never happened.
          if ((op.fault === 'resend' || op.fault === 'resend-concurrent') && device.fault === null) stats.resends += 1;
          device.fault = null;
          device.beforePull = null;
        }
        return op.fault ? `syncs (${op.fault})` : 'syncs';
      }
    }
  }

  try {
    for (const op of scenario.start) trace.push(`start: ${op.device} ${await run(op)}`);
    trace.push(`start: A1 ${await others.start(devices.A1)}`);
    for (const name of DEVICES) {
      await sync(devices[name]);
      trace.push(`start: ${name} syncs`);
    }
    for (const [i, op] of scenario.ops.entries()) {
      const done = await run(op);
      const who = op.kind === 'restart' ? '' : `${op.device} `;
      trace.push(`#${i + 1} ${who}${done ?? `${op.kind}: nothing to do`}`);
      if (done) stats.effective += 1;
      await checkDevices(`after op ${i + 1}`);
    }

    // Final phase: everyone online, conflicts resolved, syncs in turn until a whole round had nothing to send.
    trace.push(`-- final phase (conflicts resolved: ${scenario.finally})`);
    for (const device of Object.values(devices)) device.online = true;
    let quiet = false;
    for (let round = 1; round <= FINAL_ROUNDS && !quiet; round++) {
      stats.finalRounds = round;
      quiet = true;
      for (const device of Object.values(devices)) {
        for (let row of await candidates(device, (r) => !!r.conflict)) {
          if (row.deleted) {
            // Deleted with its conflict still open: the user undoes the deletion to see it.
            row = await restoreAnnotation(device.db, device.participant, row.id);
            trace.push(`${device.name} restores ${label(row.id)} to resolve its conflict`);
          }
          trace.push(`${device.name} resolves ${await resolve(device, row, scenario.finally)}`);
          quiet = false;
        }
        for (const line of await contributions.settle(device, scenario.finally)) {
          trace.push(line);
          quiet = false;
        }
        const outbox = await device.db.outbox.count();
        const pending = await device.db.annotations.where('pending').equals(1).count();
        if (outbox > 0 || pending > 0) quiet = false;
        await sync(device);
        await checkDevices(`final round ${round}, ${device.name}`);
      }
    }
    if (!quiet) problems.push(`convergence: still writes to send after ${FINAL_ROUNDS} rounds of syncing every device`);

    // The truth: the server's rows, straight from its database.
    const serverRows = (await server.db.query<ServerRow>('SELECT * FROM annotations')).map(annotationFromRow);
    const onServer = new Map(serverRows.map((a) => [a.id as string, a]));
    stats.annotations = serverRows.length;

    // Exactly once, and nothing missing: every created annotation is on the server, once.
    for (const id of created) if (!onServer.has(id)) problems.push(`loss: ${label(id)} never reached the server`);
    for (const id of onServer.keys()) if (!stories.has(id)) problems.push(`duplicate: unknown annotation ${id}`);

    // No loss: each word written is in the final note, or a user removed it having seen it.
    for (const story of stories.values()) {
      const record = onServer.get(story.id);
      if (!record) continue;
      const final = new Set(wordsOf(record.note));
      for (const [word, by] of story.written) {
        if (final.has(word) || story.dropped.has(word)) continue;
        stats.lostEdits += 1;
        problems.push(
          `lost edit: "${word}" written on ${by} in ${story.label} is gone from its final note ${JSON.stringify(record.note)}` +
            ' and no device removed it',
        );
      }
      for (const word of final)
        if (!story.written.has(word)) problems.push(`invented text: "${word}" in ${story.label} was never written`);
    }

    // Convergence: a new device of each participant pulls what the server holds, as that participant may see it.
    const views = new Map<ParticipantId, Map<string, Annotation>>();
    for (const participant of [P1, P2]) {
      const device = await openDevice(server, `new device of ${participant.id}`, participant, wire);
      fresh.push(device);
      await pullAll({ db: device.db, client: device.api, retries: 0 });
      const expected = new Map<string, Annotation>();
      for (const record of serverRows) {
        const view = viewOf(record, participant.id);
        if (view) expected.set(record.id, view);
      }
      views.set(participant.id, expected);
      problems.push(...compare(`${device.name}`, await device.db.annotations.toArray(), expected, label));
    }
    for (const device of Object.values(devices)) {
      const rows = await device.db.annotations.toArray();
      problems.push(...compare(device.name, rows, views.get(device.participant.id)!, label));
      for (const row of rows)
        if (row.pending || row.conflict)
          problems.push(
            `convergence: ${device.name} still has ${label(row.id)} pending=${row.pending} conflict=${!!row.conflict}`,
          );
      for (const entry of await device.db.outbox.toArray())
        problems.push(
          `convergence: ${device.name} still has ${entry.kind} ${entry.mutationId} in its outbox` +
            (entry.rejected ? ` (rejected: ${entry.rejected.reason} ${entry.rejected.message})` : ''),
        );
    }

    for (const check of [others, contributions]) {
      const other = await check.check(server.db, [...Object.values(devices), ...fresh]);
      problems.push(...other.problems);
      stats.lostEdits += other.lostEdits;
    }

    // Exactly once: each id sent is recorded, as sent, with the answer it got; every version has one write behind it.
    const recorded = await server.db.query<{
      mutation_id: string;
      participant_id: string;
      kind: string;
      result: MutationResult;
    }>('SELECT mutation_id, participant_id, kind, result FROM applied_mutations');
    const recordedIds = new Set(recorded.map((r) => r.mutation_id));
    for (const id of sent.keys())
      if (!recordedIds.has(id)) problems.push(`exactly once: sent mutation ${id} was never recorded`);
    for (const { mutation_id: id, participant_id, kind, result } of recorded) {
      const from = sent.get(id);
      if (!from) problems.push(`exactly once: recorded mutation ${id} was never sent`);
      else if (from.participant !== participant_id || from.kind !== kind)
        problems.push(
          `exactly once: mutation ${id} (${from.kind} of ${from.participant}) is recorded as ${kind} of ${participant_id}`,
        );
      // What a device was told is what the server keeps answering: a resend after any fault gets the same.
      const answer = answers.get(id);
      if (answer !== undefined && !isDeepStrictEqual(answer, result))
        problems.push(
          `exactly once: mutation ${id} was answered ${JSON.stringify(answer)}, recorded ${JSON.stringify(result)}`,
        );
    }
    const versions = new Map<string, Set<number>>();
    for (const { mutation_id, result } of recorded) {
      if (result.status === 'rejected')
        problems.push(`rejected: mutation ${mutation_id}: ${result.reason} ${result.message}`);
      if (result.status === 'applied' && result.record.kind === 'annotation') {
        const { id, version } = result.record.annotation;
        versions.set(id, (versions.get(id) ?? new Set()).add(version));
      }
    }
    for (const record of serverRows) {
      const seen = [...(versions.get(record.id) ?? [])].sort((a, b) => a - b);
      const every = Array.from({ length: record.version }, (_, i) => i + 1);
      if (!isDeepStrictEqual(seen, every))
        problems.push(
          `exactly once: ${label(record.id)} is at v${record.version} but recorded writes gave versions [${seen.join(', ')}]`,
        );
    }
  } catch (error) {
    problems.push(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    for (const device of [...Object.values(devices), ...fresh]) {
      device.db.close();
      await Dexie.delete(device.db.name);
    }
  }

  if (problems.length > 0)
    throw Object.assign(new Error([...new Set(problems)].join('\n') + '\n-- trace --\n' + trace.join('\n')), {
      stats,
    });
  return stats;
}

/** A device's rows against what its participant may see on the server: same annotations, same fields. */
function compare(
  who: string,
  rows: AnnotationRow[],
  expected: Map<string, Annotation>,
  label: (id: string) => string,
): string[] {
  const problems: string[] = [];
  const held = new Map(rows.map((row) => [row.id as string, row]));
  for (const [id, record] of expected) {
    const row = held.get(id);
    if (!row) problems.push(`convergence: ${who} lacks ${label(id)} (${JSON.stringify(compared(record))})`);
    else if (!isDeepStrictEqual(compared(row), compared(record)))
      problems.push(
        `convergence: ${who} holds ${label(id)} as ${JSON.stringify(compared(row))}, the server ${JSON.stringify(compared(record))}`,
      );
  }
  for (const id of held.keys())
    if (!expected.has(id))
      problems.push(`convergence: ${who} holds ${label(id)}, which it may not see or does not exist`);
  return problems;
}
