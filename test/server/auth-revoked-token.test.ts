import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createInvitation, revokeDevice } from '../../server/auth/invitations.js';
import type { Participant } from '../../shared/model/entities.js';
import { hashToken, issueToken, upsertParticipant } from '../../server/auth/tokens.js';
import { isApiError } from '../../shared/protocol/errors.js';
import { startTestServer } from '../support/server-harness.js';

type Server = Awaited<ReturnType<typeof startTestServer>>;

const as =
  (server: Server, token: string) =>
  (path: string, init: RequestInit = {}) =>
    fetch(server.url + path, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });

const push = (server: Server, token: string) =>
  as(server, token)('/api/push', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mutations: [] }),
  });

/** The error code of a refusal, checked against the wire shape every error has. */
async function refusal(response: Response): Promise<{ status: number; code: string }> {
  const body: unknown = await response.json();
  if (!isApiError(body)) throw new Error(`not an API error: ${JSON.stringify(body)}`);
  return { status: response.status, code: body.error.code };
}

const redeem = async (server: Server, participantId: string, deviceName: string) => {
  const { code } = await createInvitation(server.db, participantId);
  const res = await fetch(`${server.url}/api/auth/redeem`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code, deviceName }),
  });
  return ((await res.json()) as { token: string }).token;
};

describe('a revoked device', () => {
  let server: Server;
  let secretariat: Participant;

  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), { translator: null });
    await upsertParticipant(server.db, { id: 'lena', name: 'Lena Vogel', roles: ['expert'], language: 'de' });
    secretariat = await upsertParticipant(server.db, {
      id: 'secretariat',
      name: 'Secretariat',
      roles: ['secretariat'],
      language: 'fr',
    });
  });
  afterAll(() => server?.close());

  it('is told its token was revoked on its next pull, push and event stream; its owner’s other device goes on', async () => {
    const laptop = await redeem(server, 'lena', 'Laptop');
    const office = await redeem(server, 'lena', 'Office');
    expect((await as(server, laptop)('/api/changes?since=0')).status).toBe(200);
    const { devices } = (await (await as(server, office)('/api/devices')).json()) as {
      devices: { id: string; name: string }[];
    };
    const laptopId = devices.find((d) => d.name === 'Laptop')!.id;
    expect((await as(server, office)(`/api/devices/${laptopId}`, { method: 'DELETE' })).status).toBe(200);

    for (const path of ['/api/changes?since=0', '/api/me', '/api/events', '/api/devices'])
      expect(await refusal(await as(server, laptop)(path))).toEqual({ status: 401, code: 'token-revoked' });
    expect(await refusal(await push(server, laptop))).toEqual({ status: 401, code: 'token-revoked' });
    expect((await as(server, office)('/api/changes?since=0')).status).toBe(200);
  });

  it('gets the same answer when the secretariat revokes it through the store', async () => {
    const token = await issueToken(server.db, 'lena', 'Tablet');
    expect(await revokeDevice(server.db, secretariat, hashToken(token).slice(0, 16))).toHaveLength(1);
    expect(await refusal(await as(server, token)('/api/changes?since=0'))).toEqual({
      status: 401,
      code: 'token-revoked',
    });
  });

  it('leaves unknown and malformed tokens with the generic answer: nothing says which tokens exist', async () => {
    const unknown = 'x'.repeat(43);
    expect(await refusal(await as(server, unknown)('/api/changes?since=0'))).toEqual({
      status: 401,
      code: 'unauthorized',
    });
    expect(await refusal(await push(server, unknown))).toEqual({ status: 401, code: 'unauthorized' });
    expect(await refusal(await as(server, 'short')('/api/me'))).toEqual({ status: 401, code: 'unauthorized' });
    expect(await refusal(await fetch(`${server.url}/api/me`))).toEqual({ status: 401, code: 'unauthorized' });
  });
});

describe('a revoked token and the rate limit', () => {
  let server: Server;

  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), {
      translator: null,
      limits: { authFailuresPerMinute: 4 },
    });
  });
  afterAll(() => server?.close());

  it('counts each attempt as a failed sign-in of the address, like an unknown token', async () => {
    const revoked = await issueToken(server.db, 'tester', 'Old laptop');
    await server.db.query('UPDATE tokens SET revoked_at = now() WHERE hash = $1', [hashToken(revoked)]);
    const answers: string[] = [];
    for (let i = 0; i < 3; i++) answers.push((await refusal(await as(server, revoked)('/api/me'))).code);
    answers.push((await refusal(await as(server, 'y'.repeat(43))('/api/me'))).code);
    expect(answers).toEqual(['token-revoked', 'token-revoked', 'token-revoked', 'unauthorized']);
    // Four failures: the address now waits for every token that fails; a valid one still gets in.
    const blocked = await as(server, revoked)('/api/me');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await server.get('/api/me')).status).toBe(200);
  });
});
