import { randomUUID } from 'node:crypto';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import type { ProceedingsInput } from '../../shared/export/proceedings/input.js';
import type { Lang } from '../../shared/languages.js';
import type { Proceedings } from '../../shared/model/proceedings.js';
import { editionTranslationSchema, type EditionUnitView } from '../../shared/protocol/proceedings.js';
import { mutationSchema, type Mutation } from '../../shared/protocol/mutations.js';
import type { CitationAttrs } from '../../shared/synthesis/document.js';
import { writeTransaction } from '../../server/db/database.js';
import { publishEditionTx } from '../../server/proceedings/proceedings-store.js';
import type { Translator } from '../../server/translate/translator.js';
import { pullChanges, pushMutations, startTestServer } from '../support/server-harness.js';
import { b64, yDocOf } from '../support/synthesis-yjs.js';
import { FEB, twoEvents } from './event-fixtures.js';
import { until } from './proceedings-helpers.js';

/**
 * The human correction layer over a machine edition: a rapporteur or the
 * secretariat corrects a paragraph's machine translation, the edition in
 * that language uses it and says its section was corrected by a person, and
 * a later edition keeps the correction while the paragraph is unchanged.
 */
const m = (value: Record<string, unknown>): Mutation => mutationSchema.parse({ id: randomUUID(), ...value });

const quote: CitationAttrs = {
  citationId: 'cit-en',
  contributionId: 'c1',
  annotationId: null,
  authorName: 'A',
  authorKind: 'individual',
  language: 'en',
  origin: 'original',
  engine: null,
  originalLanguage: 'en',
  originalText: null,
  textHash: 'hash',
  sourceVersion: 1,
  questionCode: '1',
};

// What the machine writes before a unit; a re-translation below changes it.
let machineSays = '';
const translator: Translator = {
  engine: 'fake',
  maxChars: 5_000,
  translate: async (req) => `${machineSays}[${req.target}] ${req.text}`,
};

describe.each(['pglite', 'postgres'] as const)('corrections of a machine edition on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let people: Awaited<ReturnType<typeof twoEvents>>;
  let sam: Awaited<ReturnType<Awaited<ReturnType<typeof startTestServer>>['signIn']>>;
  const ydoc = yDocOf({
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Diligence raisonnable' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Les États doivent ' },
          { type: 'text', text: 'exercise due diligence', marks: [{ type: 'citation', attrs: quote }] },
          { type: 'text', text: ' en ligne.' },
        ],
      },
    ],
  });
  const publish = async () => {
    const secretariat = { id: 'sam', name: 'Sam', roles: ['secretariat'], language: 'fr' } as never;
    const published = await writeTransaction(server.db, (tx) => publishEditionTx(tx, secretariat, FEB));
    if (!('number' in published)) throw new Error(`not published: ${published.rejected}`);
    await until(
      async () => {
        const { changes } = await pullChanges(people.alice);
        const last = changes.filter((c) => c.kind === 'proceedings').at(-1);
        return last?.kind === 'proceedings' ? (last.record as Proceedings) : null;
      },
      (r) => r?.editions.find((e) => e.number === published.number)?.languages.length === 10,
    );
    return published.number;
  };
  const edit = async (at: number, insert: string) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(ydoc));
    const sv = Y.encodeStateVector(doc);
    ((doc.getXmlFragment('default').get(at) as Y.XmlElement).get(0) as Y.XmlText).insert(0, insert);
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(doc, sv));
    await pushMutations(people.alice, [
      m({ kind: 'synthesis-update', synthesisId: 'syn-feb', update: b64(Y.encodeStateAsUpdate(doc, sv)) }),
    ]);
  };
  const units = async (n: number, lang: Lang) => {
    const res = await people.alice.get(`/api/events/${FEB}/proceedings/editions/${n}/translations/${lang}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { units: EditionUnitView[] }).units;
  };
  const synthesisIn = async (n: number, lang: Lang) => {
    const res = await people.alice.get(`/api/events/${FEB}/proceedings/editions/${n}?lang=${lang}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { input: ProceedingsInput }).input.days[0]!.sessions[0]!.questions[0]!.syntheses[0]!;
  };
  const correct = (who: { token: string }, n: number, lang: string, hash: string, body: unknown) =>
    fetch(`${server.url}/api/events/${FEB}/proceedings/editions/${n}/translations/${lang}/${hash}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    machineSays = '';
    server = await startTestServer(backend, inject('pgUrl'), {
      translator,
      demo: false,
      translationQueue: { pollMs: 20, concurrency: 4 },
    });
    people = await twoEvents(server);
    sam = await server.signIn({ id: 'sam', name: 'Sam', roles: ['secretariat'], events: [FEB] });
    const results = await pushMutations(people.alice, [
      m({ kind: 'synthesis-update', synthesisId: 'syn-feb', update: b64(Y.encodeStateAsUpdate(ydoc)) }),
      m({ kind: 'proceedings-put', eventId: FEB, title: 'Actes', subtitle: '', publisher: '', language: 'fr' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
  });
  afterAll(() => server?.close());

  it('keeps a rapporteur’s correction, uses it in that language only, and says the section was reviewed', async () => {
    expect(await publish()).toBe(1);
    const paragraph = (await units(1, 'ar')).find((u) => u.source.includes('<x0>'))!;
    expect(paragraph).toMatchObject({ machine: '[ar] Les États doivent <x0>exercise due diligence</x0> en ligne.' });
    expect(paragraph.correction).toBeNull();

    const text = 'يجب على الدول <x0>بذل العناية الواجبة</x0> على الإنترنت.';
    const res = await correct(people.alice, 1, 'ar', paragraph.hash, { text });
    expect(res.status).toBe(200);
    const saved = ((await res.json()) as { unit: EditionUnitView }).unit;
    expect(saved.correction).toMatchObject({ text, authorId: 'alice', authorName: 'Alice' });
    expect(Date.parse(saved.correction!.correctedAt)).toBeGreaterThan(Date.now() - 60_000);

    const ar = await synthesisIn(1, 'ar');
    expect(ar.origin).toEqual({ kind: 'human-corrected', from: 'fr', engine: 'fake' });
    const arText = JSON.stringify(ar.doc);
    expect(arText).toContain('يجب على الدول ');
    expect(arText).toContain('"citationId":"cit-en"');
    expect(arText).not.toContain('[ar] Les États');
    // The other languages are still the machine's.
    expect((await synthesisIn(1, 'zh')).origin).toEqual({ kind: 'machine', from: 'fr', engine: 'fake' });
    // The export in that language uses the correction.
    const site = await people.alice.get(`/api/events/${FEB}/proceedings/editions/1/export/site`);
    const files = unzipSync(new Uint8Array(await site.arrayBuffer()));
    const arPages = Object.entries(files).filter(([path]) => path.split('/')[1] === 'ar');
    expect(arPages.some(([, bytes]) => strFromU8(bytes).includes('بذل العناية الواجبة'))).toBe(true);
  });

  it('refuses other members, other events, bad bodies, a lost quote tag, the original language', async () => {
    const paragraph = (await units(1, 'ko')).find((u) => u.source.includes('<x0>'))!;
    const good = { text: '<x0>exercise due diligence</x0> 한국어' };
    expect((await correct(people.bob, 1, 'ko', paragraph.hash, good)).status).toBe(403);
    expect((await correct(people.carol, 1, 'ko', paragraph.hash, good)).status).toBe(404);
    expect((await correct(people.alice, 1, 'ko', paragraph.hash, { text: '' })).status).toBe(400);
    expect((await correct(people.alice, 1, 'ko', paragraph.hash, { ...good, extra: 1 })).status).toBe(400);
    expect((await correct(people.alice, 1, 'ko', paragraph.hash, { text: '한국어 without the quote' })).status).toBe(
      400,
    );
    expect((await correct(people.alice, 1, 'ko', paragraph.hash, { text: '<x0>a</x0> <b>b</b>' })).status).toBe(400);
    expect((await correct(people.alice, 1, 'fr', paragraph.hash, good)).status).toBe(400);
    expect((await correct(people.alice, 1, 'xx', paragraph.hash, good)).status).toBe(400);
    expect((await correct(people.alice, 1, 'ko', 'f'.repeat(64), good)).status).toBe(404);
    expect((await correct(people.alice, 9, 'ko', paragraph.hash, good)).status).toBe(404);
    // Nothing was kept by the refused ones; the secretariat may correct.
    expect((await units(1, 'ko')).find((u) => u.hash === paragraph.hash)!.correction).toBeNull();
    expect((await correct(sam, 1, 'ko', paragraph.hash, good)).status).toBe(200);
    expect((await units(1, 'ko')).find((u) => u.hash === paragraph.hash)!.correction?.authorId).toBe('sam');
  });

  it('keeps the correction in a later edition while its paragraph is unchanged, not once it changed', async () => {
    await edit(0, 'La ');
    expect(await publish()).toBe(2);
    expect((await synthesisIn(2, 'ar')).origin.kind).toBe('human-corrected');
    expect(JSON.stringify((await synthesisIn(2, 'ar')).doc)).toContain('بذل العناية الواجبة');

    await edit(1, 'Tous ');
    expect(await publish()).toBe(3);
    const ar = await synthesisIn(3, 'ar');
    expect(ar.origin).toEqual({ kind: 'machine', from: 'fr', engine: 'fake' });
    expect(JSON.stringify(ar.doc)).toContain('[ar] Tous Les États doivent ');
    // The first edition is unchanged: its correction stands.
    expect((await synthesisIn(1, 'ar')).origin.kind).toBe('human-corrected');
  });

  it('takes a correction queued offline (the push), answers the unit, and a re-translation never erases it', async () => {
    const paragraph = (await units(3, 'de')).find((u) => u.source.includes('<x0>'))!;
    expect(paragraph.correction).toBeNull();
    const text = 'Alle Staaten müssen <x0>exercise due diligence</x0> online walten lassen.';
    const correction = (value: Record<string, unknown>) =>
      m({ kind: 'edition-correct', eventId: FEB, number: 3, lang: 'de', hash: paragraph.hash, text, ...value });
    // Refused as the route refuses: another member, a lost quote tag, the original language, no such unit.
    const refused = [
      ...(await pushMutations(people.bob, [correction({})])),
      ...(await pushMutations(people.carol, [correction({})])),
      ...(await pushMutations(people.alice, [
        correction({ text: 'Alle Staaten ohne Zitat.' }),
        correction({ lang: 'fr' }),
        correction({ hash: 'f'.repeat(64) }),
        correction({ number: 9 }),
      ])),
    ];
    expect(refused.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual([
      'forbidden',
      'not-found',
      'validation-failed',
      'validation-failed',
      'not-found',
      'not-found',
    ]);
    expect((await units(3, 'de')).find((u) => u.hash === paragraph.hash)!.correction).toBeNull();

    const [done] = await pushMutations(people.alice, [correction({})]);
    expect(done).toMatchObject({
      status: 'applied',
      record: { kind: 'edition-unit', eventId: FEB, lang: 'de', unit: { hash: paragraph.hash } },
    });
    expect(
      done!.status === 'applied' && done!.record.kind === 'edition-unit' && done!.record.unit.correction,
    ).toMatchObject({ text, authorId: 'alice', authorName: 'Alice' });
    expect((await synthesisIn(3, 'de')).origin.kind).toBe('human-corrected');

    // The machine translates that paragraph again (another engine run, other words): the correction stands.
    machineSays = 'v2 ';
    await writeTransaction(server.db, async (tx) => {
      await tx.query(`DELETE FROM proceedings_translations WHERE hash = $1 AND target_language = 'de'`, [
        paragraph.hash,
      ]);
      await tx.query(
        `UPDATE translation_jobs SET status = 'queued', attempts = 0, locked_until = NULL, lease = NULL
         WHERE kind = 'proceedings' AND unit_hash = $1 AND target_language = 'de'`,
        [paragraph.hash],
      );
    });
    const again = await until(
      async () => (await units(3, 'de')).find((u) => u.hash === paragraph.hash)!,
      (u) => u.machine?.startsWith('v2 ') === true,
    );
    expect(again.correction?.text).toBe(text);
    const de = await synthesisIn(3, 'de');
    expect(de.origin.kind).toBe('human-corrected');
    expect(JSON.stringify(de.doc)).toContain('Alle Staaten müssen ');
    expect(JSON.stringify(de.doc)).not.toContain('v2 [de]');
  });

  it('lists an edition in sections, in a target language and in its own (the original, nothing to correct)', async () => {
    const get = async (lang: string) => {
      const res = await people.alice.get(`/api/events/${FEB}/proceedings/editions/3/translations/${lang}`);
      expect(res.status).toBe(200);
      return editionTranslationSchema.parse(await res.json());
    };
    const ar = await get('ar');
    expect(ar.source).toBe('fr');
    expect(ar.sections.map((s) => s.kind)).toEqual(['titles', 'synthesis']);
    const synthesis = ar.sections[1]!;
    const inSection = synthesis.hashes.map((h) => ar.units.find((u) => u.hash === h)!);
    expect(inSection.map((u) => u.source)).toEqual([
      expect.any(String),
      'La Diligence raisonnable',
      'Tous Les États doivent <x0>exercise due diligence</x0> en ligne.',
    ]);
    // Every unit is in a section.
    expect(new Set(ar.sections.flatMap((s) => s.hashes))).toEqual(new Set(ar.units.map((u) => u.hash)));
    const fr = await get('fr');
    expect(fr.units.every((u) => u.machine === null && u.correction === null)).toBe(true);
    expect(fr.sections).toEqual(ar.sections);
    expect((await people.alice.get(`/api/events/${FEB}/proceedings/editions/3/translations/xx`)).status).toBe(400);
    expect((await people.bob.get(`/api/events/${FEB}/proceedings/editions/3/translations/ar`)).status).toBe(403);
  });
});
