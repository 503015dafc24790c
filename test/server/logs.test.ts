import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createInvitation } from '../../server/auth/invitations.js';
import { importLines } from '../../server/import/import-jsonl.js';
import { startTestServer } from '../support/server-harness.js';
import { contributionPut } from './contribution-fixtures.js';
import { annotationPut, PUSH_CORPUS } from './push-fixtures.js';

/**
 * Issue 9: no tokens and no contribution texts in the server's logs. The
 * server logs every request; this reads what it wrote while a delegate
 * signed in with an invitation, submitted a contribution, wrote a note and
 * pulled, and a stranger knocked with a made-up token.
 */
const TEXT = 'Un texte confidentiel sur la diligence raisonnable que seuls les participants lisent.';
const NOTE = 'Une note privée sur ce passage, à ne jamais journaliser.';
const STRANGER = 'made-up-token-abcdefghijklmnop';

describe('server logs', () => {
  const lines: string[] = [];
  let server: Awaited<ReturnType<typeof startTestServer>>;

  beforeAll(async () => {
    server = await startTestServer('pglite', inject('pgUrl'), {
      translator: null,
      logger: true,
      logStream: { write: (line: string) => void lines.push(line) },
    });
    expect((await importLines(server.db, PUSH_CORPUS)).rejected).toEqual([]);
  });

  afterAll(() => server.close());

  it('record the requests, but neither tokens, invitation codes, contribution texts nor notes', async () => {
    const delegate = await server.signIn({ id: 'del', name: 'Delegate', roles: ['delegate'] });
    const { code } = await createInvitation(server.db, 'del');
    const redeemed = await fetch(`${server.url}/api/auth/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName: 'laptop' }),
    });
    const { token: laptopToken } = (await redeemed.json()) as { token: string };
    const pushed = await delegate.post('/api/push', {
      mutations: [contributionPut({ language: 'fr', text: TEXT }), annotationPut({ note: NOTE })],
    });
    expect(pushed.status).toBe(200);
    expect((await delegate.get('/api/changes?since=0&limit=100')).status).toBe(200);
    const refused = await fetch(`${server.url}/api/changes?since=0`, {
      headers: { authorization: `Bearer ${STRANGER}` },
    });
    expect(refused.status).toBe(401);

    const log = lines.join('');
    // The log is written at all, and does record these requests.
    expect(log).toContain('/api/push');
    expect(log).toContain('/api/auth/redeem');
    expect(log).toContain('/api/changes');
    for (const secret of [delegate.token, laptopToken, STRANGER, code, TEXT, NOTE])
      expect(log.includes(secret), `the log holds ${secret.slice(0, 12)}…`).toBe(false);
    // Nor in pieces: the distinctive words of the text and the note.
    expect(log).not.toMatch(/confidentiel|journaliser/);
  });
});
