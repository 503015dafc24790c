import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ROLES, type Role } from '../../shared/model/entities.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { ROUTE_RULES, ruleFor } from '../../server/security/route-rules.js';
import { startTestServer } from '../support/server-harness.js';
import { PUSH_CORPUS } from './push-fixtures.js';

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
    server = await startTestServer('pglite', inject('pgUrl'), { translator: null, demo: false });
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
