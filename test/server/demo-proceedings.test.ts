import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ProceedingsInput } from '../../shared/export/proceedings/input.js';
import { DEMO_PARTICIPANT } from '../../server/auth/tokens.js';
import { DEMO_PROCEEDINGS_EVENT, seedDemoProceedings } from '../../server/demo/demo-proceedings.js';
import { pullChanges, startTestServer } from '../support/server-harness.js';
import { strFromU8, unzipSync } from 'fflate';
import { LANGUAGES } from '../../shared/languages.js';
import type { Proceedings } from '../../shared/model/proceedings.js';
import { EDITION_FORMATS } from '../../shared/protocol/proceedings.js';
import { citationsIn } from '../../shared/synthesis/citation.js';
import { hashText } from '../../shared/anchoring/hash-text.js';
import type { Translator } from '../../server/translate/translator.js';

/**
 * The demo (`npm start`) reaches a published edition: its post-conference seminar has
 * syntheses of two questions, reviewed and published by the demo
 * secretariat, which the demo user, one of its rapporteurs, can open and
 * export; a second start writes nothing more.
 */
describe.each(['pglite', 'postgres'] as const)('the demo proceedings on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let demo: Awaited<ReturnType<Awaited<ReturnType<typeof startTestServer>>['signIn']>>;

  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'), { translator: null, demo: true });
    demo = await server.signIn({ ...DEMO_PARTICIPANT, events: [] });
  });
  afterAll(() => server?.close());

  it('holds a published first edition of the seminar with its syntheses and review trail', async () => {
    const { changes } = await pullChanges(demo);
    const record = changes.filter((c) => c.kind === 'proceedings').at(-1);
    if (record?.kind !== 'proceedings') throw new Error('no proceedings in the demo');
    expect(record.record.eventId).toBe(DEMO_PROCEEDINGS_EVENT);
    expect(record.record.state).toBe('published');
    expect(record.record.editions.map((e) => e.number)).toEqual([1]);
    expect(record.record.trail.length).toBeGreaterThanOrEqual(5);

    const res = await demo.get(`/api/events/${DEMO_PROCEEDINGS_EVENT}/proceedings/editions/1`);
    expect(res.status).toBe(200);
    const { input } = (await res.json()) as { input: ProceedingsInput };
    const syntheses = input.days.flatMap((d) => d.sessions.flatMap((s) => s.questions.flatMap((q) => q.syntheses)));
    expect(syntheses).toHaveLength(2);
    expect(JSON.stringify(syntheses[0]!.doc)).toContain('responsibility for digital security is shared');
    const pdf = await demo.get(`/api/events/${DEMO_PROCEEDINGS_EVENT}/proceedings/editions/1/export/pdf`);
    expect(pdf.status).toBe(200);
  });

  it('writes nothing at a second start', async () => {
    expect(await seedDemoProceedings(server.db, DEMO_PARTICIPANT)).toBe(0);
    const [row] = await server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM proceedings_editions WHERE event_id = $1',
      [DEMO_PROCEEDINGS_EVENT],
    );
    expect(Number(row!.n)).toBe(1);
  });
});

/**
 * The "done when": with a translation provider (here the instant
 * fake), the demo event's published edition exists in the ten languages and
 * exports to the four formats in each, every quote carrying its source
 * (contribution, version, text hash) and linked to it in the site of every
 * language, the review trail kept.
 */
describe('the demo edition in ten languages and four formats', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let demo: Awaited<ReturnType<Awaited<ReturnType<typeof startTestServer>>['signIn']>>;
  const instant: Translator = { engine: 'fake', maxChars: 5_000, translate: async (r) => `[${r.target}] ${r.text}` };

  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), {
      translator: instant,
      demo: true,
      translationQueue: { pollMs: 20, concurrency: 4 },
    });
    demo = await server.signIn({ ...DEMO_PARTICIPANT, events: [] });
  });
  afterAll(() => server?.close());

  it('is translated into every language, exports every format in each, and every quote is traceable', async () => {
    const end = Date.now() + 60_000;
    let record: Proceedings | undefined;
    for (;;) {
      const { changes } = await pullChanges(demo);
      const last = changes.filter((c) => c.kind === 'proceedings').at(-1);
      record = last?.kind === 'proceedings' ? last.record : undefined;
      if (record?.editions[0]?.languages.length === 10 || Date.now() > end) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(record!.editions[0]!.languages).toEqual([...LANGUAGES]);
    expect(record!.trail.map((m) => m.to)).toContain('published');

    const base = `/api/events/${DEMO_PROCEEDINGS_EVENT}/proceedings/editions/1`;
    const english = ((await (await demo.get(base)).json()) as { input: ProceedingsInput }).input;
    const quotes = (input: ProceedingsInput) =>
      input.days.flatMap((d) =>
        d.sessions.flatMap((s) => s.questions.flatMap((q) => q.syntheses.flatMap((t) => citationsIn(t.doc)))),
      );
    const sources = quotes(english);
    expect(sources).toHaveLength(2);
    for (const quote of sources) {
      expect(quote.contributionId).toMatch(/^demo-c-/);
      expect(quote.textHash).not.toBe('');
      expect(quote.sourceVersion).toBeGreaterThanOrEqual(1);
    }
    const site = unzipSync(new Uint8Array(await (await demo.get(`${base}/export/site`)).arrayBuffer()));
    const fromVersions: string[] = [];
    for (const lang of LANGUAGES) {
      const input = ((await (await demo.get(`${base}?lang=${lang}`)).json()) as { input: ProceedingsInput }).input;
      // The same quotes of the same sources in every language, each saying where its words come from: the
      // quoted version, or the contribution's own version in this language when the quote was found in it.
      const found = quotes(input);
      expect(
        found.map((q) => q.contributionId),
        lang,
      ).toEqual(sources.map((q) => q.contributionId));
      for (const [k, quote] of found.entries()) {
        if (quote.textHash === sources[k]!.textHash) {
          expect(quote.sourceVersion, lang).toBe(sources[k]!.sourceVersion);
          continue;
        }
        const [version] = await server.db.query<{ text: string; origin: string; source_version: number }>(
          'SELECT text, origin, source_version FROM text_versions WHERE contribution_id = $1 AND language = $2',
          [quote.contributionId, lang],
        );
        expect([quote.language, quote.textHash, quote.origin, quote.sourceVersion], lang).toEqual([
          lang,
          hashText(version!.text),
          version!.origin,
          Number(version!.source_version),
        ]);
        fromVersions.push(`${lang}:${quote.contributionId}:${quote.origin}`);
      }
      const pages = Object.entries(site)
        .filter(([path]) => path.split('/')[1] === lang && path.endsWith('.html'))
        .map(([, bytes]) => strFromU8(bytes))
        .join('\n');
      for (const quote of sources) expect(pages, `${lang} site`).toContain(quote.contributionId);
      for (const format of EDITION_FORMATS.filter((f) => f !== 'site')) {
        const res = await demo.get(`${base}/export/${format}?lang=${lang}`);
        expect(res.status, `${lang} ${format}`).toBe(200);
        expect((await res.arrayBuffer()).byteLength, `${lang} ${format}`).toBeGreaterThan(1_000);
      }
    }
    // The demo corpus has versions the quotes are found in: its edition shows the rule.
    expect(fromVersions.length).toBeGreaterThan(0);
  });
});
