import { randomUUID } from 'node:crypto';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import * as Y from 'yjs';
import { hashText } from '../../shared/anchoring/hash-text.js';
import type { ProceedingsInput } from '../../shared/export/proceedings/input.js';
import type { Lang } from '../../shared/languages.js';
import type { Proceedings } from '../../shared/model/proceedings.js';
import { mutationSchema, type Mutation } from '../../shared/protocol/mutations.js';
import type { CitationAttrs } from '../../shared/synthesis/document.js';
import { writeTransaction } from '../../server/db/database.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { publishEditionTx } from '../../server/proceedings/proceedings-store.js';
import type { Translator } from '../../server/translate/translator.js';
import { pullChanges, pushMutations, startTestServer } from '../support/server-harness.js';
import { b64, yDocOf } from '../support/synthesis-yjs.js';
import { FEB, twoEvents } from './event-fixtures.js';
import { citations, until } from './proceedings-helpers.js';

/**
 * A quote inside a machine edition uses the quoted contribution's own version
 * in the edition's language when it has one and the passage is found in it
 * (sentence by sentence), with that version's origin; otherwise the
 * proceedings' translation of the quote, marked machine. The passages are
 * fixed at publication: a version changed later leaves the edition as it was.
 */
const m = (value: Record<string, unknown>): Mutation => mutationSchema.parse({ id: randomUUID(), ...value });

const ORIGINAL = 'Cyberspace is no lawless space.\n\nStates should exercise due diligence. They must also cooperate!';
const GERMAN =
  'Der Cyberraum ist kein rechtsfreier Raum.\n\nStaaten sollten die gebotene Sorgfalt walten lassen. Sie müssen auch zusammenarbeiten!';
const CHINESE = '网络空间不是法外之地。\n\n各国应尽职尽责。它们还必须合作！';
const CORPUS = [
  {
    type: 'contribution',
    id: 'c3',
    questionId: 'q1',
    author: { name: 'Haddad', kind: 'ngo' },
    language: 'en',
    createdAt: '2017-01-01T00:00:00Z',
    status: 'published',
    text: ORIGINAL,
    version: 2,
  },
  { type: 'translation', contributionId: 'c3', language: 'de', origin: 'human', text: GERMAN },
  { type: 'translation', contributionId: 'c3', language: 'zh', origin: 'machine', engine: 'systran', text: CHINESE },
  // Made from an earlier text of the original: its sentences may not be the quoted ones.
  {
    type: 'translation',
    contributionId: 'c3',
    language: 'es',
    origin: 'human',
    sourceVersion: 1,
    text: 'El ciberespacio no es un espacio sin ley.\n\nLos Estados deben ejercer la diligencia debida. ¡También deben cooperar!',
  },
  // Its paragraphs merged: the passage cannot be told, the quote is translated and marked machine.
  {
    type: 'translation',
    contributionId: 'c3',
    language: 'ru',
    origin: 'machine',
    engine: 'systran',
    text: 'Киберпространство не беззаконно. Государства должны проявлять должную осмотрительность. Они должны сотрудничать!',
  },
].map((r) => JSON.stringify(r));

const quote = (fields: Partial<CitationAttrs>): CitationAttrs => ({
  citationId: 'cit-whole',
  contributionId: 'c3',
  annotationId: null,
  authorName: 'Haddad',
  authorKind: 'ngo',
  language: 'en',
  origin: 'original',
  engine: null,
  originalLanguage: 'en',
  originalText: null,
  textHash: hashText(ORIGINAL),
  sourceVersion: 2,
  questionCode: '1',
  ...fields,
});

const translator: Translator = {
  engine: 'fake',
  maxChars: 5_000,
  translate: async (req) => `[${req.target}] ${req.text}`,
};

describe.each(['pglite', 'postgres'] as const)('quotes of a machine edition on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let people: Awaited<ReturnType<typeof twoEvents>>;
  const ydoc = yDocOf({
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Elle conclut : ' },
          { type: 'text', text: 'They must also cooperate!', marks: [{ type: 'citation', attrs: quote({}) }] },
          { type: 'text', text: ' Et encore : ' },
          {
            type: 'text',
            text: 'exercise due diligence',
            marks: [{ type: 'citation', attrs: quote({ citationId: 'cit-part' }) }],
          },
          { type: 'text', text: '.' },
        ],
      },
    ],
  });
  const synthesisIn = async (lang: Lang) => {
    const res = await people.alice.get(`/api/events/${FEB}/proceedings/editions/1?lang=${lang}`);
    expect(res.status, lang).toBe(200);
    const input = ((await res.json()) as { input: ProceedingsInput }).input;
    return citations(input.days[0]!.sessions[0]!.questions[0]!.syntheses[0]!.doc.content);
  };
  const site = async () => {
    const res = await people.alice.get(`/api/events/${FEB}/proceedings/editions/1/export/site`);
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'), {
      translator,
      demo: false,
      translationQueue: { pollMs: 20, concurrency: 4 },
    });
    people = await twoEvents(server);
    const imported = await importLines(server.db, CORPUS);
    expect(imported.rejected).toEqual([]);
    const results = await pushMutations(people.alice, [
      m({ kind: 'synthesis-update', synthesisId: 'syn-feb', update: b64(Y.encodeStateAsUpdate(ydoc)) }),
      m({ kind: 'proceedings-put', eventId: FEB, title: 'Actes', subtitle: '', publisher: '', language: 'fr' }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
    const sam = { id: 'sam', name: 'Sam', roles: ['secretariat'], language: 'fr' } as never;
    expect(await writeTransaction(server.db, (tx) => publishEditionTx(tx, sam, FEB))).toMatchObject({ number: 1 });
    await until(
      async () => {
        const { changes } = await pullChanges(people.alice);
        const last = changes.filter((c) => c.kind === 'proceedings').at(-1);
        return last?.kind === 'proceedings' ? (last.record as Proceedings) : null;
      },
      (r) => r?.editions[0]?.languages.length === 10,
    );
  });
  afterAll(() => server?.close());

  it('quotes the contribution’s own version in the edition’s language, with its origin', async () => {
    const [deWhole, dePart] = await synthesisIn('de');
    expect(deWhole).toEqual({
      text: 'Sie müssen auch zusammenarbeiten!',
      attrs: quote({
        language: 'de',
        origin: 'human',
        originalText: 'They must also cooperate!',
        textHash: hashText(GERMAN),
      }),
    });
    // Part of a sentence: which German words are the quoted ones is unknown, so the quote is translated here.
    expect(dePart!.attrs).toMatchObject({ citationId: 'cit-part', language: 'de', origin: 'machine', engine: 'fake' });
    expect(dePart!.attrs.originalText).toBe('exercise due diligence');

    const [zhWhole] = await synthesisIn('zh');
    expect(zhWhole!.text).toBe('它们还必须合作！');
    expect(zhWhole!.attrs).toMatchObject({ language: 'zh', origin: 'machine', engine: 'systran' });
    expect(zhWhole!.attrs.textHash).toBe(hashText(CHINESE));

    const [ruWhole] = await synthesisIn('ru');
    expect(ruWhole!.attrs).toMatchObject({ language: 'ru', origin: 'machine', engine: 'fake' });
    expect(ruWhole!.text).toBe('They must also cooperate!');
    const [esWhole] = await synthesisIn('es');
    expect(esWhole!.attrs).toMatchObject({ language: 'es', origin: 'machine', engine: 'fake', sourceVersion: 2 });
    // No version in Korean: as before.
    const [koWhole] = await synthesisIn('ko');
    expect(koWhole!.attrs).toMatchObject({ language: 'ko', origin: 'machine', engine: 'fake' });
    // In the quoted version's language, the quote as it was.
    expect((await synthesisIn('en'))[0]).toEqual({ text: 'They must also cooperate!', attrs: quote({}) });
  });

  it('keeps the passages of publication when the corpus changes later: the same edition, the same bytes', async () => {
    const before = await site();
    const pages = Object.entries(unzipSync(new Uint8Array(before))).filter(([path]) => path.split('/')[1] === 'de');
    const german = pages.map(([, bytes]) => strFromU8(bytes)).join('');
    expect(german).toContain('Sie müssen auch zusammenarbeiten!');
    expect(german).toContain('Humanübersetzung');

    const changed = GERMAN.replace('Sie müssen auch zusammenarbeiten!', 'Auch Zusammenarbeit ist ihre Pflicht!');
    const imported = await importLines(server.db, [
      JSON.stringify({ type: 'translation', contributionId: 'c3', language: 'de', origin: 'human', text: changed }),
      JSON.stringify({ type: 'translation', contributionId: 'c3', language: 'ko', origin: 'human', text: ORIGINAL }),
    ]);
    expect(imported.rejected).toEqual([]);
    expect((await synthesisIn('de'))[0]!.text).toBe('Sie müssen auch zusammenarbeiten!');
    expect((await synthesisIn('ko'))[0]!.attrs.origin).toBe('machine');
    expect((await site()).equals(before)).toBe(true);
  });
});
