import { beforeAll, describe, expect, inject, it } from 'vitest';
import { importLines } from '../../server/import/import-jsonl.js';
import { openPostgres, type Database } from '../../server/db/database.js';
import { startTranslationWorker } from '../../server/translate/translation-worker.js';
import { createLibreTranslateTranslator } from '../../server/translate/adapters/libretranslate.js';
import { costReport, setBudgetTx, setPriceTx } from '../../server/translate/translation-costs.js';
import { putContributionTx } from '../../server/contributions/contribution-store.js';
import { freshPostgresUrl, pushMutations, runAdmin, startTestServer } from '../support/server-harness.js';
import { startFakeLibreTranslate, type ReceivedRequest } from '../support/fake-translators.js';
import { contributionPut } from './contribution-fixtures.js';
import { PUSH_CORPUS } from './push-fixtures.js';

/**
 * Issue 23, part 2: every character sent to a provider is counted, per
 * provider, pair, kind of text and day, with the job's result; the budget
 * stops new jobs (they wait) and raising it lets them go on. The fake
 * provider records each request it received: the counts must equal what it
 * read, character for character (code points, as providers bill).
 */

// Paragraphs of mixed scripts, astral characters included (one character each, two UTF-16 units).
const PARAGRAPH = 'Les États 𠀀𠀁 doivent exercer une diligence raisonnable. 国家应当尽职调查 🙂. ';
const LONG = Array.from({ length: 12 }, (_, i) => `${i}. ${PARAGRAPH.repeat(3)}`.trim()).join('\n\n');

const received = (requests: ReceivedRequest[]) => {
  const by = new Map<string, { chars: number; requests: number }>();
  for (const r of requests) {
    const key = `${r.source}→${r.target}`;
    const entry = by.get(key) ?? { chars: 0, requests: 0 };
    entry.chars += r.texts.reduce((n, t) => n + [...t].length, 0);
    entry.requests += 1;
    by.set(key, entry);
  }
  return by;
};

const usage = async (db: Database) => {
  const rows = await db.query<{ pair: string; kind: string; provider: string; chars: string; requests: string }>(
    `SELECT source_language || '→' || target_language AS pair, kind, provider, SUM(chars) AS chars, SUM(requests) AS requests
     FROM translation_usage GROUP BY 1, 2, 3`,
  );
  return new Map(rows.map((r) => [r.pair, { chars: Number(r.chars), requests: Number(r.requests) }]));
};

async function until<T>(what: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await what();
    if (ok(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const jobs = (db: Database) =>
  db.query<{ status: string; n: number }>(`SELECT status, COUNT(*)::int AS n FROM translation_jobs GROUP BY status`);
const done = (rows: { status: string; n: number }[]) => rows.find((r) => r.status === 'done')?.n ?? 0;

describe('translation costs', () => {
  it('counts exactly what the provider received, through splits of a long text and retries', async () => {
    // A provider limit far below the text: each job is several requests; the first three requests fail.
    const provider = await startFakeLibreTranslate({
      charLimit: 400,
      failures: [{ status: 503 }, { status: 500 }, { status: 429, headers: { 'retry-after': '0' } }],
    });
    const server = await startTestServer('pglite', inject('pgUrl'), {
      translator: createLibreTranslateTranslator({ url: provider.url, maxChars: 400 }),
      translationQueue: { pollMs: 20, backoff: () => 5 },
      costs: { pricePerMillion: { libretranslate: 10 }, budget: null },
    });
    try {
      await importLines(server.db, PUSH_CORPUS);
      const author = await server.signIn({ id: 'del', name: 'Delegate', roles: ['delegate'] });
      await pushMutations(author, [contributionPut({ language: 'fr', text: LONG })]);
      await until(
        () => jobs(server.db),
        (rows) => done(rows) === 9,
      );
      const expected = received(provider.requests);
      // Splits happened, and retries sent texts again.
      expect(provider.requests.length).toBeGreaterThan(9 * 3);
      expect(await usage(server.db)).toEqual(expected);
      const total = [...expected.values()].reduce((n, e) => n + e.chars, 0);
      const secretariat = await server.signIn({ id: 'sec', name: 'Sec', roles: ['secretariat'] });
      const report = (await (await secretariat.get('/api/translations/cost')).json()) as Awaited<
        ReturnType<typeof costReport>
      >;
      expect(report.total.chars).toBe(total);
      expect(report.rows.every((r) => r.kind === 'contribution' && r.provider === 'libretranslate')).toBe(true);
      expect(report.total.cost).toBeCloseTo((total * 10) / 1_000_000, 4);
      expect(report.budget.state).toBe('none');
      console.log(
        `costs: ${provider.requests.length} requests, ${total} characters counted = received (LONG is ${[...LONG].length} characters × 9 targets + retries)`,
      );
      expect((await author.get('/api/translations/cost')).status).toBe(403);
    } finally {
      await server.close();
      await provider.close();
    }
  });

  it('two instances on one PostgreSQL add up to exactly what the provider received', async () => {
    const url = await freshPostgresUrl(inject('pgUrl'));
    const [dbA, dbB] = [await openPostgres(url), await openPostgres(url)];
    const provider = await startFakeLibreTranslate({ charLimit: 300 });
    await importLines(dbA, PUSH_CORPUS);
    await dbA.query(`INSERT INTO participants (id, name, roles, language) VALUES ('del', 'D', '{delegate}', 'en')`);
    for (let i = 0; i < 12; i++) {
      // Cut by code points: half of a character would be refused.
      const put = contributionPut({ language: 'fr', text: `${i} ${[...LONG].slice(0, 200 + i * 37).join('')}` });
      if (put.kind !== 'contribution-put') throw new Error('not a contribution');
      const written = await dbA.transaction((tx) =>
        putContributionTx(
          tx,
          { id: 'del' as never, name: 'D', roles: ['delegate'], language: 'en' },
          put.contribution,
          null,
        ),
      );
      expect(written.result.status).toBe('applied');
    }
    const translator = () => createLibreTranslateTranslator({ url: provider.url, maxChars: 300 });
    const workers = [
      startTranslationWorker({ db: dbA, translator: translator(), pollMs: 10, concurrency: 3 }),
      startTranslationWorker({ db: dbB, translator: translator(), pollMs: 10, concurrency: 3 }),
    ];
    try {
      await until(
        () => jobs(dbA),
        (rows) => done(rows) === 12 * 9,
        60_000,
      );
      expect(await usage(dbB)).toEqual(received(provider.requests));
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await provider.close();
      await dbA.close();
      await dbB.close();
    }
  });

  describe('the budget', () => {
    let url: string;
    beforeAll(async () => {
      url = await freshPostgresUrl(inject('pgUrl'));
    });

    it('warns at 80 %, stops new jobs at 100 % (they wait, never fail) and resumes once raised', async () => {
      const provider = await startFakeLibreTranslate();
      const db = await openPostgres(url);
      const logs: string[] = [];
      await importLines(db, PUSH_CORPUS);
      await db.query(`INSERT INTO participants (id, name, roles, language) VALUES ('del', 'D', '{delegate}', 'en')`);
      const write = async (text: string) => {
        const put = contributionPut({ language: 'fr', text });
        if (put.kind !== 'contribution-put') throw new Error('not a contribution');
        const written = await db.transaction((tx) =>
          putContributionTx(
            tx,
            { id: 'del' as never, name: 'D', roles: ['delegate'], language: 'en' },
            put.contribution,
            null,
          ),
        );
        expect(written.result.status).toBe('applied');
      };
      // 1,000,000 per million: one character costs 1. The first text's nine jobs cost 9 × 100.
      await setPriceTx(db, 'libretranslate', 1_000_000);
      await setBudgetTx(db, 1000);
      const costs = { pricePerMillion: {}, budget: null };
      const worker = startTranslationWorker({
        db,
        translator: createLibreTranslateTranslator({ url: provider.url }),
        pollMs: 20,
        concurrency: 9,
        costs,
        log: (m) => logs.push(m),
      });
      try {
        await write('a'.repeat(100));
        await until(
          () => jobs(db),
          (rows) => done(rows) === 9,
        );
        expect((await costReport(db, costs)).budget).toMatchObject({ spent: 900, state: 'warning' });
        // 900 + 9 × 50 = 1350: all nine were claimed together before the budget was spent.
        await write('b'.repeat(50));
        await until(
          () => jobs(db),
          (rows) => done(rows) === 18,
        );
        expect((await costReport(db, costs)).budget.state).toBe('exhausted');
        await write('c'.repeat(60));
        await new Promise((resolve) => setTimeout(resolve, 400));
        const waiting = await jobs(db);
        expect(done(waiting)).toBe(18);
        expect(waiting.find((r) => r.status === 'queued')?.n).toBe(9);
        expect(waiting.find((r) => r.status === 'failed')).toBeUndefined();
        const sent = provider.requests.length;
        expect(logs.some((l) => l.includes('80 %'))).toBe(true);
        expect(logs.some((l) => l.includes('wait until it is raised'))).toBe(true);

        // Raised with the admin command, as the secretariat would: the queue resumes by itself.
        const out = await runAdmin(url, ['translations', 'budget', '2000']);
        expect(out.code).toBe(0);
        expect(out.stdout).toContain('budget: 2000.00, spent 1350.00 (68 %)');
        await until(
          () => jobs(db),
          (rows) => done(rows) === 27,
        );
        expect(provider.requests.length).toBe(sent + 9);
        const cost = await runAdmin(url, ['translations', 'cost', '--since', '2000-01-01']);
        expect(cost.stdout).toContain('libretranslate: 1,890 characters in 27 requests, cost 1890.00');
        expect(cost.stdout).toMatch(/\tlibretranslate\tfr→en\tcontribution\t210\t3\t210\.00/);
      } finally {
        await worker.stop();
        await provider.close();
        await db.close();
      }
    });
  });
});
