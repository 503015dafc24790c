import { writeTransaction, type Database } from '../db/database.js';
import { claimJobs, completeJob, failJob, type ClaimedJob } from './job-queue.js';
import { budgetState, type BudgetState, type CostDefaults } from './translation-costs.js';
import { meteredTranslator, recordUsageTx, type Usage } from './translation-usage.js';
import { translateLong } from './split-text.js';
import { TranslatorError, type Translator } from './translator.js';

export interface TranslationWorkerOptions {
  db: Database;
  translator: Translator;
  /** Jobs translated at once by this instance. */
  concurrency?: number;
  /** How often an idle worker looks for due jobs (other instances' jobs, retries coming due). */
  pollMs?: number;
  /** How long a claimed job is this worker's; longer than a provider's timeout times the pieces of a long text. */
  leaseMs?: number;
  /** Backoff of the n-th failed attempt, before jitter. */
  backoff?: (attempt: number) => number;
  /** How long jobs wait when the provider's quota is used up (they keep their attempts). */
  quotaWaitMs?: number;
  /** Prices and budget from the environment (translation-costs.ts); without a budget nothing stops the queue. */
  costs?: CostDefaults;
  log?: (message: string) => void;
}

export interface TranslationWorker {
  /** Look for jobs now (a contribution was just written). */
  wake(): void;
  /** Resolves when no job is due and none is in progress (tests, benchmarks). */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** A provider's quota (DeepL's monthly characters) comes back slowly: look again in an hour. */
const QUOTA_WAIT_MS = 60 * 60_000;

const defaultBackoff = (attempt: number) => Math.min(5 * 60_000, 2_000 * 2 ** (attempt - 1));

/**
 * Runs the translation queue of one server instance: claims due jobs, sends
 * each text through the provider (split under its limit), stores the result
 * and tells pullers. Several instances may run one each on the same database.
 * Logs say which job failed and why, never the text.
 */
export function startTranslationWorker(options: TranslationWorkerOptions): TranslationWorker {
  const { db, translator, concurrency = 2, pollMs = 1_000, leaseMs = 10 * 60_000 } = options;
  const backoff = options.backoff ?? defaultBackoff;
  const quotaWaitMs = options.quotaWaitMs ?? QUOTA_WAIT_MS;
  const log = options.log ?? (() => {});
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let idleWaiters: (() => void)[] = [];

  const unsubscribe = db.onChange(() => wake());

  function schedule(ms: number) {
    if (controller.signal.aborted) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(wake, ms);
    timer.unref?.();
  }

  function wake() {
    if (controller.signal.aborted) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error: unknown) => log(`translation queue: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          wake();
          return;
        }
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
        schedule(pollMs);
      });
  }

  let lastBudget: BudgetState = 'none';
  /** Jobs wait (queued, never failed) while the budget is spent; the poll finds them again once it is raised. */
  async function budgetAllows(): Promise<boolean> {
    if (!options.costs) return true;
    const state = await budgetState(db, options.costs);
    if (state !== lastBudget) {
      if (state === 'warning') log('translation budget: 80 % spent (the secretariat sees it in its cost view)');
      if (state === 'exhausted') log('translation budget spent: new translation jobs wait until it is raised');
      if (lastBudget === 'exhausted') log('translation budget raised: translation jobs resume');
      lastBudget = state;
    }
    return state !== 'exhausted';
  }

  async function drain() {
    while (!controller.signal.aborted) {
      if (!(await budgetAllows())) return;
      const jobs = await claimJobs(db, concurrency, leaseMs);
      if (jobs.length === 0) return;
      const stored = await Promise.all(jobs.map(run));
      if (stored.some(Boolean)) await db.announce();
    }
  }

  async function run(job: ClaimedJob): Promise<boolean> {
    const usage: Usage = {
      provider: translator.engine,
      source: job.source,
      target: job.target,
      kind: job.kind,
      chars: 0,
      requests: 0,
    };
    try {
      const text = await translateLong(meteredTranslator(translator, usage), {
        text: job.text,
        source: job.source,
        target: job.target,
        signal: controller.signal,
      });
      return await completeJob(db, job, text, translator.engine, usage);
    } catch (error) {
      if (controller.signal.aborted) {
        // Stopped mid-job: the job's lease runs out and another run takes it; what was sent is counted now.
        await writeTransaction(db, (tx) => recordUsageTx(tx, usage)).catch(() => {});
        return false;
      }
      const known = error instanceof TranslatorError;
      const reason = known ? error.message : 'unexpected error in the translation adapter';
      const quota = known && error.kind === 'quota';
      const base =
        known && error.retryAfterMs !== null ? error.retryAfterMs : quota ? quotaWaitMs : backoff(job.attempts);
      // Jitter spreads the retries of many jobs that failed together (a provider outage).
      const retryInMs = known && error.retryAfterMs !== null ? base : base * (0.5 + Math.random() / 2);
      const status = await failJob(
        db,
        job,
        reason,
        { retryable: known ? error.retryable : true, retryInMs, countsAsAttempt: !quota },
        usage,
      );
      log(
        `translation job ${job.id} (${job.contributionId} ${job.source}→${job.target}) ${status ?? 'lost its lease'}: ${reason}`,
      );
      if (status === 'queued') schedule(Math.min(pollMs, retryInMs));
      return false;
    }
  }

  wake();
  return {
    wake,
    idle: () => (running ? new Promise<void>((resolve) => idleWaiters.push(resolve)) : Promise.resolve()),
    async stop() {
      controller.abort(new Error('translation worker stopped'));
      unsubscribe();
      if (timer) clearTimeout(timer);
      await running?.catch(() => {});
    },
  };
}
