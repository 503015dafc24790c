import { describe, expect, inject, it } from 'vitest';
import { openPostgres } from '../../server/db/database.js';
import { redeemInvitation } from '../../server/auth/invitations.js';
import { freshPostgresUrl, runAdmin } from '../support/server-harness.js';

/** Issue 18: `admin event add|list|close`, `participant add --event`, `participant remove`, `invite --event`. */
describe('admin event commands', () => {
  it('adds, lists and closes events; puts people in them with roles per event; invites to one event', async () => {
    const url = await freshPostgresUrl(inject('pgUrl'));
    const ok = async (args: string[]) => {
      const run = await runAdmin(url, args);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(0);
      return run.stdout;
    };
    const refused = async (args: string[], message: string) => {
      const run = await runAdmin(url, args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toContain(message);
    };
    await refused(['event', 'add', '--id', 'x', '--title', 'en=X', '--starts', '2017-13-01'], '--starts:');
    await refused(['event', 'add', '--id', 'x', '--starts', '2017-02-01'], 'an event needs a title');
    await refused(
      ['event', 'add', '--id', 'x', '--title', 'en=X', '--starts', '2017-02-02', '--ends', '2017-02-01'],
      'endsOn is before startsOn',
    );
    await refused(
      ['event', 'add', '--id', 'x', '--title', 'en=X', '--starts', '2017-02-01', '--kind', 'party'],
      '--kind:',
    );
    expect(await ok(['event', 'list'])).toContain('no events yet');
    expect(
      await ok([
        'event',
        'add',
        '--id',
        'feb',
        '--title',
        'en=February seminar',
        '--title',
        'fr=Séminaire de février',
        '--starts',
        '2017-02-01',
        '--ends',
        '2017-02-02',
        '--place',
        'SGDSN',
        '--status',
        'running',
      ]),
    ).toContain('event feb: saved');
    await ok([
      'event',
      'add',
      '--id',
      'apr',
      '--kind',
      'conference',
      '--title',
      'en=Conference',
      '--starts',
      '2017-04-06',
      '--ends',
      '2017-04-07',
      '--visibility',
      'open',
    ]);
    const list = await ok(['event', 'list']);
    expect(list).toContain(
      'feb\tclosed-seminar\t2017-02-01…2017-02-02\trunning\tclosed\t0 member(s)\tFebruary seminar',
    );
    expect(list).toContain('apr\tconference\t2017-04-06…2017-04-07\tpreparing\topen\t0 member(s)\tConference');

    await refused(
      ['participant', 'add', '--name', 'Amina', '--role', 'rapporteur'],
      '--event is required: this server holds 2 events',
    );
    await refused(
      ['participant', 'add', '--name', 'Amina', '--role', 'rapporteur', '--event', 'nope'],
      'no event "nope"',
    );
    const added = await ok(['participant', 'add', '--name', 'Amina', '--role', 'rapporteur', '--event', 'feb']);
    const id = /^participant: (\S+)$/m.exec(added)![1]!;
    expect(added).toContain('event: feb');
    // The same person joins the conference as a delegate.
    expect(await ok(['participant', 'add', '--participant', id, '--role', 'delegate', '--event', 'apr'])).not.toContain(
      'token:',
    );
    await refused(['invite', '--participant', id, '--event', 'nope'], 'is not a member of event "nope"');
    const invited = await ok(['invite', '--participant', id, '--event', 'apr']);
    expect(invited).toContain('event apr');
    const db = await openPostgres(url);
    try {
      const roles = await db.query<{ event_id: string; roles: string[] }>(
        'SELECT event_id, roles FROM event_members WHERE participant_id = $1 ORDER BY event_id',
        [id],
      );
      expect(roles).toEqual([
        { event_id: 'apr', roles: ['delegate'] },
        { event_id: 'feb', roles: ['rapporteur'] },
      ]);
      const code = /invitation code: (\S+)/.exec(invited)![1]!;
      expect((await redeemInvitation(db, { code, deviceName: 'Laptop' }))?.participant.id).toBe(id);
    } finally {
      await db.close();
    }
    expect(await ok(['participant', 'remove', '--participant', id, '--event', 'apr'])).toContain('removed from apr');
    await refused(['participant', 'remove', '--participant', id, '--event', 'apr'], 'is not a member of event apr');
    expect(await ok(['event', 'close', 'feb'])).toContain('event feb: closed');
    await refused(['event', 'close', 'nope'], 'no event "nope"');
    expect(await ok(['event', 'list'])).toContain('feb\tclosed-seminar\t2017-02-01…2017-02-02\tclosed');
  });
});
