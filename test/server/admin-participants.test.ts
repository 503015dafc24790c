import { describe, expect, inject, it } from 'vitest';
import { openPostgres } from '../../server/db/database.js';
import { redeemInvitation } from '../../server/auth/invitations.js';
import { participantForToken } from '../../server/auth/tokens.js';
import { freshPostgresUrl, runAdmin } from '../support/server-harness.js';

/** Issue 16, item 3: `participant add` says the id that `invite` needs; `invite --name` and `participant list`. */
describe('admin participant commands', () => {
  it('prints the new participant’s id with its token, lists participants, and invites by id or by name', async () => {
    const url = await freshPostgresUrl(inject('pgUrl'));
    const added = await runAdmin(url, ['participant', 'add', '--name', 'Amina Diallo', '--role', 'delegate']);
    expect(added.code, added.stderr).toBe(0);
    const id = /^participant: (p-[a-z0-9]+)$/m.exec(added.stdout)?.[1];
    const token = /^token: ([A-Za-z0-9_-]{43})$/m.exec(added.stdout)?.[1];
    expect(id, added.stdout).toBeDefined();
    expect(token, added.stdout).toBeDefined();

    const list = await runAdmin(url, ['participant', 'list']);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(`${id}\tAmina Diallo\tdelegate\ten\t1 device(s)`);

    const db = await openPostgres(url);
    try {
      expect((await participantForToken(db, token!))?.id).toBe(id);
      for (const how of [
        ['--participant', id!],
        ['--name', 'Amina Diallo'],
      ]) {
        const invited = await runAdmin(url, ['invite', ...how]);
        expect(invited.code, invited.stderr).toBe(0);
        const code = /invitation code: (\S+)/.exec(invited.stdout)![1]!;
        const session = await redeemInvitation(db, { code, deviceName: 'Laptop' });
        expect(session?.participant.id).toBe(id);
      }
    } finally {
      await db.close();
    }

    const unknown = await runAdmin(url, ['invite', '--name', 'Nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no participant named "Nobody" (npm run admin -- participant list shows them)');
    // Await in turn: ids are made from the clock.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await runAdmin(url, ['participant', 'add', '--name', 'Amina Diallo', '--role', 'expert']);
    const ambiguous = await runAdmin(url, ['invite', '--name', 'Amina Diallo']);
    expect(ambiguous.code).toBe(1);
    expect(ambiguous.stderr).toMatch(
      /2 participants are named "Amina Diallo": p-\w+, p-\w+; choose one with --participant ID/,
    );
  });
});
