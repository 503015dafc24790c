import { randomUUID } from 'node:crypto';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import type { ProceedingsInput } from '../../shared/export/proceedings/input.js';
import type { Lang } from '../../shared/languages.js';
import type { Proceedings } from '../../shared/model/proceedings.js';
import { mutationSchema, type Mutation } from '../../shared/protocol/mutations.js';
import type { CitationAttrs, SynthesisNode } from '../../shared/synthesis/document.js';
import { writeTransaction } from '../../server/db/database.js';
import { publishEditionTx } from '../../server/proceedings/proceedings-store.js';
import type { Translator } from '../../server/translate/translator.js';
import { pullChanges, pushMutations, startTestServer } from '../support/server-harness.js';
import { b64, yDocOf } from '../support/synthesis-yjs.js';
import { FEB, twoEvents } from './event-fixtures.js';
import { citations, until } from './proceedings-helpers.js';

/**
 * A published edition into the nine other languages through the
 * contributions' translation queue, with a fake provider that keeps the
 * inline tags (as an HTML-aware provider does): structure and citation
 * marks kept, quotes' provenance per language, and a later edition sending
 * only the units that changed.
 */
const m = (value: Record<string, unknown>): Mutation => mutationSchema.parse({ id: randomUUID(), ...value });

const quote = (fields: Partial<CitationAttrs>): CitationAttrs => ({
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
  ...fields,
});

function fakeTranslator() {
  const calls: { target: Lang; text: string }[] = [];
  const translator: Translator = {
    engine: 'fake',
    maxChars: 5_000,
    async translate(req) {
      calls.push({ target: req.target, text: req.text });
      return `[${req.target}] ${req.text}`;
    },
  };
  return { translator, calls };
}

describe('proceedings translated by the queue', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let people: Awaited<ReturnType<typeof twoEvents>>;
  const fake = fakeTranslator();
  const ydoc = yDocOf({
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Diligence raisonnable' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Les États doivent ' },
          { type: 'text', text: 'exercise due diligence', marks: [{ type: 'citation', attrs: quote({}) }] },
          { type: 'text', text: ', soit ' },
          {
            type: 'text',
            text: 'exercer la diligence',
            marks: [
              {
                type: 'citation',
                attrs: quote({
                  citationId: 'cit-fr',
                  language: 'fr',
                  origin: 'machine',
                  engine: 'mt',
                  originalText: 'exercise due diligence',
                }),
              },
            ],
          },
          { type: 'text', text: ' <en ligne> & hors ligne.' },
        ],
      },
    ],
  });
  const publish = async (eventId = FEB) => {
    const sam = { id: 'sam', name: 'Sam', roles: ['secretariat'], language: 'fr' } as never;
    return writeTransaction(server.db, (tx) => publishEditionTx(tx, sam, eventId));
  };
  const record = async (): Promise<Proceedings> => {
    const { changes } = await pullChanges(people.alice);
    const last = changes.filter((c) => c.kind === 'proceedings').at(-1);
    if (!last || last.kind !== 'proceedings') throw new Error('no proceedings');
    return last.record;
  };

  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), {
      translator: fake.translator,
      demo: false,
      translationQueue: { pollMs: 20, concurrency: 4 },
    });
    people = await twoEvents(server);
    await server.signIn({ id: 'sam', name: 'Sam', roles: ['secretariat'], events: [FEB] });
    const results = await pushMutations(people.alice, [
      m({ kind: 'synthesis-update', synthesisId: 'syn-feb', update: b64(Y.encodeStateAsUpdate(ydoc)) }),
      m({ kind: 'proceedings-put', eventId: FEB, title: 'Actes', subtitle: '', publisher: '', language: 'fr' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
  });
  afterAll(() => server?.close());

  it('lands as a machine edition per language, structure, marks and provenance kept', async () => {
    const published = await publish();
    expect(published).toMatchObject({ number: 1 });
    const done = await until(record, (r) => r.editions[0]?.languages.length === 10);
    expect(done.editions[0]!.languages).toEqual(['de', 'en', 'ar', 'zh', 'ko', 'es', 'fr', 'it', 'pt', 'ru']);
    const units = new Set(fake.calls.map((c) => c.text)).size;
    expect(fake.calls.length).toBe(units * 9);
    // The marks never leave the server: only tags stand for them.
    expect(fake.calls.some((c) => c.text.includes('<x0>exercise due diligence</x0>'))).toBe(true);
    expect(fake.calls.some((c) => c.text.includes('c1') || c.text.includes('citation'))).toBe(false);

    const get = async (lang: Lang) => {
      const res = await people.alice.get(`/api/events/${FEB}/proceedings/editions/1?lang=${lang}`);
      expect(res.status, lang).toBe(200);
      return ((await res.json()) as { input: ProceedingsInput }).input;
    };
    const [fr, ar, en] = [await get('fr'), await get('ar'), await get('en')];
    const doc = (input: ProceedingsInput) => input.days[0]!.sessions[0]!.questions[0]!.syntheses[0]!;
    expect(ar.language).toBe('ar');
    expect(doc(ar).origin).toEqual({ kind: 'machine', from: 'fr', engine: 'fake' });
    expect(doc(fr).origin).toEqual({ kind: 'original' });
    // Same structure: the node types, in the same places.
    const shape = (nodes: SynthesisNode[]): unknown => nodes.map((n) => [n.type, n.content ? shape(n.content) : null]);
    expect(shape(doc(ar).doc.content)).toEqual(shape(doc(fr).doc.content));
    const arText = JSON.stringify(doc(ar).doc);
    expect(arText).toContain('[ar] Les États doivent ');
    expect(arText).toContain(' <en ligne> & hors ligne.');
    // Quotes: the quoted English original stays the original in English; elsewhere a marked machine translation
    // with the original's words beside it; the French machine version's quote is the original's words in English.
    const [arEn, arFr] = citations(doc(ar).doc.content);
    expect(arEn!.attrs).toMatchObject({ citationId: 'cit-en', language: 'ar', origin: 'machine', engine: 'fake' });
    expect(arEn!.attrs.originalText).toBe('exercise due diligence');
    expect(arFr!.attrs).toMatchObject({
      citationId: 'cit-fr',
      language: 'ar',
      origin: 'machine',
      originalText: 'exercise due diligence',
    });
    const [enEn, enFr] = citations(doc(en).doc.content);
    expect(enEn).toEqual({ text: 'exercise due diligence', attrs: quote({}) });
    expect(enFr!.text).toBe('exercise due diligence');
    expect(enFr!.attrs).toMatchObject({ citationId: 'cit-fr', language: 'en', origin: 'original', originalText: null });
    expect(ar.edition.contentHash).not.toBe(fr.edition.contentHash);
  });

  it('sends only the changed paragraph for the next edition; every language in the site, the same bytes', async () => {
    const before = fake.calls.length;
    const edited = new Y.Doc();
    Y.applyUpdate(edited, Y.encodeStateAsUpdate(ydoc));
    const sv = Y.encodeStateVector(edited);
    ((edited.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, 'La ');
    await pushMutations(people.alice, [
      m({ kind: 'synthesis-update', synthesisId: 'syn-feb', update: b64(Y.encodeStateAsUpdate(edited, sv)) }),
    ]);
    expect(await publish()).toMatchObject({ number: 2 });
    await until(record, (r) => r.editions[1]?.languages.length === 10);
    const sent = fake.calls.slice(before);
    expect(sent.length).toBe(9);
    expect(new Set(sent.map((c) => c.text))).toEqual(new Set(['La Diligence raisonnable']));

    const site = async () => {
      const res = await people.alice.get(`/api/events/${FEB}/proceedings/editions/2/export/site`);
      expect(res.status).toBe(200);
      return { bytes: Buffer.from(await res.arrayBuffer()), hash: res.headers.get('x-content-sha256') };
    };
    const [a, b] = [await site(), await site()];
    expect(a.bytes.equals(b.bytes)).toBe(true);
    const folders = new Set(Object.keys(unzipSync(new Uint8Array(a.bytes))).map((p) => p.split('/')[1]));
    for (const lang of ['fr', 'en', 'ar', 'zh', 'ko', 'ru']) expect(folders, lang).toContain(lang);
    const epub = await people.alice.get(`/api/events/${FEB}/proceedings/editions/2/export/epub?lang=zh`);
    expect(epub.status).toBe(200);
    expect(epub.headers.get('content-disposition')).toContain('-zh.epub');
    expect((await people.alice.get(`/api/events/${FEB}/proceedings/editions/2/export/pdf?lang=xx`)).status).toBe(400);
  });
});
