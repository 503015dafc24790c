import { mkdtempSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ERROR_CODES } from '../../shared/protocol/errors.js';
import { PROTOCOL_HEADER } from '../../shared/protocol/pull.js';
import { ROLES } from '../../shared/model/entities.js';
import { startTestServer } from '../support/server-harness.js';

/**
 * Every answer carries the security headers and every error the project's
 * shape: every route of the server's own route table (with and without a
 * token, and with an undecodable parameter), and every kind of error Fastify,
 * its router and Node's HTTP parser produce before our handlers run.
 */
const SECURITY = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cache-control': 'no-store',
};

interface Answer {
  status: number;
  headers: Headers | Map<string, string>;
  body: string;
}

function expectSecure(answer: Answer, what: string) {
  for (const [name, value] of Object.entries(SECURITY))
    expect(answer.headers.get(name), `${what}: ${name}`).toBe(value);
  expect(answer.headers.get('content-security-policy'), `${what}: csp`).toContain("frame-ancestors 'none'");
}

/** An error body is exactly `{ error: { code, message, details? } }` with a known code. */
function expectErrorShape(answer: Answer, what: string) {
  const parsed = JSON.parse(answer.body) as { error?: Record<string, unknown> };
  expect(Object.keys(parsed), `${what}: ${answer.body}`).toEqual(['error']);
  const { code, message, ...rest } = parsed.error!;
  expect(ERROR_CODES, `${what}: ${answer.body}`).toContain(code);
  expect(typeof message, what).toBe('string');
  expect(
    Object.keys(rest).filter((k) => k !== 'details'),
    what,
  ).toEqual([]);
}

/** A request on a bare socket, for what fetch refuses to send; the answer parsed by hand. */
function rawRequest(url: string, request: string): Promise<Answer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(request));
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      const [statusLine, ...lines] = head!.split('\r\n');
      const headers = new Map(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine!.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
  });
}

const concrete = (url: string, param?: string) =>
  url.replace(/:[a-zA-Z]+/g, (name) => param ?? (name === ':upTo' ? '1' : name === ':lang' ? 'en' : 'c1'));

describe('security headers and error shape on every answer', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let token: string;

  beforeAll(async () => {
    const staticDir = mkdtempSync(join(tmpdir(), 'static-'));
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(staticDir, 'app.js'), 'console.log(1)');
    server = await startTestServer('pglite', inject('pgUrl'), {
      translator: null,
      staticDir,
      // Anonymous calls count as failed sign-ins; this test is about headers, not limits.
      limits: { authFailuresPerMinute: 100_000 },
    });
    token = (await server.signIn({ id: 'all', name: 'All roles', roles: [...ROLES] })).token;
  });
  afterAll(() => server?.close());

  const call = async (method: string, path: string, init: RequestInit = {}): Promise<Answer> => {
    const controller = new AbortController();
    const res = await fetch(server.url + path, { method, ...init, signal: controller.signal });
    // The event stream never ends: its head is what is checked.
    const body = res.headers.get('content-type')?.startsWith('text/event-stream') ? '' : await res.text();
    controller.abort();
    return { status: res.status, headers: res.headers, body };
  };

  it('on every route of the route table, with and without a token, and with an undecodable parameter', async () => {
    // Signing out revokes the caller's token: that route goes last.
    const signOutLast = (r: { url: string }) => (r.url === '/api/auth/sign-out' ? 1 : 0);
    const routes = server.app.routeTable
      .filter((r) => r.url.startsWith('/api/'))
      .sort((a, b) => signOutLast(a) - signOutLast(b));
    expect(routes.length).toBeGreaterThan(10);
    let checked = 0;
    for (const { method, url } of routes) {
      const body = method === 'GET' || method === 'HEAD' ? undefined : '{}';
      const json: Record<string, string> = body ? { 'content-type': 'application/json' } : {};
      const params = url.includes(':') ? [concrete(url), concrete(url, '%ff')] : [url];
      for (const path of params) {
        for (const auth of [{}, { authorization: `Bearer ${token}` }] as Record<string, string>[]) {
          const what = `${method} ${path} ${'authorization' in auth ? 'signed in' : 'anonymous'}`;
          const answer = await call(method, path, { headers: { ...json, ...auth }, body });
          expectSecure(answer, what);
          if (answer.status >= 400 && method !== 'HEAD') expectErrorShape(answer, what);
          if (path.includes('%ff')) expect(answer.status, what).toBe(400);
          checked += 1;
        }
      }
    }
    console.log(`security headers: ${checked} answers over ${routes.length} routes`);
  });

  it('on the event stream, whose reply is written by hand', async () => {
    const { token: fresh } = await server.signIn({ id: 'streamer', name: 'Streamer' });
    const answer = await call('GET', '/api/events', { headers: { authorization: `Bearer ${fresh}` } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/event-stream');
    expectSecure(answer, 'events');
  });

  it('on the web page and its files', async () => {
    for (const path of ['/', '/app.js', '/some/route/of/the/app']) {
      const answer = await call('GET', path);
      expect(answer.status, path).toBe(200);
      expectSecure(answer, path);
      expect(answer.headers.get('content-security-policy'), path).toContain("default-src 'self'");
    }
  });

  const big = JSON.stringify({ code: 'x'.repeat(10_000) });
  const frameworkErrors: [string, () => Promise<Answer>, number, string][] = [
    ['undecodable URL (FST_ERR_BAD_URL)', () => call('GET', '/api/contributions/%ff'), 400, 'bad-request'],
    // find-my-way drops a route whose parameter passes maxParamLength: not found.
    ['parameter too long', () => call('GET', `/api/contributions/${'a'.repeat(500)}`), 404, 'not-found'],
    ['unknown route', () => call('GET', '/api/nope'), 404, 'not-found'],
    ['unknown method', () => call('PATCH', '/api/push', { body: '{}' }), 404, 'not-found'],
    [
      'malformed JSON',
      () => call('POST', '/api/auth/redeem', { headers: { 'content-type': 'application/json' }, body: '{' }),
      400,
      'malformed-json',
    ],
    [
      'empty JSON body',
      () => call('POST', '/api/auth/redeem', { headers: { 'content-type': 'application/json' }, body: '' }),
      400,
      'bad-request',
    ],
    [
      'body too large',
      () => call('POST', '/api/auth/redeem', { headers: { 'content-type': 'application/json' }, body: big }),
      413,
      'payload-too-large',
    ],
    [
      'unsupported media type',
      () => call('POST', '/api/auth/redeem', { headers: { 'content-type': 'application/xml' }, body: '<a/>' }),
      415,
      'unsupported-media-type',
    ],
    [
      'protocol mismatch',
      () => call('GET', '/api/health', { headers: { [PROTOCOL_HEADER]: '999' } }),
      409,
      'protocol-mismatch',
    ],
    ['no token', () => call('GET', '/api/me'), 401, 'unauthorized'],
    ['malformed HTTP request line', () => rawRequest(server.url, 'GARBAGE\r\n\r\n'), 400, 'bad-request'],
    [
      'headers too large',
      () => rawRequest(server.url, `GET /api/health HTTP/1.1\r\nhost: x\r\nx-big: ${'a'.repeat(20_000)}\r\n\r\n`),
      431,
      'bad-request',
    ],
  ];

  it.each(frameworkErrors)('on a framework error: %s', async (what, send, status, code) => {
    const answer = await send();
    expect(answer.status, `${what}: ${answer.body}`).toBe(status);
    expectSecure(answer, what);
    expectErrorShape(answer, what);
    expect((JSON.parse(answer.body) as { error: { code: string } }).error.code).toBe(code);
  });
});
