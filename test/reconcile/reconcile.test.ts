// Before Dexie loads (through run-scenario): it takes the IndexedDB it finds then.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Backend } from '../support/server-harness.js';
import { COUNTEREXAMPLES } from './counterexamples.js';
import { runScenario, type RunStats } from './run-scenario.js';
import { scenarioArbitrary } from './scenario.js';
import { openServer, type Server } from './world.js';

/**
 * Reconciliation, as a property: three offline-first clients against ONE real
 * server lose nothing and end up agreeing, whatever happens in between.
 *
 * Clients: A1 and A2 are two devices of participant P1, B is participant P2.
 * Each has its own IndexedDB (fake-indexeddb) and talks real HTTP to the
 * server (PGlite in a data folder, or PostgreSQL) through the app's own code:
 * renderer/db/ for local writes; a sync is what the sync worker does:
 * pushOutbox, pullAll, and a second push when the outbox is not empty.
 * A run (scenario.ts) starts with one or two annotations and a synthesis that
 * every device has synced, then a generated list of operations: create
 * (private or seminar); edit the note (append, prepend, replace or remove a
 * word, rewrite it); toggle a tag; flip visibility; delete; undo a delete;
 * mark a contribution read or unread, star or unstar it; propose a codebook
 * tag; write a word into the synthesis or remove one; write a contribution or
 * edit one's own (as a draft, then submitted); go offline or online;
 * sync, plainly or with a fault in the middle of its push (world.ts): the
 * response lost after the server committed, the push sent twice (one after the
 * other, or at once), the app killed after reading its outbox and before
 * sending, the app killed after the server committed and before it applied
 * the answer (it starts again on its IndexedDB), the server killed after
 * committing and before answering (reopened on its data); sometimes with the
 * user editing a note while it pulls; restart the server (its HTTP side only,
 * or also its database); resolve a note conflict shown on a card (keep local,
 * keep the server's, or both). Then every device goes online, resolves what is
 * left (a deleted annotation's conflict after undoing the deletion, as the UI
 * requires; a contribution's conflict likewise, every draft submitted) and syncs in turn until a whole round had nothing to send (at
 * most 10 rounds).
 *
 * Invariants (run-scenario.ts):
 * - convergence: a new device of each participant pulls exactly what the
 *   server's table holds as that participant may see it (own annotations and
 *   the seminar's; another's tombstone without its note), and every client
 *   holds the same annotations with the same note, tags, visibility, deleted
 *   flag and version, with nothing pending, in conflict or in its outbox;
 * - no loss: every word is unique in a run, so a note's history is a set of
 *   words. A word counts as shown saved when an operation wrote it (create,
 *   edit). It may be missing from the final note (the tombstone's, for a
 *   deleted annotation) only if a user removed it from a text their device
 *   showed: an edit of a note that had it, or a conflict resolution that left
 *   it out although the conflict showed it (either side, or the note beside
 *   it). Anything else missing is a lost edit, whether a merge, a conflict, a
 *   deletion, a lost response or a pull made it vanish. A merge may keep a
 *   word a user removed on another device (both edits survive), never invent
 *   one. Lost edits must be 0;
 * - the other writes (other-writes.ts, contribution-writes.ts): marks, tag
 *   proposals, the synthesis's words and the contributions' words reach the
 *   server and every device, none lost;
 * - exactly once: the ids in applied_mutations are exactly the ids pushed
 *   (resends included), each recorded for the participant and kind that sent
 *   it, with the answer the device was given if one reached it, none
 *   rejected; the server holds each created annotation once; the versions of
 *   an annotation's recorded writes are exactly 1..its version (no write
 *   without its record, none twice); a device never pulls an older or equal
 *   version after a newer one, nor holds one; a push sent twice is answered the
 *   same both times;
 * - privacy: no pull page ever carries another participant's private
 *   annotation, and no device ever holds one (checked after every operation).
 *
 * And the runs did what they claim: from 100 runs on, some cut a push short
 * (lost responses, app and server crashes), some resend one, some meet
 * conflicts, and every kind of write happens; a generator that stopped
 * producing one would otherwise pass without testing it. Every run asked for
 * ran (no time limit cuts them short).
 *
 * Environment: PROPERTY_SEED (random by default; always printed),
 * PROPERTY_RUNS (25: under `npm test` every one of them runs, there is no time
 * limit to cut them short; the count is printed), PROPERTY_OPS (the longest
 * scenario, 25), PROPERTY_PATH (with the seed and the same knobs, replays the
 * shrunk counterexample fast-check printed), PROPERTY_BACKEND (pglite,
 * postgres or both; pglite), PROPERTY_TRACE (prints what every run did).
 * `npm run test:property` runs 1,000 runs of up to 40 operations on both
 * backends; the long run is 5,000 runs per backend, PGlite in two shards of
 * 2,500 with seeds of their own (README, "The reconciliation property").
 */

const env = process.env;
const seed = env.PROPERTY_SEED ? Number(env.PROPERTY_SEED) : Date.now() ^ (Math.random() * 0x100000000);
const numRuns = Number(env.PROPERTY_RUNS ?? 25);
const maxOps = Number(env.PROPERTY_OPS ?? 25);
const path = env.PROPERTY_PATH;
const backendChoice = env.PROPERTY_BACKEND ?? 'pglite';
const backends: Backend[] = backendChoice === 'both' ? ['pglite', 'postgres'] : [backendChoice as Backend];
if (!backends.every((b) => b === 'pglite' || b === 'postgres'))
  throw new Error(`PROPERTY_BACKEND: pglite, postgres or both, not ${backendChoice}`);
/** A dedicated run (PROPERTY_RUNS given) reports its progress. */
const dedicated = env.PROPERTY_RUNS !== undefined;
/** Every run runs: a generous timeout (a run takes a few seconds on a loaded machine), never a cut. */
const timeoutMs = 600_000 + numRuns * 30_000;
/**
 * From this many runs on, each fault and kind of write is certain enough to show up (see `exercised`: at 100
 * runs the rarest is expected about 25 times, so a zero means the generator lost it, not bad luck).
 */
const COVERAGE_RUNS = 100;

describe.each<Backend>(backends)('reconciliation property on %s', (backend) => {
  let server: Server;
  const total = { runs: 0, failedRuns: 0, ops: 0, effective: 0, syncs: 0, lostResponses: 0, resends: 0 };
  const more = { restarts: 0, crashes: 0, serverCrashes: 0, conflictResults: 0, conflictsShown: 0, annotations: 0 };
  const writes = { marks: 0, proposals: 0, synthesisEdits: 0, contributions: 0, lostEdits: 0 };
  const started = Date.now();

  beforeAll(async () => {
    server = await openServer(backend, inject('pgUrl'));
  });
  afterAll(async () => {
    await server?.close();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `reconciliation property on ${backend}: seed ${seed}, ${total.runs} of ${numRuns} runs passed ` +
        `(${total.failedRuns} failed, shrinking included), ` +
        `${total.ops} operations generated (${total.effective} effective: ${total.syncs} syncs, ${total.lostResponses} lost responses, ` +
        `${total.resends} resent pushes, ${more.crashes} app crashes mid-push, ${more.serverCrashes} server crashes mid-push, ` +
        `${more.restarts} server restarts in all), ${more.annotations} annotations, ${writes.marks} marks, ` +
        `${writes.proposals} tag proposals, ${writes.synthesisEdits} synthesis edits, ` +
        `${writes.contributions} contributions written or edited, ` +
        `${more.conflictResults} push conflicts, ${more.conflictsShown} note conflicts shown; ` +
        `lost edits in the first failing run: ${writes.lostEdits}; ${seconds} s`,
    );
  });

  it(
    'converges, loses no edit, applies each mutation once and keeps private notes private',
    async () => {
      const add = (stats: RunStats) => {
        total.ops += stats.ops;
        total.effective += stats.effective;
        total.syncs += stats.syncs;
        total.lostResponses += stats.lostResponses;
        total.resends += stats.resends;
        more.restarts += stats.restarts;
        more.crashes += stats.crashes;
        more.serverCrashes += stats.serverCrashes;
        more.conflictResults += stats.conflictResults;
        more.conflictsShown += stats.conflictsShown;
        more.annotations += stats.annotations;
        writes.marks += stats.marks;
        writes.proposals += stats.proposals;
        writes.synthesisEdits += stats.synthesisEdits;
        writes.contributions += stats.contributions;
      };
      const property = fc.asyncProperty(scenarioArbitrary(maxOps), async (scenario) => {
        await server.reset();
        try {
          const stats = await runScenario(server, scenario);
          if (env.PROPERTY_TRACE) console.log(stats.trace.join('\n'));
          add(stats);
          total.runs += 1;
          if (dedicated && total.runs % 100 === 0) console.log(`${backend}: ${total.runs} runs`);
        } catch (error) {
          total.failedRuns += 1;
          // Counted on the first failure only: shrinking replays the same lost edits many times.
          const lost = (error as { stats?: RunStats }).stats?.lostEdits ?? 0;
          if (total.failedRuns === 1) writes.lostEdits += lost;
          throw error;
        }
      });
      console.log(`reconciliation property on ${backend}: ${numRuns} runs of up to ${maxOps} operations, seed ${seed}`);
      await fc.assert(property, { seed, numRuns, path });
      expect(total.runs).toBe(path ? 1 : numRuns);
      if (!path && numRuns >= COVERAGE_RUNS) {
        const exercised = {
          syncs: total.syncs,
          'pushes cut short (lost responses, app and server crashes)':
            total.lostResponses + more.crashes + more.serverCrashes,
          resends: total.resends,
          conflicts: more.conflictResults,
          marks: writes.marks,
          proposals: writes.proposals,
          synthesisEdits: writes.synthesisEdits,
          contributions: writes.contributions,
        };
        for (const [what, count] of Object.entries(exercised))
          expect(count, `${what} in ${numRuns} runs`).toBeGreaterThan(0);
      }
    },
    timeoutMs,
  );

  describe('counterexamples found before', () => {
    for (const example of COUNTEREXAMPLES) {
      it(example.name, async () => {
        await server.reset();
        const stats = await runScenario(server, example.scenario);
        if (env.PROPERTY_TRACE) console.log(stats.trace.join('\n'));
      });
    }
  });
});
