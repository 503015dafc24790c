import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { mutationSchema, type Mutation } from '../../shared/protocol/mutations.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { PUSH_CORPUS, annotationPut } from './push-fixtures.js';
import { pushMutations, type startTestServer } from '../support/server-harness.js';

/**
 * Two events on one server (issue 18): the February closed seminar and the
 * April conference, each with a session, a synthesis with text, and notes.
 * Every text of an event carries its marker (FEBMARK, APRMARK), so a test can
 * show on the raw wire that nothing of an event reached someone outside it.
 *
 * alice: rapporteur in February, delegate in April; bob: expert in February
 * only; carol: rapporteur in April only; dave: in no event.
 */
export const FEB = 'ev-feb-2017';
export const APR = 'ev-apr-2017';

export const TWO_EVENTS = [
  ...PUSH_CORPUS,
  { type: 'question', id: 'q2', track: 'legal', theme: 'I', code: '2', order: 2, title: { en: 'Q2' } },
  {
    type: 'event',
    id: FEB,
    kind: 'closed-seminar',
    title: { en: 'FEBMARK seminar' },
    startsOn: '2017-02-01',
    endsOn: '2017-02-02',
    place: 'FEBMARK place',
    status: 'running',
    visibility: 'closed',
  },
  {
    type: 'event',
    id: APR,
    kind: 'conference',
    title: { en: 'APRMARK conference' },
    startsOn: '2017-04-06',
    endsOn: '2017-04-07',
    status: 'preparing',
    visibility: 'closed',
  },
  {
    type: 'session',
    id: 'feb-s1',
    eventId: FEB,
    day: 1,
    date: '2017-02-01',
    order: 1,
    title: { en: 'FEBMARK day' },
    questionIds: ['q1'],
  },
  {
    type: 'session',
    id: 'apr-s1',
    eventId: APR,
    day: 1,
    date: '2017-04-06',
    order: 1,
    title: { en: 'APRMARK panel' },
    questionIds: ['q1', 'q2'],
  },
  { type: 'participant', id: 'alice', name: 'Alice', language: 'fr', eventId: FEB, roles: ['rapporteur'] },
  { type: 'participant', id: 'alice', name: 'Alice', language: 'fr', eventId: APR, roles: ['delegate'] },
  { type: 'participant', id: 'bob', name: 'Bob', language: 'en', eventId: FEB, roles: ['expert'] },
  { type: 'participant', id: 'carol', name: 'Carol', language: 'en', eventId: APR, roles: ['rapporteur'] },
].map((r) => (typeof r === 'string' ? r : JSON.stringify(r)));

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** A synthesis-create and one update with `text` in it. */
export function synthesisWithText(id: string, eventId: string | undefined, text: string): Mutation[] {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return [
    mutationSchema.parse({
      id: randomUUID(),
      kind: 'synthesis-create',
      synthesis: { id, questionId: 'q1', title: `${text} title`, language: 'en', ...(eventId ? { eventId } : {}) },
    }),
    mutationSchema.parse({
      id: randomUUID(),
      kind: 'synthesis-update',
      synthesisId: id,
      update: b64(Y.encodeStateAsUpdate(doc)),
    }),
  ];
}

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** Imports the two events and signs in their people (one device each), with each event's work written. */
export async function twoEvents(server: Server) {
  const counts = await importLines(server.db, TWO_EVENTS);
  if (counts.rejected.length) throw new Error(JSON.stringify(counts.rejected));
  const alice = await server.signIn({ id: 'alice', name: 'Alice', roles: ['rapporteur', 'delegate'], events: [] });
  const bob = await server.signIn({ id: 'bob', name: 'Bob', roles: ['expert'], events: [] });
  const carol = await server.signIn({ id: 'carol', name: 'Carol', roles: ['rapporteur'], events: [] });
  const dave = await server.signIn({ id: 'dave', name: 'Dave', roles: ['expert'], events: [] });
  const must = async (device: Parameters<typeof pushMutations>[0], mutations: Mutation[]) => {
    const results = await pushMutations(device, mutations);
    if (results.some((r) => r.status !== 'applied')) throw new Error(JSON.stringify(results));
  };
  await must(alice, synthesisWithText('syn-feb', FEB, 'FEBMARK synthesis'));
  await must(carol, synthesisWithText('syn-apr', APR, 'APRMARK synthesis'));
  await must(bob, [
    annotationPut({ note: 'FEBMARK shared note', visibility: 'seminar', eventId: FEB }),
    annotationPut({ note: 'FEBMARK bob private', visibility: 'private', eventId: FEB }),
  ]);
  await must(carol, [annotationPut({ note: 'APRMARK shared note', visibility: 'seminar', eventId: APR })]);
  await must(alice, [
    annotationPut({ note: 'FEBMARK alice shared', visibility: 'seminar', eventId: FEB }),
    annotationPut({ note: 'APRMARK alice shared', visibility: 'seminar', eventId: APR }),
  ]);
  return { alice, bob, carol, dave };
}
