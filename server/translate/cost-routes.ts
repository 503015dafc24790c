import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { ApiFailure } from '../api-failure.js';
import type { Database } from '../db/database.js';
import { budgetState, costReport, type CostDefaults } from './translation-costs.js';

/**
 * GET /api/translations/cost?since=YYYY-MM-DD: the secretariat's view of
 * what machine translation cost (characters per day, provider, pair and kind
 * of text; prices; budget). GET /api/translations/status: whether new
 * translations wait for the budget, for every participant's "awaiting
 * translation" to say why (no figures: those are the secretariat's).
 */
export function registerCostRoutes(
  app: FastifyInstance,
  { db, requireParticipant, costs }: { db: Database; requireParticipant: onRequestHookHandler; costs: CostDefaults },
) {
  const secretariatOnly: onRequestHookHandler = async (request) => {
    if (!request.participant?.roles.includes('secretariat'))
      throw new ApiFailure(403, 'forbidden', 'only the secretariat may do this');
  };

  app.get('/api/translations/cost', { onRequest: [requireParticipant, secretariatOnly] }, async (request) => {
    const { since } = request.query as { since?: string };
    if (since !== undefined && !isDate(since))
      throw new ApiFailure(400, 'validation-failed', 'since is a date, YYYY-MM-DD');
    return costReport(db, costs, since ?? null);
  });

  app.get('/api/translations/status', { onRequest: requireParticipant }, async () => ({
    waiting: (await budgetState(db, costs)) === 'exhausted' ? ('budget' as const) : null,
  }));
}

export function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
}
