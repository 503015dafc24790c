import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROLES, type Role } from '../../shared/model/entities.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { ROUTE_RULES, ruleFor } from '../../server/security/route-rules.js';
import { mutationSchema } from '../../shared/protocol/mutations.js';
import { pushMutations, startTestServer } from '../support/server-harness.js';
import { PUSH_CORPUS, annotationPut } from './push-fixtures.js';
import { APR, FEB, synthesisWithText, twoEvents } from './event-fixtures.js';

/**
 * Every route the server registered × every role (and no token): the answer
 * is what server/security/route-rules.ts says. The routes come from the
 * server itself, so a new route is in this matrix the day it is added, and a
 * route without a rule stops the server from starting at all.
 */
type Caller = Role | 'anonymous';
const CALLERS: Caller[] = ['anonymous', ...ROLES];

/** A request to a route, with made-up parameters: authorization comes before whether they exist. */
function concrete(url: string): string {
  return url
    .replace(':upTo', '1')
    .replace(':lang', 'en')
    .replace(/:[a-zA-Z]+/g, 'c1');
}

describe('authorization: every route × every role', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const tokens = new Map<Caller, string>();

  beforeAll(async () => {
    // Every route once without a token counts as a failed sign-in from this address: the limit (tested in
    // its own file) would answer 429 before the routes this matrix is about.
    server = await startTestServer('pglite', inject('pgUrl'), {
      translator: null,
      demo: false,
      limits: { authFailuresPerMinute: 1000 },
    });
    await importLines(server.db, PUSH_CORPUS);
    for (const role of ROLES)
      tokens.set(role, (await server.signIn({ id: `p-${role}`, name: role, roles: [role] })).token);
  });
  afterAll(() => server?.close());

  it('has a rule for each API route the server registered, and a route for each rule', () => {
    const api = server.app.routeTable.filter((r) => r.url.startsWith('/api/'));
    for (const route of api) expect(ruleFor(route.method, route.url), `${route.method} ${route.url}`).toBeDefined();
    const registered = new Set(api.map((r) => `${r.method} ${r.url}`));
    for (const key of Object.keys(ROUTE_RULES)) expect(registered, key).toContain(key);
    // What translation costs is the secretariat's to see (issue 23); that translations wait is everyone's.
    expect(ruleFor('GET', '/api/translations/cost')).toEqual({ kind: 'roles', roles: ['secretariat'] });
    expect(ruleFor('GET', '/api/translations/status')).toEqual({ kind: 'participant' });
  });

  it('answers each caller as its rule says', async () => {
    // Signing out revokes the caller's token: that route goes last.
    const signOutLast = (r: { url: string }) => (r.url === '/api/auth/sign-out' ? 1 : 0);
    const routes = server.app.routeTable
      .filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD')
      .sort((a, b) => signOutLast(a) - signOutLast(b));
    const cells: string[] = [];
    for (const route of routes) {
      const rule = ruleFor(route.method, route.url)!;
      for (const caller of CALLERS) {
        const token = tokens.get(caller);
        const controller = new AbortController();
        const res = await fetch(server.url + concrete(route.url), {
          method: route.method,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }),
          },
          body: route.method === 'GET' ? undefined : '{}',
          signal: controller.signal,
        });
        controller.abort(); // the event stream never ends on its own
        const allowed =
          rule.kind === 'public' ||
          (rule.kind === 'participant' && caller !== 'anonymous') ||
          (rule.kind === 'roles' && caller !== 'anonymous' && rule.roles.includes(caller));
        const expected =
          rule.kind === 'demo'
            ? [404] // not in demo mode: the route does not exist for anyone
            : allowed
              ? null
              : [caller === 'anonymous' ? 401 : 403];
        if (expected) expect(expected, `${caller} ${route.method} ${route.url}`).toContain(res.status);
        else expect([401, 403], `${caller} ${route.method} ${route.url} (${res.status})`).not.toContain(res.status);
        expect(res.status, `${caller} ${route.method} ${route.url}`).toBeLessThan(500);
        cells.push(`${route.method} ${route.url} × ${caller}`);
      }
    }
    console.log(`authorization matrix: ${routes.length} routes × ${CALLERS.length} callers = ${cells.length} cells`);
    expect(cells.length).toBe(Object.keys(ROUTE_RULES).length * CALLERS.length);
  });

  it('never serves another participant’s private note, by pull or by push', async () => {
    const expert = await server.signIn({ id: 'owner', name: 'Owner', roles: ['expert'] });
    const other = await server.signIn({ id: 'other', name: 'Other', roles: ['expert', 'rapporteur'] });
    const id = crypto.randomUUID();
    const put = {
      id: crypto.randomUUID(),
      kind: 'annotation-put',
      baseVersion: null,
      annotation: {
        id,
        target: {
          contributionId: 'c1',
          language: 'en',
          sourceVersion: 1,
          textHash: 'h',
          quote: { exact: 'due diligence', prefix: '', suffix: '' },
          position: { start: 25, end: 38 },
        },
        note: 'SECRET-NOTE-TEXT',
        tags: [],
        visibility: 'private',
        createdAt: '2026-11-24T10:00:00.000Z',
        updatedAt: '2026-11-24T10:00:00.000Z',
      },
    };
    expect((await (await expert.post('/api/push', { mutations: [put] })).json()).results[0].status).toBe('applied');
    const pulled = await (await other.get('/api/changes?since=0&limit=1000')).text();
    expect(pulled).not.toContain('SECRET-NOTE-TEXT');
    const overwrite = { ...put, id: crypto.randomUUID(), baseVersion: 1, annotation: { ...put.annotation, note: 'x' } };
    const del = {
      id: crypto.randomUUID(),
      kind: 'annotation-delete',
      baseVersion: 1,
      annotationId: id,
      deletedAt: put.annotation.updatedAt,
    };
    const results = (await (await other.post('/api/push', { mutations: [overwrite, del] })).json()).results;
    expect(results.map((r: { status: string; reason?: string }) => [r.status, r.reason])).toEqual([
      ['rejected', 'forbidden'],
      ['rejected', 'forbidden'],
    ]);
    expect(JSON.stringify(results)).not.toContain('SECRET-NOTE-TEXT');
  });
});

/**
 * The event dimension (issue 18): every route, called about one event's
 * records (its synthesis, its id, a catch-up of it) by a member of that event,
 * by a member of another event only, and by a member of none. Non-members
 * get what a record that does not exist gets, and no answer to them carries
 * anything of the event (checked on the raw body).
 */
describe('authorization: every route × relation to an event', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let people: Awaited<ReturnType<typeof twoEvents>>;

  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), { translator: null, demo: false });
    people = await twoEvents(server);
  });
  afterAll(() => server?.close());

  it('serves an event’s records to its members only: 0 leaks', async () => {
    // April's synthesis and id: carol is in April, bob in February only, dave in none.
    const callers = { member: people.carol, otherEventOnly: people.bob, noEvent: people.dave };
    const aprilUrl = (url: string) =>
      url
        .replace(':upTo', '999999')
        .replace(':lang', 'en')
        .replace(':eventId', APR)
        .replace(':number', '1')
        .replace(':format', 'epub')
        .replace(/:[a-zA-Z]+/g, 'syn-apr');
    const routes = server.app.routeTable.filter(
      (r) =>
        r.url.startsWith('/api/') && r.method !== 'HEAD' && r.url !== '/api/auth/sign-out' && r.url !== '/api/events',
    );
    const requests = [
      ...routes.map((r) => ({
        method: r.method,
        path: aprilUrl(r.url),
        body: { eventId: APR, code: 'X', mutations: [] },
      })),
      { method: 'GET', path: `/api/changes?since=0&limit=1000&event=${APR}&until=1000000`, body: {} },
      { method: 'GET', path: '/api/changes?since=0&limit=1000', body: {} },
      {
        method: 'POST',
        path: '/api/push',
        body: {
          mutations: [
            annotationPut({ note: 'probe', visibility: 'seminar', eventId: APR }),
            synthesisWithText('syn-apr', APR, 'probe')[1],
            // Proceedings (issue 20): a consent, a review move and a comment on April's.
            { id: crypto.randomUUID(), kind: 'consent-put', eventId: APR, consented: true },
            {
              id: crypto.randomUUID(),
              kind: 'review-move',
              eventId: APR,
              target: 'whole',
              from: 'draft',
              to: 'in-review',
            },
            // A correction of April's (would-be) edition: refused as not found, naming nothing of April's.
            {
              id: crypto.randomUUID(),
              kind: 'edition-correct',
              eventId: APR,
              number: 1,
              lang: 'de',
              hash: 'a'.repeat(64),
              text: 'probe',
            },
            {
              id: crypto.randomUUID(),
              kind: 'review-comment-add',
              eventId: APR,
              comment: {
                id: `probe-${crypto.randomUUID()}`,
                synthesisId: 'syn-apr',
                anchor: null,
                body: 'probe',
                replyTo: null,
              },
            },
          ],
        },
      },
    ];
    // What a member of April gets (and others must not): these routes are April's.
    const aprilOnly = new Set([
      'GET /api/syntheses/syn-apr/history',
      `GET /api/changes?since=0&limit=1000&event=${APR}&until=1000000`,
    ]);
    let cells = 0;
    let leaks = 0;
    for (const request of requests) {
      for (const [relation, device] of Object.entries(callers)) {
        const res = await fetch(server.url + request.path, {
          method: request.method,
          headers: {
            authorization: `Bearer ${device.token}`,
            ...(request.method === 'GET' ? {} : { 'content-type': 'application/json' }),
          },
          body: request.method === 'GET' ? undefined : JSON.stringify(request.body),
        });
        const body = await res.text();
        cells += 1;
        const label = `${relation} ${request.method} ${request.path}`;
        expect(res.status, label).toBeLessThan(500);
        const key = `${request.method} ${request.path}`;
        if (relation === 'member') {
          if (aprilOnly.has(key)) {
            expect(res.status, label).toBe(200);
          }
          continue;
        }
        // Anything of April's in the answer that the caller did not send themselves (an id echoed in an error is theirs).
        const sent = request.path + JSON.stringify(request.body);
        const leaked = ['APRMARK', APR, 'syn-apr', 'apr-s1', 'Carol'].filter(
          (trace) => body.includes(trace) && !sent.includes(trace),
        );
        // A non-member's answer about April: 404 (or a rejection), never its content.
        if (aprilOnly.has(key)) expect(res.status, label).toBe(404);
        if (leaked.length) {
          leaks += 1;
          console.log(`leak: ${label} → ${res.status} ${body.slice(0, 200)}`);
        }
      }
    }
    console.log(
      `event authorization matrix: ${requests.length} requests × ${Object.keys(callers).length} relations = ${cells} cells, ${leaks} leaks`,
    );
    expect(leaks).toBe(0);
  });

  it('moves the proceedings’ review states as the table says: every role × whole or synthesis × state move', async () => {
    // Written out here, not read from review-rules.ts: rapporteurs propose, the secretariat approves and publishes.
    const R = ['rapporteur', 'secretariat'];
    const S = ['secretariat'];
    const allowed: Record<string, { roles: string[]; wholeOnly?: boolean }> = {
      'draft>in-review': { roles: R },
      'in-review>draft': { roles: R },
      'in-review>approved': { roles: S },
      'approved>in-review': { roles: S },
      'approved>published': { roles: S, wholeOnly: true },
      'published>draft': { roles: R, wholeOnly: true },
    };
    const states = ['draft', 'in-review', 'approved', 'published'] as const;
    const devices = Object.fromEntries(
      await Promise.all(
        ROLES.map(async (role) => [
          role,
          await server.signIn({ id: `m-${role}`, name: role, roles: [role], events: [FEB] }),
        ]),
      ),
    );
    const setState = async (target: string, state: string) => {
      await server.db.query(
        `INSERT INTO proceedings (event_id, seq) VALUES ($1, nextval('change_seq')) ON CONFLICT (event_id) DO NOTHING`,
        [FEB],
      );
      // The whole is approved only once its synthesis is: the synthesis stands approved while the whole moves.
      const section = target === 'whole' ? 'approved' : state;
      await server.db.query(
        `INSERT INTO review_states (synthesis_id, state) VALUES ('syn-feb', $1)
         ON CONFLICT (synthesis_id) DO UPDATE SET state = EXCLUDED.state`,
        [section],
      );
      if (target === 'whole')
        await server.db.query('UPDATE proceedings SET state = $2 WHERE event_id = $1', [FEB, state]);
    };
    const cells: string[] = [];
    for (const role of ROLES)
      for (const target of ['whole', 'syn-feb'])
        for (const from of states)
          for (const to of states) {
            if (from === to) continue;
            await setState(target, from);
            const [result] = await pushMutations(devices[role]!, [
              mutationSchema.parse({ id: crypto.randomUUID(), kind: 'review-move', eventId: FEB, target, from, to }),
            ]);
            const rule = allowed[`${from}>${to}`];
            const isMove = rule !== undefined && (target === 'whole' || !rule.wholeOnly);
            const writer = R.includes(role);
            const expected = !writer
              ? 'forbidden'
              : !isMove
                ? 'validation-failed'
                : rule.roles.includes(role)
                  ? 'applied'
                  : 'forbidden';
            const got = result!.status === 'rejected' ? result!.reason : result!.status;
            expect(got, `${role} ${target} ${from} → ${to}`).toBe(expected);
            cells.push(`${role} ${target} ${from}>${to} ${got}`);
          }
    expect(cells).toHaveLength(ROLES.length * 2 * 12);
    console.log(
      `review moves matrix: ${cells.length} cells, ${cells.filter((c) => c.endsWith('applied')).length} applied`,
    );
  });
});
