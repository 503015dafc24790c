import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { upsertParticipant } from '../../server/auth/tokens.js';
import { putContributionTx } from '../../server/contributions/contribution-store.js';
import { openPglite, openPostgres, type Database } from '../../server/db/database.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { startTranslationWorker } from '../../server/translate/translation-worker.js';
import type { Translator } from '../../server/translate/translator.js';
import type { Participant } from '../../shared/model/entities.js';
import type { BenchCase, BenchContext, Sample } from '../registry.js';

/** Contributions written in the app per repetition: nine jobs each. */
const CONTRIBUTIONS = 60;
const JOBS = CONTRIBUTIONS * 9;
/** What a provider's answer costs here: none, so the figure is the queue's own (claim, store, announce). */
const fakeTranslator: Translator = {
  engine: 'bench',
  maxChars: 5_000,
  translate: async (req) => `[${req.target}] ${req.text}`,
};

const TEXT =
  'Les États devraient exercer une diligence raisonnable à l’égard des infrastructures critiques situées sur leur territoire.\n\n' +
  'Cette obligation de comportement ne saurait devenir une obligation de résultat.';

async function freshPostgres(ctx: BenchContext): Promise<string> {
  const url = await ctx.postgresUrl();
  const name = `queue_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

async function seed(db: Database): Promise<Participant> {
  await importLines(db, [
    JSON.stringify({ type: 'theme', id: 't', track: 'legal', code: 'I', order: 1, title: { fr: 'T' } }),
    JSON.stringify({ type: 'question', id: 'q', track: 'legal', theme: 'I', code: '1', order: 1, title: { fr: 'Q' } }),
  ]);
  return upsertParticipant(db, { id: 'delegate', name: 'Délégué', roles: ['delegate'], language: 'fr' });
}

/** Queues CONTRIBUTIONS new contributions, then times workers until every job is done. */
async function drain(dbs: Database[], author: Participant): Promise<number> {
  for (let i = 0; i < CONTRIBUTIONS; i++) {
    await dbs[0]!.transaction((tx) =>
      putContributionTx(
        tx,
        author,
        { id: `c-${crypto.randomUUID()}`, questionId: 'q', language: 'fr', text: `${TEXT} (${i})` },
        null,
      ),
    );
  }
  const done = async () =>
    Number(
      (
        await dbs[0]!.query<{ n: number }>(
          `SELECT COUNT(*)::int AS n FROM translation_jobs WHERE status IN ('queued', 'running')`,
        )
      )[0]!.n,
    ) === 0;
  const t0 = performance.now();
  const workers = dbs.map((db) =>
    startTranslationWorker({ db, translator: fakeTranslator, pollMs: 5, concurrency: 4 }),
  );
  try {
    while (!(await done())) await new Promise((resolve) => setTimeout(resolve, 5));
    return (performance.now() - t0) / 1000;
  } finally {
    for (const worker of workers) await worker.stop();
  }
}

/**
 * Issue 6's figure: jobs per second through the translation queue with a
 * provider that answers at once, on PGlite (one instance, the embedded
 * database is single-process) and on PostgreSQL with one and with two server
 * instances sharing the database (claims with SKIP LOCKED).
 */
export const translationQueue: BenchCase = {
  id: 'translation-queue',
  backends: [],
  rows: [
    {
      id: 'queue.pglite',
      label: `Translation queue, ${JOBS} jobs`,
      setting: 'PGlite, one instance, instant fake provider',
      unit: 's',
      note: (row) => `${Math.round(JOBS / row.value).toLocaleString('en')} jobs/s`,
    },
    {
      id: 'queue.postgres',
      label: `Translation queue, ${JOBS} jobs`,
      setting: 'PostgreSQL, one instance',
      unit: 's',
      baseline: { id: 'queue.pglite', name: 'PGlite' },
      note: (row) => `${Math.round(JOBS / row.value).toLocaleString('en')} jobs/s`,
    },
    {
      id: 'queue.postgres2',
      label: `Translation queue, ${JOBS} jobs`,
      setting: 'PostgreSQL, two instances',
      unit: 's',
      baseline: { id: 'queue.postgres', name: 'one instance' },
      note: (row) => `${Math.round(JOBS / row.value).toLocaleString('en')} jobs/s`,
    },
  ],
  async run(ctx) {
    const samples: Record<string, Sample> = {};
    const lite = await openPglite(undefined);
    try {
      samples['queue.pglite'] = { value: await drain([lite], await seed(lite)) };
    } finally {
      await lite.close();
    }
    for (const [id, instances] of [
      ['queue.postgres', 1],
      ['queue.postgres2', 2],
    ] as const) {
      const url = await freshPostgres(ctx);
      const dbs = await Promise.all(Array.from({ length: instances }, () => openPostgres(url)));
      try {
        samples[id] = { value: await drain(dbs, await seed(dbs[0]!)) };
      } finally {
        for (const db of dbs) await db.close();
      }
    }
    return samples;
  },
};
