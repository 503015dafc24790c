import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { pullPageSchema, type Change } from '../../shared/protocol/pull.js';
import type { Tag } from '../../shared/model/annotations.js';
import { importJsonlFile, importLines } from '../../server/import/import-jsonl.js';
import { DEMO_CORPUS } from '../../server/demo/seed-demo.js';
import { activateTag, proposeTag, type TagProposal } from '../../server/codebook/tag-store.js';
import { currentHead, openPostgres } from '../../server/db/database.js';
import type { WriteResult } from '../../server/write-result.js';
import { freshPostgresUrl, runAdmin, startTestServer, type Backend } from '../support/server-harness.js';

const tagLine = (id: string, extra: Record<string, unknown> = {}) => ({
  type: 'tag',
  id,
  order: 1,
  color: '#1f77b4',
  label: { fr: 'Diligence raisonnable', en: 'Due diligence' },
  ...extra,
});
const lines = (records: unknown[]) => records.map((r) => JSON.stringify(r));

function applied(result: WriteResult<Tag>): Tag {
  if (result.status !== 'applied') throw new Error(`expected applied, got ${JSON.stringify(result)}`);
  return result.record;
}

describe.each<Backend>(['pglite', 'postgres'])('codebook on %s', (backend) => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  type Device = Awaited<ReturnType<typeof server.signIn>>;
  let alice: Device;
  let bob: Device;

  beforeAll(async () => {
    server = await startTestServer(backend, inject('pgUrl'));
    alice = await server.signIn({ id: 'alice', name: 'Alice' });
    bob = await server.signIn({ id: 'bob', name: 'Bob' });
  });
  afterAll(() => server?.close());

  const tagsPulledBy = async (device: Device): Promise<Map<string, Tag>> => {
    const res = await device.get('/api/changes?since=0&limit=1000');
    const page = pullPageSchema.parse(await res.json());
    expect(page.hasMore).toBe(false);
    const tags = new Map<string, Tag>();
    for (const change of page.changes as Change[]) if (change.kind === 'tag') tags.set(change.record.id, change.record);
    return tags;
  };

  it('imports tag lines as active tags, rejects bad ones with their line numbers, and is idempotent', async () => {
    const records = lines([
      tagLine('due-diligence'),
      tagLine('attribution', { order: 2, color: '#ff7f0e', label: { en: 'Attribution', ar: 'الإسناد' } }),
      tagLine('upper', { color: '#1F77B4' }),
      tagLine('klingon', { label: { tlh: 'Qapla’' } }),
      tagLine('blank', { label: { en: '  ' } }),
      tagLine('extra', { status: 'proposed' }),
      tagLine('long', { label: { en: 'x'.repeat(81) } }),
      { type: 'tag', id: 'no-order', color: '#000000', label: { en: 'No order' } },
    ]);
    const counts = await importLines(server.db, records);
    expect(counts).toMatchObject({ tags: 2, unchanged: 0 });
    expect(counts.rejected.map((r) => r.line)).toEqual([3, 4, 5, 6, 7, 8]);
    expect(counts.rejected.map((r) => r.reason)).toEqual([
      expect.stringMatching(/colour/),
      expect.stringMatching(/unknown language "tlh"/),
      expect.stringMatching(/label in at least one language/),
      expect.stringMatching(/status/),
      expect.stringMatching(/label\.en/),
      expect.stringMatching(/order/),
    ]);
    const head = await currentHead(server.db);
    expect(await importLines(server.db, records)).toMatchObject({ tags: 0, unchanged: 2 });
    expect(await currentHead(server.db)).toBe(head);

    const tags = await tagsPulledBy(bob);
    expect(tags.get('due-diligence')).toEqual({
      id: 'due-diligence',
      label: { fr: 'Diligence raisonnable', en: 'Due diligence' },
      color: '#1f77b4',
      status: 'active',
      proposedBy: null,
      order: 1,
      version: 1,
    });

    // An updated line updates the tag, never duplicates it.
    expect(await importLines(server.db, lines([tagLine('due-diligence', { color: '#000000' })]))).toMatchObject({
      tags: 1,
    });
    expect((await tagsPulledBy(bob)).get('due-diligence')).toMatchObject({ color: '#000000', version: 2 });
  });

  it('rejects a line with text the database cannot store, alone', async () => {
    const counts = await importLines(
      server.db,
      lines([tagLine('nul', { label: { en: 'a\u0000b' } }), tagLine('fine', { order: 9 })]),
    );
    expect(counts).toMatchObject({ tags: 1 });
    expect(counts.rejected).toEqual([{ line: 1, reason: expect.stringMatching(/^label\.en: .*NUL character/) }]);
  });

  it('shows a proposed tag to everyone as proposed, with its proposer', async () => {
    const proposal: TagProposal = { id: 'hack-back', label: { en: 'Hack-back' }, color: '#d62728' };
    const proposed = applied(await proposeTag(server.db, alice.participant, proposal));
    expect(proposed).toMatchObject({ status: 'proposed', proposedBy: 'alice', version: 1 });
    expect(proposed.order).toBeGreaterThan(9);
    expect((await tagsPulledBy(bob)).get('hack-back')).toEqual(proposed);

    // Resent: nothing changes. Reworded by its proposer: a new version.
    const head = await currentHead(server.db);
    expect(await proposeTag(server.db, alice.participant, proposal)).toEqual({ status: 'applied', record: proposed });
    expect(await currentHead(server.db)).toBe(head);
    const reworded = applied(
      await proposeTag(server.db, alice.participant, { ...proposal, label: { en: 'Hack-back', fr: 'Hack-back' } }),
    );
    expect(reworded).toMatchObject({ version: 2, label: { fr: 'Hack-back' } });

    // Someone else's proposal, or an active tag, is not anyone else's to change.
    expect(await proposeTag(server.db, bob.participant, { ...proposal, label: { en: 'Mine' } })).toEqual({
      status: 'conflict',
      current: reworded,
    });
    expect(
      await proposeTag(server.db, alice.participant, { id: 'attribution', label: { en: 'X' }, color: '#000000' }),
    ).toMatchObject({ status: 'conflict', current: { id: 'attribution', status: 'active' } });
  });

  it('rejects malformed proposals', async () => {
    const bad: TagProposal[] = [
      { id: 'x', label: {}, color: '#000000' },
      { id: 'x', label: { en: 'X' }, color: 'red' },
      { id: 'bad id', label: { en: 'X' }, color: '#000000' },
      { id: 'x', label: { xx: 'X' } as TagProposal['label'], color: '#000000' },
    ];
    for (const proposal of bad) {
      expect(await proposeTag(server.db, alice.participant, proposal)).toMatchObject({
        status: 'rejected',
        reason: 'validation-failed',
      });
    }
  });

  it('activates a proposal keeping its words, and an import line makes a proposal active too', async () => {
    applied(
      await proposeTag(server.db, bob.participant, { id: 'sovereignty', label: { en: 'Sov' }, color: '#9467bd' }),
    );
    const active = applied(await activateTag(server.db, { id: 'sovereignty', label: { fr: 'Souveraineté' } }));
    expect(active).toMatchObject({
      status: 'active',
      proposedBy: 'bob',
      color: '#9467bd',
      label: { en: 'Sov', fr: 'Souveraineté' },
      version: 2,
    });
    expect(await activateTag(server.db, { id: 'brand-new', label: { en: 'New' } })).toMatchObject({
      status: 'rejected',
      message: expect.stringMatching(/colour/),
    });

    applied(await proposeTag(server.db, bob.participant, { id: 'norms', label: { en: 'Norms' }, color: '#e377c2' }));
    expect(
      await importLines(server.db, lines([tagLine('norms', { label: { en: 'Norms of behaviour' } })])),
    ).toMatchObject({ tags: 1 });
    expect((await tagsPulledBy(alice)).get('norms')).toMatchObject({
      status: 'active',
      label: { en: 'Norms of behaviour' },
      color: '#1f77b4',
    });
  });

  it('imports the demo corpus with its whole codebook', async () => {
    const counts = await importJsonlFile(server.db, DEMO_CORPUS);
    expect(counts.rejected).toEqual([]);
    const tags = await tagsPulledBy(alice);
    for (const id of ['due-diligence', 'attribution', 'hack-back', 'countermeasures', 'human-rights-online']) {
      expect(tags.get(id), id).toMatchObject({ status: 'active' });
      expect(Object.keys(tags.get(id)!.label), id).toHaveLength(10);
    }
  });
});

describe('admin tag add', () => {
  const admin = (databaseUrl: string, args: string[]) => runAdmin(databaseUrl, ['tag', 'add', ...args]);

  it('creates an active tag, adds a label to it, and refuses bad usage', async () => {
    const url = await freshPostgresUrl(inject('pgUrl'));
    const created = await admin(url, ['--id', 'capacity', '--color', '#bcbd22', '--label', 'en=Capacity building']);
    expect(created.code, created.stderr).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({
      id: 'capacity',
      status: 'active',
      label: { en: 'Capacity building' },
    });

    const more = await admin(url, ['--id', 'capacity', '--label', 'fr=Renforcement des capacités']);
    expect(more.code, more.stderr).toBe(0);
    expect(JSON.parse(more.stdout)).toMatchObject({
      label: { en: 'Capacity building', fr: 'Renforcement des capacités' },
      color: '#bcbd22',
      version: 2,
    });

    for (const args of [
      ['--id', 'x', '--label', 'Capacity'],
      ['--id', 'x', '--color', '#BCBD22', '--label', 'en=X'],
    ]) {
      const bad = await admin(url, args);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/label|colour/);
    }

    const db = await openPostgres(url);
    try {
      expect(await db.query('SELECT id FROM tags ORDER BY id')).toEqual([{ id: 'capacity' }]);
    } finally {
      await db.close();
    }
  });
});
