import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FromWorker, ToWorker } from '../../../renderer/sync/messages.js';
import { isFinalSyncError, needsSignIn } from '../../../renderer/sync/errors.js';
import { fakeChangeServer } from './fake-change-server.js';

/**
 * The sync worker as the page runs it, here with `self` played by an event
 * target: what it posts back, and every request it makes.
 */
const posted: FromWorker[] = [];
const worker = Object.assign(new EventTarget(), { postMessage: (message: FromWorker) => posted.push(message) });
const requests: string[] = [];
let answer: (path: string) => Response | Promise<Response> = () => Response.error();

const send = (data: ToWorker) => worker.dispatchEvent(new MessageEvent('message', { data }));
const refusal = (code: string, status = 401) =>
  new Response(JSON.stringify({ error: { code, message: code } }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const errors = () => posted.flatMap((m) => (m.type === 'error' ? [m.code] : []));

beforeAll(async () => {
  vi.stubGlobal('self', worker);
  vi.stubGlobal('fetch', async (input: string) => {
    const path = new URL(input).pathname;
    requests.push(path);
    return answer(path);
  });
  await import('../../../renderer/sync/sync-worker.js');
});
afterAll(() => {
  send({ type: 'stop' });
  vi.unstubAllGlobals();
});

describe('sync error kinds', () => {
  it('treats a revoked token as final and as a reason to sign in again, like an unknown one', () => {
    expect(isFinalSyncError('token-revoked')).toBe(true);
    expect(needsSignIn('token-revoked')).toBe(true);
    expect(needsSignIn('unauthorized')).toBe(true);
    for (const code of ['network', 'server-error', 'rate-limited', undefined]) {
      expect(isFinalSyncError(code)).toBe(false);
      expect(needsSignIn(code)).toBe(false);
    }
    expect(needsSignIn('protocol-mismatch')).toBe(false);
  });
});

describe('the sync worker', () => {
  it('stops knocking once the token is revoked: no retry, no live channel, no polling', async () => {
    answer = () => refusal('token-revoked');
    send({ type: 'start', baseUrl: 'http://127.0.0.1:9', token: 'revoked-token-0123456789' });
    await vi.waitFor(() => expect(errors()).toContain('token-revoked'));
    expect(posted).toContainEqual({ type: 'status', phase: 'error' });
    // Longer than the first retry (≤ 1.25 s) and the live channel's first reconnect (1 s).
    await sleep(50);
    const settled = requests.length;
    await sleep(2_500);
    expect(requests.length).toBe(settled);

    // Only the user asking tries again, once.
    send({ type: 'pull-now' });
    await vi.waitFor(() => expect(errors().filter((c) => c === 'token-revoked')).toHaveLength(2));
    expect(requests.slice(settled)).toEqual(['/api/changes']);
    await sleep(1_500);
    expect(requests.slice(settled)).toEqual(['/api/changes']);
  });

  it('listens again when a sync the user asked for succeeds', async () => {
    const empty = fakeChangeServer([]);
    answer = (path) =>
      path === '/api/changes'
        ? empty.fetch(`http://127.0.0.1:9${path}?since=0`)
        : new Response(new ReadableStream(), { status: 200, headers: { 'content-type': 'text/event-stream' } });
    const before = requests.length;
    send({ type: 'pull-now' });
    await vi.waitFor(() => expect(posted.at(-1)).toEqual({ type: 'status', phase: 'live' }));
    await vi.waitFor(() => expect(requests.slice(before)).toContain('/api/events'));
  });

  it('retries by itself after an error a retry can fix (the contrast: only final errors stop it)', async () => {
    answer = () => refusal('rate-limited', 429);
    send({ type: 'start', baseUrl: 'http://127.0.0.1:9', token: 'some-token-0123456789' });
    await vi.waitFor(() => expect(errors().at(-1)).toBe('rate-limited'));
    const pulls = () => requests.filter((path) => path === '/api/changes').length;
    const settled = pulls();
    await vi.waitFor(() => expect(pulls()).toBeGreaterThan(settled), { timeout: 4_000 });
  });
});
