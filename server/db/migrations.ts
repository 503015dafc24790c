import { randomBytes } from 'node:crypto';
import type { Database } from './database.js';

/** Applied in order, once each, recorded in schema_migrations; the same on PGlite and PostgreSQL. */
const MIGRATIONS: { id: number; sql: string }[] = [
  {
    id: 1,
    sql: `
CREATE SEQUENCE change_seq;
CREATE TABLE server_meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE themes (id text PRIMARY KEY, track text NOT NULL, code text NOT NULL, ord int NOT NULL,
  title jsonb NOT NULL, version int NOT NULL DEFAULT 1, seq bigint NOT NULL);
CREATE INDEX themes_seq ON themes (seq);
CREATE TABLE questions (id text PRIMARY KEY, track text NOT NULL, theme text NOT NULL, code text NOT NULL,
  ord int NOT NULL, title jsonb NOT NULL, context jsonb NOT NULL, media jsonb NOT NULL,
  version int NOT NULL DEFAULT 1, seq bigint NOT NULL);
CREATE INDEX questions_seq ON questions (seq);
CREATE TABLE seminar_sessions (id text PRIMARY KEY, day int NOT NULL, date text NOT NULL, ord int NOT NULL,
  title jsonb NOT NULL, question_ids jsonb NOT NULL, version int NOT NULL DEFAULT 1, seq bigint NOT NULL);
CREATE INDEX seminar_sessions_seq ON seminar_sessions (seq);
CREATE TABLE contributions (id text PRIMARY KEY, question_id text NOT NULL REFERENCES questions(id),
  author_name text NOT NULL, author_kind text NOT NULL, language text NOT NULL, status text NOT NULL,
  version int NOT NULL DEFAULT 1, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
  seq bigint NOT NULL);
CREATE INDEX contributions_seq ON contributions (seq);
CREATE TABLE text_versions (contribution_id text NOT NULL REFERENCES contributions(id), language text NOT NULL,
  text text NOT NULL, origin text NOT NULL, engine text, source_version int NOT NULL,
  PRIMARY KEY (contribution_id, language));
CREATE TABLE tombstones (entity text NOT NULL, id text NOT NULL, seq bigint NOT NULL, PRIMARY KEY (entity, id));
CREATE INDEX tombstones_seq ON tombstones (seq);
CREATE TABLE participants (id text PRIMARY KEY, name text NOT NULL, roles text[] NOT NULL, language text NOT NULL);
CREATE TABLE tokens (hash text PRIMARY KEY, participant_id text NOT NULL REFERENCES participants(id),
  created_at timestamptz NOT NULL DEFAULT now(), last_used_at timestamptz);
`,
  },
  {
    // The seminar's codebook and participants' annotations. An annotation's
    // target keeps its contribution and language as columns (checked, indexed)
    // and the rest (versions, hash, selectors) as jsonb.
    id: 2,
    sql: `
CREATE TABLE tags (id text PRIMARY KEY, label jsonb NOT NULL, color text NOT NULL,
  status text NOT NULL CHECK (status IN ('active', 'proposed')), proposed_by text REFERENCES participants(id),
  ord int NOT NULL, version int NOT NULL DEFAULT 1, seq bigint NOT NULL);
CREATE INDEX tags_seq ON tags (seq);
CREATE TABLE annotations (id text PRIMARY KEY, author_id text NOT NULL REFERENCES participants(id),
  author_name text NOT NULL, contribution_id text NOT NULL REFERENCES contributions(id), language text NOT NULL,
  target jsonb NOT NULL, note text NOT NULL, tags jsonb NOT NULL,
  visibility text NOT NULL CHECK (visibility IN ('private', 'seminar')),
  created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, version int NOT NULL DEFAULT 1,
  deleted boolean NOT NULL DEFAULT false, seq bigint NOT NULL);
CREATE INDEX annotations_seq ON annotations (seq);
CREATE INDEX annotations_author ON annotations (author_id);
`,
  },
  {
    // Push idempotency and participants' read state.
    //
    // applied_mutations: one row per pushed mutation id with the result it got
    // (applied, conflict or rejected, in the wire shape of this protocol
    // version), written in the same transaction as the write itself, so a
    // resend answers the same and changes nothing. Kept for a long time: a
    // device offline for months still gets its results. Pruning, if ever, only
    // for rows older than a year; a resend of a pruned id would be applied
    // again (harmless for a put that meets the same content, a conflict
    // otherwise, never a silent overwrite). A protocol version that changes
    // record shapes must migrate these results too.
    //
    // read_states: a participant's read/star state per contribution, served
    // by the pull to that participant only; its seq comes from change_seq like
    // every other synced row.
    id: 3,
    sql: `
CREATE TABLE applied_mutations (mutation_id uuid PRIMARY KEY,
  participant_id text NOT NULL REFERENCES participants(id), kind text NOT NULL, result jsonb NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE read_states (participant_id text NOT NULL REFERENCES participants(id),
  contribution_id text NOT NULL REFERENCES contributions(id), read boolean NOT NULL, starred boolean NOT NULL,
  updated_at timestamptz NOT NULL, version int NOT NULL DEFAULT 1, seq bigint NOT NULL,
  PRIMARY KEY (participant_id, contribution_id));
CREATE INDEX read_states_seq ON read_states (seq);
CREATE INDEX read_states_participant_seq ON read_states (participant_id, seq);
`,
  },
  {
    // Characters of text per contribution, so a pull page can stop at its size
    // cap without summing every candidate's ten texts. Whoever writes
    // text_versions keeps it (today: the import).
    id: 4,
    sql: `
ALTER TABLE contributions ADD COLUMN chars int NOT NULL DEFAULT 0;
UPDATE contributions c SET chars = COALESCE((SELECT SUM(length(t.text)) FROM text_versions t WHERE t.contribution_id = c.id), 0)
`,
  },
  {
    // Contributions written in the app, their translation, and moderation.
    //
    // contributions.author_id: the participant who wrote it in the app (null
    // for imported ones); only they edit it. withdrawn_*: the secretariat's
    // decision, kept with its reason.
    //
    // translation_layers: every translation ever made or attached, one row per
    // (contribution, language, layer), so a machine re-translation never
    // overwrites a human correction; text_versions stays what is served.
    //
    // translation_jobs: one per (contribution, source version, target): the
    // unique key means a text version is never sent twice for one target.
    // Claimed with FOR UPDATE SKIP LOCKED and a lease (locked_until, lease): a
    // job whose worker died is claimed again once its lease ran out, and a
    // worker whose lease was taken over cannot write its result.
    id: 5,
    sql: `
ALTER TABLE contributions ADD COLUMN author_id text REFERENCES participants(id);
ALTER TABLE contributions ADD COLUMN withdrawn_reason text;
ALTER TABLE contributions ADD COLUMN withdrawn_at timestamptz;
ALTER TABLE contributions ADD COLUMN withdrawn_by text REFERENCES participants(id);
CREATE TABLE translation_layers (contribution_id text NOT NULL REFERENCES contributions(id), language text NOT NULL,
  layer text NOT NULL CHECK (layer IN ('machine', 'human')), text text NOT NULL, engine text,
  source_version int NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(), updated_by text,
  PRIMARY KEY (contribution_id, language, layer));
CREATE TABLE translation_jobs (id bigserial PRIMARY KEY, contribution_id text NOT NULL REFERENCES contributions(id),
  source_version int NOT NULL, source_language text NOT NULL, target_language text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'superseded')),
  attempts int NOT NULL DEFAULT 0, next_attempt_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz, lease text, last_error text, engine text,
  created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contribution_id, source_version, target_language));
CREATE INDEX translation_jobs_ready ON translation_jobs (next_attempt_at) WHERE status IN ('queued', 'running');
INSERT INTO translation_layers (contribution_id, language, layer, text, engine, source_version)
  SELECT contribution_id, language, origin, text, engine, source_version FROM text_versions WHERE origin <> 'original'
`,
  },
  {
    // Syntheses: a record each, and their text as CRDT (Yjs) updates, each row
    // a change every participant pulls. Compaction replaces a synthesis's rows
    // by one merged update (new seq: clients apply it idempotently) and keeps a
    // snapshot in synthesis_history, so who changed what and when survives it.
    id: 6,
    sql: `
CREATE TABLE syntheses (id text PRIMARY KEY, question_id text NOT NULL REFERENCES questions(id),
  title text NOT NULL, language text NOT NULL, created_by text NOT NULL REFERENCES participants(id),
  created_by_name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), version int NOT NULL DEFAULT 1,
  seq bigint NOT NULL);
CREATE INDEX syntheses_seq ON syntheses (seq);
CREATE TABLE synthesis_updates (id bigserial PRIMARY KEY, synthesis_id text NOT NULL REFERENCES syntheses(id),
  update bytea NOT NULL, author_id text REFERENCES participants(id), author_name text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(), merged int NOT NULL DEFAULT 1, seq bigint NOT NULL);
CREATE INDEX synthesis_updates_seq ON synthesis_updates (seq);
CREATE INDEX synthesis_updates_synthesis ON synthesis_updates (synthesis_id, seq);
CREATE TABLE synthesis_history (id bigserial PRIMARY KEY, synthesis_id text NOT NULL REFERENCES syntheses(id),
  state bytea NOT NULL, authors text[] NOT NULL, from_at timestamptz NOT NULL, to_at timestamptz NOT NULL,
  updates int NOT NULL, up_to_seq bigint NOT NULL)
`,
  },
  {
    // Invitations and devices. A code is single-use and expires; only its hash
    // is kept, like tokens'. Each token is one device, named by its user,
    // listed and revocable; a revoked token is kept (who, when) but refused.
    id: 7,
    sql: `
CREATE TABLE invitations (code_hash text PRIMARY KEY, participant_id text NOT NULL REFERENCES participants(id),
  created_at timestamptz NOT NULL DEFAULT now(), expires_at timestamptz NOT NULL, used_at timestamptz,
  token_hash text);
ALTER TABLE tokens ADD COLUMN device_name text NOT NULL DEFAULT '';
ALTER TABLE tokens ADD COLUMN revoked_at timestamptz
`,
  },
  {
    // Briefing materials (issue 21): metadata here, bytes in the blob store
    // under their SHA-256. The owner is a question or an event, kept as kind
    // and id without a foreign key (events arrive with issue 18); the write
    // checks that a question owner exists.
    id: 30,
    sql: `
CREATE TABLE materials (id text PRIMARY KEY,
  owner_kind text NOT NULL CHECK (owner_kind IN ('question', 'event')), owner_id text NOT NULL,
  title jsonb NOT NULL, description jsonb NOT NULL, media_type text NOT NULL, size bigint NOT NULL,
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'), created_by text REFERENCES participants(id),
  created_at timestamptz NOT NULL DEFAULT now(), version int NOT NULL DEFAULT 1,
  deleted boolean NOT NULL DEFAULT false, seq bigint NOT NULL);
CREATE INDEX materials_seq ON materials (seq);
CREATE INDEX materials_owner ON materials (owner_kind, owner_id)
`,
  },
];

export async function migrate(db: Database): Promise<void> {
  await db.transaction(async (tx) => {
    // Two instances starting together must not both migrate.
    await tx.query('SELECT pg_advisory_xact_lock(727000)');
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await tx.query<{ id: number }>('SELECT id FROM schema_migrations')).map((r) => r.id));
    for (const migration of MIGRATIONS) {
      if (done.has(migration.id)) continue;
      for (const statement of migration.sql
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean)) {
        await tx.query(statement);
      }
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
    }
    await tx.query(`INSERT INTO server_meta (key, value) VALUES ('epoch', $1) ON CONFLICT (key) DO NOTHING`, [
      randomBytes(12).toString('base64url'),
    ]);
  });
}

export async function readEpoch(db: Database): Promise<string> {
  const [row] = await db.query<{ value: string }>(`SELECT value FROM server_meta WHERE key = 'epoch'`);
  return row!.value;
}
