import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ProceedingsInput } from '../../shared/export/proceedings/input.js';
import { DEMO_PARTICIPANT } from '../../server/auth/tokens.js';
import { DEMO_PROCEEDINGS_EVENT, seedDemoProceedings } from '../../server/demo/demo-proceedings.js';
import { pullChanges, startTestServer } from '../support/server-harness.js';

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
