import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES, type Lang } from '../../../shared/languages.js';
import type { Contribution } from '../../../shared/model/entities.js';
import { freshDb } from '../fixtures.js';
import { contribution } from '../sync/fake-change-server.js';
import { oracleText, RECALL_QUERIES, type RecallQuery } from '../../shared/search/recall/queries.js';
import { searchWorld } from './search-fixtures.js';

/**
 * Issue 16: recall and precision of search in each of the ten languages, on
 * real texts (the Universal Declaration of Human Rights and the demo corpus),
 * through the whole path (pull, index, search, passages). Each paragraph is a
 * contribution of its own with one version, and each query is asked of its
 * language only. Every text a query must find is found (recall 100 %, or the
 * test fails and names the misses); precision is printed per language.
 */

interface Doc {
  id: string;
  lang: Lang;
  text: string;
}

const ROOT = join(import.meta.dirname, '..', '..', '..');

function corpus(): Doc[] {
  const udhr = JSON.parse(
    readFileSync(join(ROOT, 'test', 'shared', 'search', 'recall', 'udhr.json'), 'utf8'),
  ) as Record<Lang, Record<string, string>>;
  const docs: Doc[] = [];
  for (const lang of LANGUAGES)
    for (const [key, text] of Object.entries(udhr[lang])) docs.push({ id: `${lang}-udhr-${key}`, lang, text });
  const lines = readFileSync(join(ROOT, 'assets', 'demo', 'corpus.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean);
  for (const line of lines) {
    const record = JSON.parse(line) as {
      type: string;
      id?: string;
      contributionId?: string;
      language: Lang;
      text: string;
    };
    if (record.type !== 'contribution' && record.type !== 'translation') continue;
    docs.push({
      id: `${record.language}-demo-${record.id ?? record.contributionId}`,
      lang: record.language,
      text: record.text,
    });
  }
  return docs;
}

function asContribution(doc: Doc): Contribution {
  return {
    ...contribution(doc.id, 'legal-I-i', doc.text, { language: doc.lang }),
    versions: [{ language: doc.lang, text: doc.text, origin: 'original', engine: null, sourceVersion: 1 }],
  };
}

const docs = corpus();
let world: ReturnType<typeof searchWorld>;

beforeAll(async () => {
  world = searchWorld(
    freshDb(),
    docs.map((doc) => ({ kind: 'contribution' as const, record: asContribution(doc) })),
  );
  await world.pull(200);
  await world.service.flush();
}, 120_000);

afterAll(() => world.stop());

interface Outcome {
  query: RecallQuery;
  missed: string[];
  wrong: string[];
  relevantFound: number;
  found: number;
}

async function ask(lang: Lang, query: RecallQuery): Promise<Outcome> {
  const mine = docs.filter((doc) => doc.lang === lang);
  const must = new Set(mine.filter((doc) => query.must.test(oracleText(doc.text))).map((doc) => doc.id));
  const fine = new Set(mine.filter((doc) => query.ok?.test(oracleText(doc.text))).map((doc) => doc.id));
  const response = await world.service.search({
    query: query.query,
    filters: { matchedLanguage: lang },
    uiLang: lang,
    limit: 500,
  });
  const found = response.groups.map((group) => group.contributionId as string);
  return {
    query,
    missed: [...must].filter((id) => !found.includes(id)),
    wrong: found.filter((id) => !must.has(id) && !fine.has(id)),
    relevantFound: found.filter((id) => must.has(id) || fine.has(id)).length,
    found: found.length,
  };
}

const report: string[] = [];

afterAll(() => {
  console.info(['search recall and precision per language (issue 16):', ...report].join('\n'));
});

describe('search recall and precision on real texts, per language', () => {
  for (const lang of LANGUAGES) {
    it(`${lang}: every query finds every text that holds its word`, async () => {
      const queries = RECALL_QUERIES[lang];
      expect(queries.length).toBeGreaterThanOrEqual(20);
      const outcomes: Outcome[] = [];
      for (const query of queries) outcomes.push(await ask(lang, query));
      // A query whose word is in no text would prove nothing.
      for (const outcome of outcomes)
        expect(
          outcome.missed.length + outcome.relevantFound,
          `${outcome.query.query}: no text holds it`,
        ).toBeGreaterThan(0);
      const required = outcomes.reduce((sum, o) => sum + o.missed.length + o.relevantFound, 0);
      const missed = outcomes.reduce((sum, o) => sum + o.missed.length, 0);
      const found = outcomes.reduce((sum, o) => sum + o.found, 0);
      const right = outcomes.reduce((sum, o) => sum + o.relevantFound, 0);
      const recall = 1 - missed / Math.max(1, required);
      const precision = found === 0 ? 1 : right / found;
      const wrong = outcomes
        .filter((o) => o.wrong.length > 0)
        .map((o) => `${o.query.query.trim()} (${o.wrong.length})`);
      report.push(
        `${lang}: ${queries.length} queries, recall ${(recall * 100).toFixed(1)} %, precision ${(precision * 100).toFixed(1)} %` +
          (wrong.length ? `; wrong finds: ${wrong.join(', ')}` : ''),
      );
      const misses = outcomes
        .filter((o) => o.missed.length > 0)
        .map((o) => `${o.query.query.trim()} [${o.query.kind}] missed ${o.missed.join(' ')}`);
      if (misses.length) report.push(...misses.map((miss) => `  ${miss}`));
      expect(misses).toEqual([]);
    });
  }
});
