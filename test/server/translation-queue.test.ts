import { beforeAll, describe, expect, inject, it } from 'vitest';
import { LANGUAGES, type Lang } from '../../shared/languages.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { openPostgres, type Database } from '../../server/db/database.js';
import { claimJobs, completeJob, enqueueTranslationsTx, MAX_ATTEMPTS } from '../../server/translate/job-queue.js';
import { startTranslationWorker } from '../../server/translate/translation-worker.js';
import { createLibreTranslateTranslator } from '../../server/translate/adapters/libretranslate.js';
import { TranslatorError, type TranslationRequest, type Translator } from '../../server/translate/translator.js';
import {
  freshDatabase,
  freshPostgresUrl,
  pullChanges,
  pushMutations,
  startTestServer,
  type Backend,
} from '../support/server-harness.js';
import { startFakeLibreTranslate } from '../support/fake-translators.js';
import { contributionPut, KOREAN } from './contribution-fixtures.js';
import { PUSH_CORPUS } from './push-fixtures.js';

/** An in-process provider that records each call and can be told to fail. */
function recordingTranslator(
  engine = 'fake',
  failWith: (req: TranslationRequest, n: number) => Error | null = () => null,
) {
  const calls: { id: string; target: Lang; text: string }[] = [];
  let n = 0;
  const translator: Translator = {
    engine,
    maxChars: 5_000,
    async translate(req) {
      const error = failWith(req, ++n);
      if (error) throw error;
      calls.push({ id: '', target: req.target, text: req.text });
      await new Promise((resolve) => setTimeout(resolve, 1));
      return `[${req.target}] ${req.text}`;
    },
  };
  return { translator, calls };
}

const statuses = (db: Database, id: string) =>
  db.query<{ target_language: string; status: string; attempts: number; last_error: string | null }>(
    'SELECT target_language, status, attempts, last_error FROM translation_jobs WHERE contribution_id=$1 ORDER BY target_language',
    [id],
  );

async function until<T>(what: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const idOf = (m: ReturnType<typeof contributionPut>) => (m.kind === 'contribution-put' ? m.contribution.id : '');

describe.each<Backend>(['pglite', 'postgres'])('translation queue on %s', (backend) => {
  it('translates a new contribution into the nine other languages through the LibreTranslate adapter; others pull them', async () => {
    const provider = await startFakeLibreTranslate();
    const server = await startTestServer(backend, inject('pgUrl'), {
      translator: createLibreTranslateTranslator({ url: provider.url }),
      translationQueue: { pollMs: 50 },
    });
    try {
      await importLines(server.db, PUSH_CORPUS);
      const author = await server.signIn({ id: 'del', name: 'Delegate', roles: ['delegate'] });
      const put = contributionPut();
      await pushMutations(author, [put]);
      const id = idOf(put);
      const jobs = await until(
        () => statuses(server.db, id),
        (rows) => rows.every((r) => r.status === 'done'),
      );
      expect(jobs).toHaveLength(9);
      expect(
        provider.requests
          .filter((r) => r.source === 'ko')
          .map((r) => r.target)
          .sort(),
      ).toEqual(
        LANGUAGES.filter((l) => l !== 'ko')
          .map((l) => l)
          .sort(),
      );
      const { changes } = await pullChanges(server);
      const latest = changes.filter((c) => c.kind === 'contribution' && c.record.id === id).at(-1);
      const versions = latest?.kind === 'contribution' ? latest.record.versions : [];
      expect(versions).toHaveLength(10);
      const en = versions.find((v) => v.language === 'en');
      expect(en).toMatchObject({ origin: 'machine', engine: 'libretranslate', sourceVersion: 1 });
      // The fake marks what it translated; the paragraphs come back as two.
      expect(en!.text.startsWith('[en] ')).toBe(true);
      expect(en!.text.split('\n\n')).toHaveLength(2);
    } finally {
      await server.close();
      await provider.close();
    }
  });

  it('retries after failures with backoff, honours Retry-After, and ends in a visible failed state after the limit', async () => {
    const failing = new Set<Lang>(['de']);
    let enAttempts = 0;
    let itAttempts = 0;
    const { translator } = recordingTranslator('fake', (req) => {
      if (failing.has(req.target))
        return new TranslatorError('unavailable', 'provider unavailable (HTTP 503)', { engine: 'fake', status: 503 });
      if (req.target === 'en' && ++enAttempts <= 2)
        return new TranslatorError('rate-limited', 'too many requests (HTTP 429)', {
          engine: 'fake',
          status: 429,
          retryAfterMs: enAttempts === 1 ? 300 : 0,
        });
      if (req.target === 'ru')
        return new TranslatorError('unsupported', 'language pair not supported', { engine: 'fake' });
      // The month's quota, used up for longer than a job has attempts: the job waits, it does not fail.
      if (req.target === 'it' && ++itAttempts <= MAX_ATTEMPTS + 2)
        return new TranslatorError('quota', 'quota exceeded (HTTP 456)', { engine: 'fake', status: 456 });
      return null;
    });
    const server = await startTestServer(backend, inject('pgUrl'), {
      translator,
      translationQueue: { pollMs: 20, backoff: () => 5, quotaWaitMs: 5 },
    });
    const db = server.db;
    try {
      await importLines(db, PUSH_CORPUS);
      const author = await server.signIn({ id: 'del', name: 'Delegate', roles: ['delegate'] });
      const put = contributionPut();
      const id = idOf(put);
      await pushMutations(author, [put]);
      const started = Date.now();
      const rows = await until(
        () => statuses(db, id),
        (r) => r.every((j) => j.status === 'done' || j.status === 'failed'),
      );
      const by = new Map(rows.map((r) => [r.target_language, r]));
      expect(by.get('de')).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS });
      expect(by.get('de')!.last_error).toMatch(/HTTP 503/);
      expect(by.get('ru')).toMatchObject({ status: 'failed', attempts: 1 });
      expect(by.get('en')).toMatchObject({ status: 'done', attempts: 3 });
      expect(by.get('it')).toMatchObject({ status: 'done', attempts: 1 });
      // The first 429 asked for 300 ms: the job could not be done sooner.
      expect(Date.now() - started).toBeGreaterThanOrEqual(300);
      // The secretariat sees the failed ones with their reason, and may put them back in the queue.
      const secretariat = await server.signIn({ id: 'sec', name: 'Secretariat', roles: ['secretariat'] });
      expect((await author.get('/api/translation-jobs')).status).toBe(403);
      const listed = (await (await secretariat.get('/api/translation-jobs?status=failed')).json()) as {
        counts: Record<string, number>;
        jobs: { target: string; lastError: string }[];
      };
      expect(listed.jobs.map((j) => j.target).sort()).toEqual(['de', 'ru']);
      expect(listed.counts).toMatchObject({ done: 7, failed: 2 });
      failing.clear();
      expect(await (await secretariat.post('/api/translation-jobs/retry-failed', {})).json()).toEqual({ requeued: 2 });
      await until(
        () => statuses(db, id),
        (r) => r.find((j) => j.target_language === 'de')?.status === 'done',
      );
      // No text in the recorded reasons.
      expect(rows.some((r) => r.last_error?.includes('국가'))).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('a job whose worker died is taken again when its lease runs out; the dead lease cannot write', async () => {
    const db = await freshDatabase(backend, inject('pgUrl'));
    try {
      await importLines(db, PUSH_CORPUS);
      await db.transaction((tx) => enqueueTranslationsTx(tx, 'c1', 1, 'en'));
      // A worker claims everything with a short lease, then "crashes" (never completes).
      const dead = await claimJobs(db, 100, 200);
      expect(dead).toHaveLength(9);
      expect(await claimJobs(db, 100, 60_000)).toEqual([]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      // After the restart, a new worker takes them all again, each once.
      const { translator, calls } = recordingTranslator();
      const worker = startTranslationWorker({ db, translator, pollMs: 20 });
      await until(
        () => db.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM translation_jobs WHERE status='done'`),
        ([row]) => row!.n === 9,
      );
      await worker.stop();
      expect(calls.map((c) => c.target).sort()).toEqual(LANGUAGES.filter((l) => l !== 'en').sort());
      expect(await completeJob(db, dead[0]!, 'late answer of a dead worker', 'fake')).toBe(false);
      const [fr] = await db.query<{ text: string }>(
        `SELECT text FROM text_versions WHERE contribution_id='c1' AND language='fr'`,
      );
      expect(fr!.text).not.toBe('late answer of a dead worker');
      // Queuing the same version again creates nothing: the same text is never translated twice.
      await db.transaction((tx) => enqueueTranslationsTx(tx, 'c1', 1, 'en'));
      const [count] = await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM translation_jobs');
      expect(count!.n).toBe(9);
    } finally {
      await db.close();
    }
  });
});

describe('two server instances on one PostgreSQL', () => {
  let url: string;
  beforeAll(async () => {
    url = await freshPostgresUrl(inject('pgUrl'));
  });

  it('never translate the same job twice, and together translate them all', async () => {
    const [dbA, dbB] = [await openPostgres(url), await openPostgres(url)];
    await importLines(dbA, PUSH_CORPUS);
    const ids: string[] = [];
    await dbA.transaction(async (tx) => {
      await tx.query(`INSERT INTO participants (id, name, roles, language) VALUES ('del', 'D', '{delegate}', 'en')`);
    });
    const { putContributionTx } = await import('../../server/contributions/contribution-store.js');
    for (let i = 0; i < 30; i++) {
      const put = contributionPut({ text: `${KOREAN} ${i}` });
      ids.push(idOf(put));
      await dbA.transaction((tx) =>
        putContributionTx(
          tx,
          { id: 'del' as never, name: 'D', roles: ['delegate'], language: 'en' },
          (put as Extract<typeof put, { kind: 'contribution-put' }>).contribution,
          null,
        ),
      );
    }
    const a = recordingTranslator('a');
    const b = recordingTranslator('b');
    const workers = [
      startTranslationWorker({ db: dbA, translator: a.translator, pollMs: 10, concurrency: 3 }),
      startTranslationWorker({ db: dbB, translator: b.translator, pollMs: 10, concurrency: 3 }),
    ];
    try {
      await until(
        () => dbA.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM translation_jobs WHERE status='done'`),
        ([row]) => row!.n === 30 * 9,
        60_000,
      );
      const all = [...a.calls, ...b.calls].map((c) => `${c.text}→${c.target}`);
      expect(all).toHaveLength(30 * 9);
      expect(new Set(all).size).toBe(all.length);
      const engines = await dbA.query<{ engine: string; n: number }>(
        `SELECT engine, COUNT(*)::int AS n FROM text_versions WHERE origin='machine' GROUP BY engine ORDER BY engine`,
      );
      expect(engines.reduce((sum, e) => sum + e.n, 0)).toBe(30 * 9 + 1);
    } finally {
      for (const w of workers) await w.stop();
      await dbA.close();
      await dbB.close();
    }
  });
});
