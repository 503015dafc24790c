import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createInvitation } from '../../server/auth/invitations.js';
import { parseTrustProxy } from '../../server/security/trust-proxy.js';
import { startTestServer } from '../support/server-harness.js';

/**
 * Behind a reverse proxy every client arrives from the proxy's address. With
 * --trust-proxy the limits key on the address the proxy forwards; without it
 * the forwarded header is ignored (a client cannot name itself another
 * address). Either way a valid token is never refused for anyone's failures,
 * and a code or token whose beginning is being tried from many addresses
 * waits.
 */
const LIMIT = 5;
const OUTSIDER = '203.0.113.9';
const PARTICIPANT = '198.51.100.7';
const forwarded = (address: string) => ({ 'x-forwarded-for': address });

describe.each([
  ['trusted (hop count)', 1],
  ['trusted (proxy address)', ['127.0.0.1', '::1']],
  ['not trusted', undefined],
] as const)('behind a proxy, %s', (_name, trustProxy) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let participant: Awaited<ReturnType<typeof server.signIn>>;
  const trusted = trustProxy !== undefined;

  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), {
      translator: null,
      limits: { authFailuresPerMinute: LIMIT },
      trustProxy: trustProxy as number | string[] | undefined,
    });
    participant = await server.signIn({ id: 'p1', name: 'Participant' });
  });
  afterAll(() => server?.close());

  const me = (token: string, from: string) =>
    fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${token}`, ...forwarded(from) } });
  const redeem = (code: string, from: string) =>
    fetch(`${server.url}/api/auth/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...forwarded(from) },
      body: JSON.stringify({ code, deviceName: 'laptop' }),
    });
  const randomToken = () => Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url');

  it('makes the guessing address wait, and never refuses a valid token', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 16; i++) statuses.push((await me(randomToken(), OUTSIDER)).status);
    expect(statuses.slice(0, LIMIT)).toEqual(Array(LIMIT).fill(401));
    expect(new Set(statuses.slice(LIMIT))).toEqual(new Set([429]));
    // The outsider cannot step aside by naming another address in front of the proxy's.
    expect((await me(randomToken(), `${PARTICIPANT}, ${OUTSIDER}`)).status).toBe(429);
    expect((await me(participant.token, PARTICIPANT)).status).toBe(200);
    // Even from the guessing address itself: a valid token is proof enough.
    expect((await me(participant.token, OUTSIDER)).status).toBe(200);
  });

  it('lets another address redeem its invitation, and fail on its own, only when the proxy is trusted', async () => {
    const { code } = await createInvitation(server.db, participant.participant.id);
    const res = await redeem(code, PARTICIPANT);
    // Untrusted, every client is the proxy, whose address the outsider made wait.
    expect(res.status).toBe(trusted ? 200 : 429);
    expect((await redeem('0000-0000-0000-0000-0000-0000-0000-0000', '192.0.2.1')).status).toBe(trusted ? 401 : 429);
  });

  it.runIf(trusted)('makes a code wait whose beginning is tried from many addresses', async () => {
    const { code } = await createInvitation(server.db, participant.participant.id);
    const prefix = code.slice(0, 10); // XXXX-XXXX-
    const guess = (i: number) => `${prefix}${String(i).padStart(4, '0')}-0000-0000-0000-0000-0000`;
    const statuses: number[] = [];
    for (let i = 0; i < LIMIT + 2; i++) statuses.push((await redeem(guess(i), `192.0.2.${10 + i}`)).status);
    expect(statuses).toEqual([...Array(LIMIT).fill(401), 429, 429]);
    // The real code too: it is under attack and waits out the minute; another code does not.
    expect((await redeem(code, '192.0.2.100')).status).toBe(429);
    const other = await createInvitation(server.db, participant.participant.id);
    expect((await redeem(other.code, '192.0.2.101')).status).toBe(200);
  });

  it.runIf(trusted)(
    'makes a token prefix wait when tried from many addresses; the valid token still gets in',
    async () => {
      const prefix = participant.token.slice(0, 8);
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT + 2; i++)
        statuses.push((await me(prefix + randomToken().slice(8), `192.0.2.${50 + i}`)).status);
      expect(statuses).toEqual([...Array(LIMIT).fill(401), 429, 429]);
      expect((await me(participant.token, '192.0.2.99')).status).toBe(200);
    },
  );
});

describe('the --trust-proxy / TRUST_PROXY value', () => {
  it('takes a hop count or a list of addresses and ranges, and is off by default', () => {
    expect(parseTrustProxy(undefined)).toBeUndefined();
    expect(parseTrustProxy('')).toBeUndefined();
    expect(parseTrustProxy('0')).toBeUndefined();
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
  });

  it.each(['true', 'yes', '10.0.0.0/33', '10.0.0', 'nginx', '1,2', '99'])(
    'refuses %j with a clear message',
    (value) => {
      expect(() => parseTrustProxy(value)).toThrow(/trust-proxy/);
    },
  );
});
