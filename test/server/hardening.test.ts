import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importLines } from '../../server/import/import-jsonl.js';
import { RateLimiter } from '../../server/security/rate-limit.js';
import { startTestServer } from '../support/server-harness.js';
import { PUSH_CORPUS } from './push-fixtures.js';

describe('server hardening', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), {
      translator: null,
      limits: { authFailuresPerMinute: 5, requestsPerTokenPerMinute: 10_000 },
    });
    await importLines(server.db, PUSH_CORPUS);
  });
  afterAll(() => server?.close());

  it('sends the security headers on every answer, and never lets API answers be cached', async () => {
    for (const res of [
      await fetch(`${server.url}/api/health`),
      await server.get('/api/me'),
      await fetch(`${server.url}/api/nope`),
    ]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    }
    // CORS is closed: another origin gets no allowance.
    const cors = await fetch(`${server.url}/api/health`, { headers: { origin: 'https://evil.example' } });
    expect(cors.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('makes an address that keeps presenting bad tokens wait, with Retry-After', async () => {
    const bad = () => fetch(`${server.url}/api/me`, { headers: { authorization: 'Bearer aaaaaaaaaaaaaaaaaaaaaaaa' } });
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await bad()).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const limited = await bad();
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate-limited');
    // A valid token is never refused for failures: it proves its holder is not the guesser (trust-proxy.test.ts).
    expect((await server.get('/api/me')).status).toBe(200);
  });

  it('counts per key in fixed windows', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 1_000, () => now);
    expect([limiter.hit('a'), limiter.hit('a'), limiter.hit('a'), limiter.hit('b')]).toEqual([0, 0, 1_000, 0]);
    now = 999;
    expect(limiter.blocked('a')).toBe(1);
    now = 1_000;
    expect(limiter.hit('a')).toBe(0);
  });
});

describe('API fuzz: hostile and malformed requests', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let token: string;

  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), { translator: null });
    await importLines(server.db, PUSH_CORPUS);
    token = (
      await server.signIn({ id: 'fuzz', name: 'Fuzz', roles: ['expert', 'delegate', 'rapporteur', 'secretariat'] })
    ).token;
  });
  afterAll(() => server?.close());

  const snapshot = async () =>
    JSON.stringify(
      await server.db.query(
        `SELECT (SELECT COUNT(*) FROM contributions) c, (SELECT COUNT(*) FROM annotations) a, (SELECT COUNT(*) FROM syntheses) s,
           (SELECT COUNT(*) FROM applied_mutations) m, (SELECT COUNT(*) FROM tags) t, (SELECT last_value FROM change_seq) seq`,
      ),
    );

  const hostileString = fc.oneof(
    fc.string(),
    fc.constantFrom(
      '<script>alert(1)</script>',
      '\u202Eevil\u202C',
      "'; DROP TABLE contributions; --",
      '\u0000',
      '../../etc/passwd',
      '%00',
      'x'.repeat(5000),
    ),
  );
  const json = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      hostileString,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(
        fc.oneof(hostileString, fc.constantFrom('__proto__', 'constructor', 'kind', 'id', 'mutations')),
        tie('value'),
        { maxKeys: 4 },
      ),
    ),
  })).value;
  const route = fc.constantFrom(
    ['POST', '/api/push'],
    ['GET', '/api/changes'],
    ['POST', '/api/contributions/c1/withdraw'],
    ['PUT', '/api/contributions/c1/translations/en'],
    ['GET', '/api/syntheses/x/history/1/state'],
    ['GET', '/api/translation-jobs'],
  );

  it('answers every request below 500, never crashes, and changes nothing stored', async () => {
    const before = await snapshot();
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        route,
        fc.oneof(
          json.map((v) => JSON.stringify(v)),
          hostileString,
        ),
        fc.oneof(
          fc.constant('application/json'),
          fc.constant('text/plain'),
          fc.constant('application/json; charset=utf-16'),
        ),
        fc.oneof(
          fc.constant(''),
          hostileString.map((s) => `?since=${encodeURIComponent(s)}&limit=${encodeURIComponent(s)}`),
        ),
        async ([method, path], body, type, query) => {
          runs += 1;
          const res = await fetch(`${server.url}${path}${method === 'GET' ? query : ''}`, {
            method,
            headers: { authorization: `Bearer ${token}`, 'content-type': type },
            body: method === 'GET' ? undefined : body,
          });
          await res.arrayBuffer();
          expect(res.status, `${method} ${path}`).toBeLessThan(500);
        },
      ),
      {
        numRuns: Number(process.env.FUZZ_RUNS ?? 300),
        seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined,
      },
    );
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    // Hostile input was refused: nothing applied. (A valid-by-chance mutation would show in applied_mutations.)
    expect(await snapshot()).toBe(before);
    console.log(`API fuzz: ${runs} hostile requests, 0 server errors, stored data unchanged`);
  });
});
