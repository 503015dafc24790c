import { randomUUID } from 'node:crypto';
import { LANGUAGES, type Lang } from '../../shared/languages.js';
import { writeTransaction, type Database, type Queryable } from '../db/database.js';
import { storeTranslationTx, touchContributionTx } from './translation-store.js';
import { recordUsageTx, type Usage } from './translation-usage.js';
import { takeMachineTracksTx } from '../materials/material-store.js';
import { materialsWithUnit, storeCueTranslationTx } from '../materials/subtitle-translations.js';

/**
 * The durable queue of translation jobs (table translation_jobs, migration 5).
 *
 * - One job per (contribution, source version, target language): creating it
 *   twice does nothing, so one text version is never sent twice for a target.
 * - A worker claims jobs with FOR UPDATE SKIP LOCKED, so instances sharing a
 *   PostgreSQL never take the same job, and takes a lease: a job whose worker
 *   died (a restart mid-job) is claimed again when the lease has run out.
 * - Only the lease holder may finish a job; a worker that lost its lease (it
 *   took longer than the lease) drops its result.
 * - A failure is retried after a backoff (or the provider's Retry-After) up to
 *   MAX_ATTEMPTS, then the job stays `failed` with its reason, visible to the
 *   secretariat; an edit of the original supersedes the older version's jobs.
 */
export const MAX_ATTEMPTS = 6;

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'superseded';

export interface ClaimedJob {
  id: number;
  /**
   * 'proceedings': a unit of a published edition; 'subtitles': a cue's text of
   * a video's original subtitles (contributionId is then `unit:<hash>`).
   */
  kind: 'contribution' | UnitKind;
  contributionId: string;
  unitHash: string | null;
  sourceVersion: number;
  source: Lang;
  target: Lang;
  attempts: number;
  lease: string;
  /** The original's text at sourceVersion. */
  text: string;
}

/** Jobs that name a unit of text by its hash, and the table holding each unit's source text. */
type UnitKind = 'proceedings' | 'subtitles';
const UNIT_SOURCES: Record<UnitKind, string> = {
  proceedings: 'proceedings_sources',
  subtitles: 'subtitle_sources',
};
const isUnitKind = (kind: unknown): kind is UnitKind => kind === 'proceedings' || kind === 'subtitles';

export interface JobRow {
  id: number;
  contributionId: string;
  sourceVersion: number;
  target: Lang;
  status: JobStatus;
  attempts: number;
  lastError: string | null;
  engine: string | null;
  updatedAt: string;
}

/**
 * Queues the translations of a contribution's original at `version` (the nine
 * other languages unless `targets` says which); older versions' jobs are superseded.
 */
export async function enqueueTranslationsTx(
  tx: Queryable,
  contributionId: string,
  version: number,
  source: Lang,
  targets: readonly Lang[] = LANGUAGES.filter((l) => l !== source),
): Promise<void> {
  await tx.query(
    `INSERT INTO translation_jobs (contribution_id, source_version, source_language, target_language, status)
     SELECT $1, $2, $3, target, 'queued' FROM unnest($4::text[]) AS target
     ON CONFLICT (contribution_id, source_version, target_language) DO NOTHING`,
    [contributionId, version, source, targets],
  );
  await supersedeOlderTx(tx, contributionId, version);
}

async function supersedeOlderTx(tx: Queryable, contributionId: string, version: number): Promise<void> {
  await tx.query(
    `UPDATE translation_jobs SET status='superseded', lease=NULL, locked_until=NULL, updated_at=now()
     WHERE contribution_id=$1 AND source_version < $2 AND status IN ('queued', 'running', 'failed')`,
    [contributionId, version],
  );
}

/** Takes up to `limit` jobs that are due (or whose lease ran out), each with a new lease of `leaseMs`. */
export async function claimJobs(db: Database, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
  const lease = randomUUID();
  return db.transaction(async (tx) => {
    const rows = await tx.query<Record<string, unknown>>(
      `UPDATE translation_jobs j SET status='running', lease=$1, attempts=attempts+1,
         locked_until=now() + ($3::int * interval '1 millisecond'), updated_at=now()
       WHERE id IN (
         SELECT id FROM translation_jobs
         WHERE (status='queued' AND next_attempt_at <= now()) OR (status='running' AND locked_until < now())
         ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED)
       RETURNING j.id, j.kind, j.contribution_id, j.unit_hash, j.source_version, j.source_language, j.target_language,
         j.attempts`,
      [lease, limit, leaseMs],
    );
    if (rows.length === 0) return [];
    const claimed: ClaimedJob[] = [];
    for (const kind of Object.keys(UNIT_SOURCES) as UnitKind[]) {
      const units = rows.filter((r) => r.kind === kind);
      if (units.length === 0) continue;
      const sources = await tx.query<{ hash: string; source_language: string; text: string }>(
        `SELECT hash, source_language, text FROM ${UNIT_SOURCES[kind]} WHERE hash = ANY($1::text[])`,
        [units.map((r) => String(r.unit_hash))],
      );
      const text = new Map(sources.map((u) => [`${u.hash}:${u.source_language}`, u.text]));
      for (const r of units) {
        const source = text.get(`${String(r.unit_hash)}:${String(r.source_language)}`);
        if (source === undefined) {
          await tx.query(`UPDATE translation_jobs SET status='superseded', lease=NULL, updated_at=now() WHERE id=$1`, [
            r.id,
          ]);
          continue;
        }
        claimed.push({
          id: Number(r.id),
          kind,
          contributionId: `unit:${String(r.unit_hash)}`,
          unitHash: String(r.unit_hash),
          sourceVersion: Number(r.source_version),
          source: r.source_language as Lang,
          target: r.target_language as Lang,
          attempts: Number(r.attempts),
          lease,
          text: source,
        });
      }
    }
    const contributionRows = rows.filter((r) => !isUnitKind(r.kind));
    if (contributionRows.length === 0) return claimed;
    const texts = await tx.query<{ id: string; version: number; status: string; text: string | null }>(
      `SELECT c.id, c.version, c.status, t.text FROM contributions c
       LEFT JOIN text_versions t ON t.contribution_id = c.id AND t.language = c.language
       WHERE c.id = ANY($1::text[])`,
      [[...new Set(contributionRows.map((r) => String(r.contribution_id)))]],
    );
    const byId = new Map(texts.map((t) => [t.id, t]));
    for (const r of contributionRows) {
      const current = byId.get(String(r.contribution_id));
      // Edited (or withdrawn) since it was queued: the job no longer has a text to translate.
      if (
        !current ||
        current.text === null ||
        current.status !== 'published' ||
        Number(current.version) !== Number(r.source_version)
      ) {
        await tx.query(`UPDATE translation_jobs SET status='superseded', lease=NULL, updated_at=now() WHERE id=$1`, [
          r.id,
        ]);
        continue;
      }
      claimed.push({
        id: Number(r.id),
        kind: 'contribution',
        contributionId: String(r.contribution_id),
        unitHash: null,
        sourceVersion: Number(r.source_version),
        source: r.source_language as Lang,
        target: r.target_language as Lang,
        attempts: Number(r.attempts),
        lease,
        text: current.text,
      });
    }
    return claimed;
  });
}

/**
 * Stores a job's translation, if the job is still this worker's and the
 * original has not changed; returns whether it was stored (then announce).
 * `usage`, what was sent for it, is counted in the same transaction: also
 * when the result is dropped (the provider was paid all the same).
 */
export async function completeJob(
  db: Database,
  job: ClaimedJob,
  text: string,
  engine: string,
  usage?: Usage,
): Promise<boolean> {
  return writeTransaction(db, async (tx) => {
    if (usage) await recordUsageTx(tx, usage);
    const [row] = await tx.query<{ status: string; lease: string | null }>(
      'SELECT status, lease FROM translation_jobs WHERE id=$1 FOR UPDATE',
      [job.id],
    );
    if (row?.status !== 'running' || row.lease !== job.lease) return false;
    if (job.kind === 'proceedings') return completeUnitTx(tx, job, text, engine);
    if (job.kind === 'subtitles') return completeCueTx(tx, job, text, engine);
    const [contribution] = await tx.query<{ version: number; status: string }>(
      'SELECT version, status FROM contributions WHERE id=$1 FOR UPDATE',
      [job.contributionId],
    );
    if (!contribution || Number(contribution.version) !== job.sourceVersion || contribution.status !== 'published') {
      await tx.query(`UPDATE translation_jobs SET status='superseded', lease=NULL, updated_at=now() WHERE id=$1`, [
        job.id,
      ]);
      return false;
    }
    const changed = await storeTranslationTx(tx, {
      contributionId: job.contributionId,
      language: job.target,
      layer: 'machine',
      text,
      engine,
      sourceVersion: job.sourceVersion,
    });
    if (changed) await touchContributionTx(tx, job.contributionId);
    await tx.query(
      `UPDATE translation_jobs SET status='done', lease=NULL, locked_until=NULL, last_error=NULL, engine=$2, updated_at=now()
       WHERE id=$1`,
      [job.id, engine],
    );
    return changed;
  });
}

/**
 * A unit of published proceedings translated: stored once per target (a
 * unit's translation never changes after), and the proceedings of every
 * event with an edition holding that unit are touched, so their members
 * see the languages fill up.
 */
async function completeUnitTx(tx: Queryable, job: ClaimedJob, text: string, engine: string): Promise<boolean> {
  const stored = await tx.query(
    `INSERT INTO proceedings_translations (hash, source_language, target_language, text, engine)
     VALUES ($1,$2,$3,$4,$5) ON CONFLICT DO NOTHING RETURNING hash`,
    [job.unitHash, job.source, job.target, text, engine],
  );
  await tx.query(
    `UPDATE translation_jobs SET status='done', lease=NULL, locked_until=NULL, last_error=NULL, engine=$2, updated_at=now()
     WHERE id=$1`,
    [job.id, engine],
  );
  if (stored.length)
    await tx.query(
      `UPDATE proceedings SET seq = nextval('change_seq'), version = version + 1
       WHERE event_id IN (SELECT event_id FROM proceedings_units WHERE hash = $1)`,
      [job.unitHash],
    );
  return stored.length > 0;
}

/**
 * A cue of a video's original subtitles translated: stored once per target,
 * and every video whose original holds it takes the machine track in that
 * language once all of its cues are there (a pull then carries the track).
 */
async function completeCueTx(tx: Queryable, job: ClaimedJob, text: string, engine: string): Promise<boolean> {
  const hash = job.unitHash!;
  const stored = await storeCueTranslationTx(tx, { hash, source: job.source, target: job.target, text, engine });
  await tx.query(
    `UPDATE translation_jobs SET status='done', lease=NULL, locked_until=NULL, last_error=NULL, engine=$2, updated_at=now()
     WHERE id=$1`,
    [job.id, engine],
  );
  if (!stored) return false;
  let changed = false;
  for (const materialId of await materialsWithUnit(tx, hash))
    changed = (await takeMachineTracksTx(tx, materialId, [job.target])).changed || changed;
  return changed;
}

/**
 * A failed attempt: due again after `retryInMs`, or `failed` for good when it
 * may not be retried or has had MAX_ATTEMPTS. `reason` must not hold the text.
 */
export async function failJob(
  db: Database,
  job: ClaimedJob,
  reason: string,
  retry: { retryable: boolean; retryInMs: number; countsAsAttempt?: boolean },
  usage?: Usage,
): Promise<JobStatus | null> {
  // A provider's exhausted quota is no fault of the job: it waits without using up its attempts.
  const counts = retry.countsAsAttempt ?? true;
  const final = !retry.retryable || (counts && job.attempts >= MAX_ATTEMPTS);
  return writeTransaction(db, async (tx) => {
    // What this attempt sent before it failed is billed: counted with the failure, in its transaction.
    if (usage) await recordUsageTx(tx, usage);
    return failJobTx(tx, job, reason, final, counts, retry.retryInMs);
  });
}

async function failJobTx(
  db: Queryable,
  job: ClaimedJob,
  reason: string,
  final: boolean,
  counts: boolean,
  retryInMs: number,
): Promise<JobStatus | null> {
  const [row] = await db.query<{ status: JobStatus }>(
    `UPDATE translation_jobs SET status=$3, lease=NULL, locked_until=NULL, last_error=$4,
       next_attempt_at=now() + ($5::int * interval '1 millisecond'), updated_at=now(),
       attempts = attempts - $6::int
     WHERE id=$1 AND lease=$2 AND status='running' RETURNING status`,
    [
      job.id,
      job.lease,
      final ? 'failed' : 'queued',
      reason.slice(0, 500),
      Math.max(0, Math.round(retryInMs)),
      counts ? 0 : 1,
    ],
  );
  return row?.status ?? null;
}

/** Failed jobs back in the queue (the secretariat fixed the provider's key, say). */
export async function requeueFailed(db: Database): Promise<number> {
  const rows = await db.query(
    `UPDATE translation_jobs SET status='queued', attempts=0, next_attempt_at=now(), updated_at=now()
     WHERE status='failed' RETURNING id`,
  );
  return rows.length;
}

export async function jobCounts(db: Queryable): Promise<Record<JobStatus, number>> {
  const rows = await db.query<{ status: JobStatus; n: string | number }>(
    'SELECT status, COUNT(*) AS n FROM translation_jobs GROUP BY status',
  );
  const counts: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, failed: 0, superseded: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}

export async function listJobs(
  db: Queryable,
  filter: { status?: JobStatus; contributionId?: string; limit?: number } = {},
): Promise<JobRow[]> {
  const rows = await db.query<Record<string, unknown>>(
    `SELECT id, COALESCE(contribution_id, 'unit:' || unit_hash) AS contribution_id, source_version, target_language,
       status, attempts, last_error, engine, updated_at
     FROM translation_jobs WHERE ($1::text IS NULL OR status=$1) AND ($2::text IS NULL OR contribution_id=$2)
     ORDER BY id LIMIT $3`,
    [filter.status ?? null, filter.contributionId ?? null, filter.limit ?? 1000],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    contributionId: String(r.contribution_id),
    sourceVersion: Number(r.source_version),
    target: r.target_language as Lang,
    status: r.status as JobStatus,
    attempts: Number(r.attempts),
    lastError: (r.last_error as string | null) ?? null,
    engine: (r.engine as string | null) ?? null,
    updatedAt: new Date(r.updated_at as string).toISOString(),
  }));
}
