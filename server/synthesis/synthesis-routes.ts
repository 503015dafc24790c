import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { ApiFailure } from '../api-failure.js';
import type { Database } from '../db/database.js';
import { memberRoles } from '../events/event-store.js';
import {
  COMPACT_AFTER,
  compactSynthesis,
  readSynthesis,
  storedUpdateCount,
  synthesisHistory,
  synthesisStateAt,
} from './synthesis-store.js';

/**
 * History of a synthesis (who changed it, when) and its state at a point of
 * that history, which a client restores as a new edit. Readable by the
 * members of its event, like the synthesis itself; writes go through the push.
 */
export function registerSynthesisRoutes(
  app: FastifyInstance,
  { db, requireParticipant }: { db: Database; requireParticipant: onRequestHookHandler },
) {
  // A synthesis of an event the caller is not in does not exist for them (closed events are not revealed).
  const found = async (id: string, participantId: string) => {
    const synthesis = await readSynthesis(db, id);
    if (!synthesis || !(await memberRoles(db, participantId, synthesis.eventId!)))
      throw new ApiFailure(404, 'not-found', 'no such synthesis');
  };
  app.get('/api/syntheses/:id/history', { onRequest: requireParticipant }, async (request) => {
    const { id } = request.params as { id: string };
    await found(id, request.participant!.id);
    return { history: await synthesisHistory(db, id) };
  });
  app.get('/api/syntheses/:id/history/:upTo/state', { onRequest: requireParticipant }, async (request) => {
    const { id, upTo } = request.params as { id: string; upTo: string };
    if (!/^\d{1,15}$/.test(upTo)) throw new ApiFailure(400, 'validation-failed', 'upTo is a whole number');
    await found(id, request.participant!.id);
    const state = await synthesisStateAt(db, id, Number(upTo));
    if (!state) throw new ApiFailure(404, 'not-found', 'nothing was written by then');
    return { state: Buffer.from(state).toString('base64') };
  });
}

/**
 * After a push: compacts the syntheses it wrote to that hold more than
 * COMPACT_AFTER updates. In the background; a failure leaves the updates as
 * they were (they stay correct, only larger) and is logged.
 */
export function compactInBackground(db: Database, synthesisIds: Iterable<string>, log: (message: string) => void) {
  for (const id of new Set(synthesisIds)) {
    void (async () => {
      if ((await storedUpdateCount(db, id)) <= COMPACT_AFTER) return;
      await compactSynthesis(db, id);
    })().catch((error: unknown) =>
      log(`compaction of synthesis ${id} failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
}
