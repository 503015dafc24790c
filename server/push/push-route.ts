import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { z } from 'zod';
import { mutationSchema } from '../../shared/protocol/mutations.js';
import { PUSH_LIMITS, pushRequestSchema, type PushResponse } from '../../shared/protocol/push.js';
import { ApiFailure } from '../api-failure.js';
import type { Database } from '../db/database.js';
import { invalid } from '../write-result.js';
import { pushMutations, type PushedMutation } from './push-mutations.js';
import { compactInBackground } from '../synthesis/synthesis-routes.js';

/**
 * The request as pushRequestSchema has it, except that each mutation only
 * needs an id here: one that fails its own schema is answered `rejected` on
 * its own, so a single bad mutation cannot block the rest of an outbox forever.
 */
const envelopeSchema = pushRequestSchema.extend({
  mutations: z
    .array(z.looseObject({ id: z.uuid('each mutation needs an id that is a UUID') }))
    .min(1, 'a push carries at least one mutation')
    .max(PUSH_LIMITS.batch, `a push carries at most ${PUSH_LIMITS.batch} mutations: send the rest in another request`),
});

const MAX_ISSUES = 20;

export function parsePushRequest(body: unknown): PushedMutation[] {
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) {
    const issues = envelope.error.issues
      .slice(0, MAX_ISSUES)
      .map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    const message = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    throw new ApiFailure(400, 'validation-failed', `not a valid push: ${message}`, { issues });
  }
  return envelope.data.mutations.map((raw) => {
    const kind = typeof raw.kind === 'string' ? raw.kind : undefined;
    const parsed = mutationSchema.safeParse(raw);
    return parsed.success
      ? { id: raw.id, kind: parsed.data.kind, mutation: parsed.data }
      : { id: raw.id, kind, refused: invalid(parsed.error) };
  });
}

/** POST /api/push: a participant's outbox mutations in, one result per mutation out (shared/protocol/push.ts). */
export function registerPushRoute(
  app: FastifyInstance,
  { db, requireParticipant }: { db: Database; requireParticipant: onRequestHookHandler },
) {
  app.post(
    '/api/push',
    // A full batch of long notes is larger than the other routes' 1 MB.
    { onRequest: requireParticipant, bodyLimit: PUSH_LIMITS.bodyBytes },
    async (request): Promise<PushResponse> => {
      const mutations = parsePushRequest(request.body);
      const results = await pushMutations(db, request.participant!, mutations);
      const written = results.flatMap((r) =>
        r.status === 'applied' && r.record.kind === 'synthesis-update' ? [r.record.synthesisId] : [],
      );
      if (written.length) compactInBackground(db, written, (message) => request.log.warn(message));
      return { results };
    },
  );
}
