import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { ApiFailure } from '../api-failure.js';
import type { Database } from '../db/database.js';
import { jobCounts, listJobs, requeueFailed, type JobStatus } from '../translate/job-queue.js';
import { commitWrite, type WriteResult } from '../write-result.js';
import type { Contribution } from '../../shared/model/entities.js';
import { readContribution } from './contribution-store.js';
import { attachHumanTranslationTx, withdrawContributionTx } from './moderation.js';

const STATUS_OF = { forbidden: 403, 'not-found': 404, 'validation-failed': 400 } as const;

function answer(result: WriteResult<Contribution>): { contribution: Contribution } {
  if (result.status === 'applied') return { contribution: result.record };
  if (result.status === 'rejected') throw new ApiFailure(STATUS_OF[result.reason], result.reason, result.message);
  throw new ApiFailure(409, 'bad-request', 'conflict');
}

const JOB_STATUSES: readonly JobStatus[] = ['queued', 'running', 'done', 'failed', 'superseded'];

/**
 * The secretariat's routes over contributions: withdraw, attach a human
 * translation, and see the translation queue (failed jobs with their reason).
 * Contributions themselves are written through the push (outbox mutations).
 */
export function registerContributionRoutes(
  app: FastifyInstance,
  {
    db,
    requireParticipant,
    wakeTranslations,
  }: { db: Database; requireParticipant: onRequestHookHandler; wakeTranslations(): void },
) {
  const secretariatOnly: onRequestHookHandler = async (request) => {
    if (!request.participant?.roles.includes('secretariat'))
      throw new ApiFailure(403, 'forbidden', 'only the secretariat may do this');
  };
  const params = (request: { params: unknown }) => request.params as { id: string; lang?: string };

  app.post('/api/contributions/:id/withdraw', { onRequest: requireParticipant }, async (request) =>
    answer(
      await commitWrite(db, (tx) => withdrawContributionTx(tx, request.participant!, params(request).id, request.body)),
    ),
  );

  app.put('/api/contributions/:id/translations/:lang', { onRequest: requireParticipant }, async (request) => {
    const { id, lang } = params(request);
    return answer(
      await commitWrite(db, (tx) => attachHumanTranslationTx(tx, request.participant!, id, lang!, request.body)),
    );
  });

  app.get('/api/contributions/:id', { onRequest: requireParticipant }, async (request) => {
    const contribution = await readContribution(db, params(request).id);
    if (!contribution || contribution.status !== 'published')
      throw new ApiFailure(404, 'not-found', 'no such contribution');
    return { contribution };
  });

  app.get('/api/translation-jobs', { onRequest: [requireParticipant, secretariatOnly] }, async (request) => {
    const query = request.query as { status?: string; contribution?: string };
    if (query.status !== undefined && !JOB_STATUSES.includes(query.status as JobStatus))
      throw new ApiFailure(400, 'validation-failed', `status is one of ${JOB_STATUSES.join(', ')}`);
    return {
      counts: await jobCounts(db),
      jobs: await listJobs(db, { status: query.status as JobStatus | undefined, contributionId: query.contribution }),
    };
  });

  app.post('/api/translation-jobs/retry-failed', { onRequest: [requireParticipant, secretariatOnly] }, async () => {
    const requeued = await requeueFailed(db);
    wakeTranslations();
    return { requeued };
  });
}
