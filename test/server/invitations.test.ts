import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CODE_PATTERN, createInvitation, newInvitationCode, normalizeCode } from '../../server/auth/invitations.js';
import { upsertParticipant } from '../../server/auth/tokens.js';
import { startTestServer } from '../support/server-harness.js';

describe('invitations and devices', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  const redeem = (code: string, deviceName = 'Laptop') =>
    fetch(`${server.url}/api/auth/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName }),
    });
  const as =
    (token: string) =>
    (path: string, init: RequestInit = {}) =>
      fetch(server.url + path, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });

  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), {
      translator: null,
      limits: { authFailuresPerMinute: 8 },
    });
    await upsertParticipant(server.db, { id: 'amina', name: 'Amina Diallo', roles: ['delegate'], language: 'fr' });
    await upsertParticipant(server.db, { id: 'omar', name: 'Omar Haddad', roles: ['expert'], language: 'ar' });
  });
  afterAll(() => server?.close());

  it('makes codes of 160 random bits, in groups easy to type, forgiving case and look-alikes', () => {
    const codes = new Set(Array.from({ length: 1000 }, newInvitationCode));
    expect(codes.size).toBe(1000);
    for (const code of codes) expect(code).toMatch(CODE_PATTERN);
    const code = [...codes][0]!;
    expect(normalizeCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(code);
    expect(normalizeCode('oooo-iiii')).toBe('0000-1111');
  });

  it('a code signs in one device once; it cannot be used again, nor after it expires', async () => {
    const { code } = await createInvitation(server.db, 'amina');
    const first = await redeem(code.toLowerCase());
    expect(first.status).toBe(200);
    const { token, participant } = (await first.json()) as { token: string; participant: { id: string } };
    expect(participant.id).toBe('amina');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await as(token)('/api/me')).status).toBe(200);
    const again = await redeem(code);
    expect(again.status).toBe(401);
    expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/already used, or expired/);

    const expired = await createInvitation(server.db, 'amina', 1);
    await server.db.query(`UPDATE invitations SET expires_at = now() - interval '1 minute'`);
    expect((await redeem(expired.code)).status).toBe(401);
    // Only hashes are stored.
    const stored = JSON.stringify(await server.db.query('SELECT * FROM invitations'));
    expect(stored).not.toContain(code);
    expect(stored).not.toContain(token);
  });

  it('lists a participant’s devices and revokes one: its next request fails, the others go on', async () => {
    const laptop = (await (await redeem((await createInvitation(server.db, 'omar')).code, 'Laptop')).json()) as {
      token: string;
    };
    const desktop = (await (await redeem((await createInvitation(server.db, 'omar')).code, 'Office')).json()) as {
      token: string;
    };
    const list = (await (await as(desktop.token)('/api/devices')).json()) as {
      devices: { id: string; name: string; current: boolean; revokedAt: string | null }[];
    };
    expect(list.devices.map((d) => [d.name, d.current])).toEqual([
      ['Laptop', false],
      ['Office', true],
    ]);
    const laptopId = list.devices[0]!.id;
    // Another participant cannot revoke it (and learns nothing of it).
    const amina = (await (await redeem((await createInvitation(server.db, 'amina')).code)).json()) as { token: string };
    expect((await as(amina.token)(`/api/devices/${laptopId}`, { method: 'DELETE' })).status).toBe(404);
    expect((await as(desktop.token)(`/api/devices/${laptopId}`, { method: 'DELETE' })).status).toBe(200);
    const refused = await as(laptop.token)('/api/changes?since=0');
    expect(refused.status).toBe(401);
    expect((await as(desktop.token)('/api/changes?since=0')).status).toBe(200);
    const after = (await (await as(desktop.token)('/api/devices')).json()) as {
      devices: { revokedAt: string | null }[];
    };
    expect(after.devices[0]!.revokedAt).not.toBeNull();
  });

  it('makes an address that keeps trying codes wait', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await redeem('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH')).status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(8);
    expect(statuses.at(-1)).toBe(429);
  });
});
