import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openPglite, openPostgres, type Database } from '../../server/db/database.js';
import { buildPullPage } from '../../server/pull/changes.js';
import type { ParticipantId } from '../../shared/model/entities.js';
import { freshPostgresUrl, type Backend } from '../support/server-harness.js';

/**
 * A server of the single-seminar shape (the schema before events, migration
 * 7), populated through SQL of that schema, migrated: one event holds
 * everything and nothing is lost.
 */
const SINGLE_SEMINAR = `
INSERT INTO participants (id, name, roles, language) VALUES
  ('alice', 'Alice', '{rapporteur,expert}', 'fr'), ('bob', 'Bob', '{expert}', 'en'), ('sec', 'Sec', '{secretariat}', 'en');
INSERT INTO tokens (hash, participant_id, device_name) VALUES ('h-alice', 'alice', 'laptop'), ('h-bob', 'bob', '');
INSERT INTO themes (id, track, code, ord, title, seq) VALUES ('t1', 'legal', 'I', 1, '{"en":"Governance"}', nextval('change_seq'));
INSERT INTO questions (id, track, theme, code, ord, title, context, media, seq) VALUES
  ('q1', 'legal', 'I', 'I.i', 1, '{"en":"Q one"}', '{}', '[]', nextval('change_seq')),
  ('q2', 'legal', 'I', 'I.ii', 2, '{"en":"Q two"}', '{}', '[]', nextval('change_seq'));
INSERT INTO seminar_sessions (id, day, date, ord, title, question_ids, seq) VALUES
  ('s1', 1, '2017-02-01', 1, '{"en":"Day one"}', '["q1"]', nextval('change_seq')),
  ('s2', 2, '2017-02-02', 2, '{"en":"Day two"}', '["q2"]', nextval('change_seq'));
INSERT INTO tombstones (entity, id, seq) VALUES ('session', 's0', nextval('change_seq'));
INSERT INTO contributions (id, question_id, author_name, author_kind, language, status, created_at, updated_at, chars, seq)
  VALUES ('c1', 'q1', 'A', 'individual', 'en', 'published', now(), now(), 30, nextval('change_seq'));
INSERT INTO text_versions (contribution_id, language, text, origin, engine, source_version)
  VALUES ('c1', 'en', 'States should exercise diligence', 'original', NULL, 1);
INSERT INTO tags (id, label, color, status, ord, seq) VALUES ('due', '{"en":"Due diligence"}', '#336699', 'active', 1, nextval('change_seq'));
INSERT INTO annotations (id, author_id, author_name, contribution_id, language, target, note, tags, visibility,
  created_at, updated_at, seq) VALUES
  ('11111111-1111-4111-8111-111111111111', 'alice', 'Alice', 'c1', 'en',
   '{"sourceVersion":1,"textHash":"h","quote":{"exact":"diligence","prefix":"","suffix":""},"position":{"start":23,"end":32}}',
   'ALICE-PRIVATE', '[]', 'private', now(), now(), nextval('change_seq')),
  ('22222222-2222-4222-8222-222222222222', 'bob', 'Bob', 'c1', 'en',
   '{"sourceVersion":1,"textHash":"h","quote":{"exact":"States","prefix":"","suffix":""},"position":{"start":0,"end":6}}',
   'BOB-SHARED', '["due"]', 'seminar', now(), now(), nextval('change_seq'));
INSERT INTO read_states (participant_id, contribution_id, read, starred, updated_at, seq)
  VALUES ('bob', 'c1', true, true, now(), nextval('change_seq'));
INSERT INTO syntheses (id, question_id, title, language, created_by, created_by_name, seq)
  VALUES ('syn1', 'q1', 'SYNTHESIS-ONE', 'fr', 'alice', 'Alice', nextval('change_seq'));
INSERT INTO synthesis_updates (synthesis_id, update, author_id, author_name, seq)
  VALUES ('syn1', '\\x0000', 'alice', 'Alice', nextval('change_seq'));
INSERT INTO invitations (code_hash, participant_id, expires_at) VALUES ('code-1', 'bob', now() + interval '1 day')
`;

/** Every table of the old schema, each row as JSON in a stable order: what must survive the migration unchanged. */
const OLD_TABLES: Record<string, string> = {
  participants: 'id',
  tokens: 'hash',
  themes: 'id',
  questions: 'id',
  seminar_sessions: 'id',
  tombstones: 'entity, id',
  contributions: 'id',
  text_versions: 'contribution_id, language',
  tags: 'id',
  annotations: 'id',
  read_states: 'participant_id, contribution_id',
  syntheses: 'id',
  synthesis_updates: 'id',
  synthesis_history: 'id',
  invitations: 'code_hash',
  applied_mutations: 'mutation_id',
  translation_layers: 'contribution_id, language, layer',
  translation_jobs: 'id',
};
/**
 * Columns later migrations add (events; then threads' reply_to, issue 23; a session's programme, issue 18; the
 * proceedings' synthesis part and translation job kind and unit, issue 20): not in the old rows.
 */
const NEW_COLUMNS = new Set(['event_id', 'left_events', 'reply_to', 'format', 'speakers', 'part', 'kind', 'unit_hash']);

async function snapshot(db: Database): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(OLD_TABLES)) {
    const rows = await db.query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${order}`);
    out[table] = rows.map((row) =>
      JSON.stringify(Object.fromEntries(Object.entries(row).filter(([k]) => !NEW_COLUMNS.has(k)))),
    );
  }
  return out;
}

const statements = (sql: string) =>
  sql
    .split(/;\n/)
    .map((s) => s.trim())
    .filter(Boolean);

describe.each<Backend>(['pglite', 'postgres'])('migrating a single-seminar database on %s', (backend) => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  /** Opens the same database twice: first at the schema before events, then migrated to the latest. */
  async function oldThenNew(): Promise<{ before: Record<string, unknown[]>; headBefore: number; db: Database }> {
    let reopen: () => Promise<Database>;
    let old: Database;
    if (backend === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'events-migration-'));
      dirs.push(dir);
      old = await openPglite(dir, undefined, { migrateUpTo: 7 });
      reopen = () => openPglite(dir);
    } else {
      const url = await freshPostgresUrl(inject('pgUrl'));
      old = await openPostgres(url, { migrateUpTo: 7 });
      reopen = () => openPostgres(url);
    }
    expect((await old.query<{ n: number }>('SELECT max(id) AS n FROM schema_migrations'))[0]!.n).toBe(7);
    for (const statement of statements(SINGLE_SEMINAR)) await old.query(statement);
    const before = await snapshot(old);
    const [{ head }] = (await old.query<{ head: string }>('SELECT last_value AS head FROM change_seq')) as [
      { head: string },
    ];
    await old.close();
    return { before, headBefore: Number(head), db: await reopen() };
  }

  it('gives one event everything, every participant with their roles, and loses nothing', async () => {
    const { before, headBefore, db } = await oldThenNew();
    try {
      expect(await snapshot(db)).toEqual(before);
      const events = await db.query<Record<string, unknown>>('SELECT * FROM events');
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        id: 'seminar',
        kind: 'closed-seminar',
        starts_on: '2017-02-01',
        ends_on: '2017-02-02',
        status: 'running',
        visibility: 'closed',
      });
      expect(Object.keys(events[0]!.title as object).sort()).toHaveLength(10);
      const members = await db.query<{ participant_id: string; roles: string[] }>(
        'SELECT participant_id, roles FROM event_members ORDER BY participant_id',
      );
      expect(members.map((m) => [m.participant_id, [...m.roles].sort()])).toEqual([
        ['alice', ['expert', 'rapporteur']],
        ['bob', ['expert']],
        ['sec', ['secretariat']],
      ]);
      expect(
        (await db.query<{ question_id: string }>('SELECT question_id FROM event_questions ORDER BY ord')).map(
          (r) => r.question_id,
        ),
      ).toEqual(['q1', 'q2']);
      for (const table of ['seminar_sessions', 'annotations', 'syntheses', 'invitations'])
        expect(
          (await db.query<{ e: string | null }>(`SELECT DISTINCT event_id AS e FROM ${table}`)).map((r) => r.e),
          table,
        ).toEqual(['seminar']);
      expect((await db.query('SELECT event_id FROM tombstones'))[0]).toEqual({ event_id: 'seminar' });

      // Alice's device, in sync before the upgrade, pulls two changes: the event and her membership in it.
      const epoch = 'e';
      const since = headBefore;
      const page = await buildPullPage(db, {
        since,
        limit: 100,
        head: 1e9,
        epoch,
        participantId: 'alice' as ParticipantId,
      });
      expect(page.changes.map((c) => c.kind)).toEqual(['event', 'event']);
      expect(page.changes[1]).toMatchObject({
        kind: 'event',
        record: { id: 'seminar', roles: ['rapporteur', 'expert'] },
      });
      // A new device of Bob's gets the whole seminar, Alice's private note as an id only.
      const all = await buildPullPage(db, {
        since: 0,
        limit: 1000,
        head: 1e9,
        epoch,
        participantId: 'bob' as ParticipantId,
      });
      const raw = JSON.stringify(all);
      expect(all.changes.filter((c) => c.kind === 'session').map((c) => c.record.eventId)).toEqual([
        'seminar',
        'seminar',
      ]);
      expect(raw).toContain('BOB-SHARED');
      expect(raw).toContain('SYNTHESIS-ONE');
      expect(raw).not.toContain('ALICE-PRIVATE');
      expect(all.changes.some((c) => c.kind === 'annotation-hidden')).toBe(true);
    } finally {
      await db.close();
    }
  });
});
