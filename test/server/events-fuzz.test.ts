import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { writeTransaction } from '../../server/db/database.js';
import { addMemberTx, removeMemberTx } from '../../server/events/event-store.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { pullChanges, pushMutations, startTestServer } from '../support/server-harness.js';
import { annotationPut } from './push-fixtures.js';
import { APR, FEB, TWO_EVENTS, synthesisWithText } from './event-fixtures.js';

/**
 * Random sequences of writes, membership changes, pulls and catch-ups by four
 * people over two events (and event ids that do not exist). After every pull
 * or catch-up, the raw answer holds nothing of an event its caller is not in
 * now (its marker, others' notes in it), and nobody's private note but the
 * caller's own.
 */
const PEOPLE = ['alice', 'bob', 'carol', 'dave'] as const;
type Person = (typeof PEOPLE)[number];
const EVENT_IDS = [FEB, APR, 'ev-none', 'seminar'] as const;
const MARK: Record<string, string> = { [FEB]: 'FEBMARK', [APR]: 'APRMARK' };

describe('event fuzz: random work over two events never leaks across them', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const devices = new Map<Person, Awaited<ReturnType<typeof server.signIn>>>();
  /** Who is in which event now (the model the server must agree with). */
  const members = new Map<string, Set<Person>>([
    [FEB, new Set<Person>(['alice', 'bob'])],
    [APR, new Set<Person>(['alice', 'carol'])],
  ]);

  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), { translator: null });
    await importLines(server.db, TWO_EVENTS);
    for (const id of PEOPLE)
      devices.set(id, await server.signIn({ id, name: id, roles: ['rapporteur', 'expert'], events: [] }));
    // Everyone who is in an event may write there: the fuzz is about who is in, not about roles.
    for (const [eventId, people] of members)
      for (const id of people)
        await writeTransaction(server.db, (tx) => addMemberTx(tx, eventId, id, ['rapporteur', 'expert']));
  });
  afterAll(() => server?.close());

  const person = fc.constantFrom(...PEOPLE);
  const event = fc.constantFrom(...EVENT_IDS);
  const action = fc.oneof(
    fc.record({ kind: fc.constant('note' as const), who: person, event, shared: fc.boolean() }),
    fc.record({ kind: fc.constant('synthesis' as const), who: person, event }),
    fc.record({ kind: fc.constant('join' as const), who: person, event: fc.constantFrom(FEB, APR) }),
    fc.record({ kind: fc.constant('leave' as const), who: person, event: fc.constantFrom(FEB, APR) }),
    fc.record({ kind: fc.constant('pull' as const), who: person, limit: fc.integer({ min: 1, max: 40 }) }),
    fc.record({
      kind: fc.constant('catch-up' as const),
      who: person,
      event,
      until: fc.integer({ min: 0, max: 400 }),
    }),
  );

  /** What must not be in `who`'s answers: other events' marks and others' notes there, and others' private notes. */
  const forbidden = (who: Person) => [
    ...Object.entries(MARK).flatMap(([id, mark]) =>
      members.get(id)!.has(who) ? [] : [`${mark} `, ...PEOPLE.filter((p) => p !== who).map((p) => `${mark}-note-${p}`)],
    ),
    ...PEOPLE.filter((p) => p !== who).map((p) => `private-of-${p}`),
  ];

  it('holds for every sequence', async () => {
    let steps = 0;
    let checked = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 12 }), async (actions) => {
        for (const a of actions) {
          steps += 1;
          const device = devices.get(a.who)!;
          switch (a.kind) {
            case 'note': {
              const mark = MARK[a.event] ?? 'NOEVENT';
              const note = a.shared ? `${mark}-note-${a.who} ${randomUUID()}` : `private-of-${a.who} ${mark}`;
              const [result] = await pushMutations(device, [
                annotationPut({ note, visibility: a.shared ? 'seminar' : 'private', eventId: a.event }),
              ]);
              const allowed = members.get(a.event)?.has(a.who) ?? false;
              expect(result!.status, `${a.who} writes in ${a.event}`).toBe(allowed ? 'applied' : 'rejected');
              break;
            }
            case 'synthesis': {
              const mark = MARK[a.event] ?? 'NOEVENT';
              const results = await pushMutations(device, synthesisWithText(randomUUID(), a.event, `${mark} text`));
              const allowed = members.get(a.event)?.has(a.who) ?? false;
              expect(results[0]!.status).toBe(allowed ? 'applied' : 'rejected');
              break;
            }
            case 'join':
              await writeTransaction(server.db, (tx) => addMemberTx(tx, a.event, a.who, ['rapporteur', 'expert']));
              members.get(a.event)!.add(a.who);
              break;
            case 'leave':
              await writeTransaction(server.db, (tx) => removeMemberTx(tx, a.event, a.who));
              members.get(a.event)!.delete(a.who);
              break;
            case 'pull': {
              const { raw } = await pullChanges(device, 0, a.limit);
              for (const trace of forbidden(a.who)) expect(raw, `${a.who} pulled ${trace}`).not.toContain(trace);
              checked += 1;
              break;
            }
            case 'catch-up': {
              const res = await device.get(`/api/changes?since=0&limit=500&event=${a.event}&until=${a.until}`);
              const raw = await res.text();
              const member = members.get(a.event)?.has(a.who) ?? false;
              expect(res.status, `${a.who} catches up ${a.event}`).toBe(member ? 200 : 404);
              for (const trace of forbidden(a.who)) expect(raw).not.toContain(trace);
              if (!member) expect(raw).not.toContain('MARK');
              checked += 1;
              break;
            }
          }
        }
      }),
      {
        numRuns: Number(process.env.FUZZ_RUNS ?? 25),
        seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined,
      },
    );
    console.log(`event fuzz: ${steps} steps, ${checked} answers checked, 0 leaks`);
  });
});
