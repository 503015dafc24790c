import { randomBytes } from 'node:crypto';
import type { Database } from './database.js';
import { LEGACY_EVENT_TITLE } from '../events/legacy-event.js';

/** Inlined in migration 9's SQL (no semicolon in it: the runner splits statements on them). */
const LEGACY_TITLE_SQL = JSON.stringify(LEGACY_EVENT_TITLE).replaceAll("'", "''");

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
  // 8–19: events (issue 18). See server/events/event-store.ts for the rules.
  {
    // Events, their members with roles per event, the questions on their
    // agendas; sessions, annotations, syntheses and invitations belong to an
    // event. event_members.seq is a change for that member alone (as
    // read_states): joining, a role change and a removal (removed_at set, row
    // kept) each take a new seq. tombstones.event_id scopes a removed session
    // to the event it was on. tokens.left_events: events this device signed
    // out of (the participant stays a member; the device stops pulling them).
    id: 8,
    sql: `
CREATE TABLE events (id text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('closed-seminar', 'seminar', 'conference', 'legal-seminar')),
  title jsonb NOT NULL, starts_on text NOT NULL, ends_on text NOT NULL, place text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('preparing', 'running', 'closed', 'archived')),
  visibility text NOT NULL CHECK (visibility IN ('closed', 'open')),
  version int NOT NULL DEFAULT 1, seq bigint NOT NULL);
CREATE INDEX events_seq ON events (seq);
CREATE TABLE event_members (event_id text NOT NULL REFERENCES events(id),
  participant_id text NOT NULL REFERENCES participants(id), roles text[] NOT NULL,
  joined_at timestamptz NOT NULL DEFAULT now(), removed_at timestamptz, seq bigint NOT NULL,
  PRIMARY KEY (event_id, participant_id));
CREATE INDEX event_members_participant_seq ON event_members (participant_id, seq);
CREATE INDEX event_members_seq ON event_members (seq);
CREATE TABLE event_questions (event_id text NOT NULL REFERENCES events(id),
  question_id text NOT NULL REFERENCES questions(id), ord int NOT NULL, PRIMARY KEY (event_id, question_id));
ALTER TABLE seminar_sessions ADD COLUMN event_id text REFERENCES events(id);
ALTER TABLE annotations ADD COLUMN event_id text REFERENCES events(id);
ALTER TABLE syntheses ADD COLUMN event_id text REFERENCES events(id);
ALTER TABLE tombstones ADD COLUMN event_id text;
ALTER TABLE invitations ADD COLUMN event_id text REFERENCES events(id);
ALTER TABLE tokens ADD COLUMN left_events text[] NOT NULL DEFAULT '{}';
CREATE INDEX seminar_sessions_event ON seminar_sessions (event_id, seq);
CREATE INDEX annotations_event ON annotations (event_id, seq);
CREATE INDEX syntheses_event ON syntheses (event_id)
`,
  },
  {
    // A server of the single-seminar shape becomes one event holding
    // everything: its sessions, every participant with their roles, every
    // question, every note and synthesis, pending invitations and session
    // tombstones. Nothing is deleted; nothing else moves. An empty server
    // gets no event (the import or `admin event add` makes the first). The
    // existing records keep their seqs, so devices already in sync pull only
    // the event and their membership (two changes), not everything again.
    id: 9,
    sql: `
INSERT INTO events (id, kind, title, starts_on, ends_on, place, status, visibility, seq)
  SELECT 'seminar', 'closed-seminar', '${LEGACY_TITLE_SQL}'::jsonb,
    COALESCE((SELECT MIN(date) FROM seminar_sessions), to_char(now(), 'YYYY-MM-DD')),
    COALESCE((SELECT MAX(date) FROM seminar_sessions), to_char(now(), 'YYYY-MM-DD')),
    '', 'running', 'closed', nextval('change_seq')
  WHERE EXISTS (SELECT 1 FROM seminar_sessions) OR EXISTS (SELECT 1 FROM participants)
    OR EXISTS (SELECT 1 FROM annotations) OR EXISTS (SELECT 1 FROM syntheses);
INSERT INTO event_questions (event_id, question_id, ord)
  SELECT 'seminar', id, row_number() OVER (ORDER BY ord, id) FROM questions WHERE EXISTS (SELECT 1 FROM events WHERE id = 'seminar');
INSERT INTO event_members (event_id, participant_id, roles, seq)
  SELECT 'seminar', id, roles, nextval('change_seq') FROM participants WHERE EXISTS (SELECT 1 FROM events WHERE id = 'seminar');
UPDATE seminar_sessions SET event_id = 'seminar';
UPDATE annotations SET event_id = 'seminar';
UPDATE syntheses SET event_id = 'seminar';
UPDATE invitations SET event_id = 'seminar';
UPDATE tombstones SET event_id = 'seminar' WHERE entity = 'session';
ALTER TABLE seminar_sessions ALTER COLUMN event_id SET NOT NULL;
ALTER TABLE syntheses ALTER COLUMN event_id SET NOT NULL
`,
  },
  // --- threads23: ids 20–29 ---
  {
    // Threads: the contribution a contribution answers, of the same question
    // (checked by the import and the push, which also refuse cycles).
    id: 20,
    sql: `
ALTER TABLE contributions ADD COLUMN reply_to text REFERENCES contributions(id);
CREATE INDEX contributions_reply_to ON contributions (reply_to) WHERE reply_to IS NOT NULL
`,
  },
  {
    // What machine translation costs. translation_usage: characters sent to a
    // provider per (day, provider, pair, kind of text), written in the same
    // transaction as the job's result, so a crash neither loses nor doubles a
    // count; a retry that sends the text again adds again (the provider bills
    // it). Several instances add to one row with an upsert. translation_prices:
    // the secretariat's price per million characters of each provider;
    // server_meta 'translation-budget' the budget in the same currency.
    id: 21,
    sql: `
CREATE TABLE translation_usage (day date NOT NULL, provider text NOT NULL, source_language text NOT NULL,
  target_language text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('contribution', 'synthesis', 'proceedings', 'subtitles')),
  chars bigint NOT NULL DEFAULT 0, requests bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (day, provider, source_language, target_language, kind));
CREATE TABLE translation_prices (provider text PRIMARY KEY, per_million numeric NOT NULL CHECK (per_million >= 0),
  updated_at timestamptz NOT NULL DEFAULT now())
`,
  },
  {
    // Briefing materials (issue 21): metadata here, bytes in the blob store
    // under their SHA-256. The owner is a question or an event, kept as kind
    // and id without a foreign key; the write checks that the owner exists.
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
  // --- events18b: ids 10–19 ---
  {
    // A conference's programme (issue 18): a session may be a keynote or a
    // panel, with its chair and speakers (name, role, affiliation, kind).
    id: 10,
    sql: `
ALTER TABLE seminar_sessions ADD COLUMN format text NOT NULL DEFAULT 'session'
  CHECK (format IN ('session', 'keynote', 'panel'));
ALTER TABLE seminar_sessions ADD COLUMN speakers jsonb NOT NULL DEFAULT '[]'
`,
  },
  {
    // Notes on briefing materials (issue 21): a PDF passage or a video's time
    // range, with the body, visibility and event of an annotation. The target
    // is kept whole (pdf: page, quote, position; media: start, end).
    id: 31,
    sql: `
CREATE TABLE material_notes (id text PRIMARY KEY, author_id text NOT NULL REFERENCES participants(id),
  author_name text NOT NULL, material_id text NOT NULL REFERENCES materials(id), target jsonb NOT NULL,
  note text NOT NULL, tags jsonb NOT NULL, visibility text NOT NULL CHECK (visibility IN ('private', 'seminar')),
  event_id text REFERENCES events(id), created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
  version int NOT NULL DEFAULT 1, deleted boolean NOT NULL DEFAULT false, seq bigint NOT NULL);
CREATE INDEX material_notes_seq ON material_notes (seq);
CREATE INDEX material_notes_event ON material_notes (event_id, seq)
`,
  },
  {
    // A video material's subtitle tracks (issue 21), one per language, as
    // cues of plain text; kept on the material's row so a pull carries them
    // with it, and a new track is a new version of the material.
    id: 32,
    sql: `ALTER TABLE materials ADD COLUMN subtitles jsonb NOT NULL DEFAULT '[]'::jsonb`,
  },
  // --- proceedings20b: ids 50–59 ---
  {
    // Proceedings (issue 20), one per event. proceedings.seq is the change
    // every member pulls: any write to a part of them (a review state, a
    // comment, a consent, an edition) takes a new seq there, and the pull
    // sends the whole record. review_trail keeps every move for good.
    // proceedings_editions: a published edition's input, frozen as the text
    // its content hash was taken of (never updated: a later publication with
    // other content is the next number). event_consents: a member's consent
    // to be named, theirs alone to set; no row means no.
    id: 50,
    sql: `
CREATE TABLE proceedings (event_id text PRIMARY KEY REFERENCES events(id), title text NOT NULL DEFAULT '',
  subtitle text NOT NULL DEFAULT '', publisher text NOT NULL DEFAULT '', language text NOT NULL DEFAULT 'en',
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'in-review', 'approved', 'published')),
  version int NOT NULL DEFAULT 1, seq bigint NOT NULL);
CREATE INDEX proceedings_seq ON proceedings (seq);
CREATE TABLE review_states (synthesis_id text PRIMARY KEY REFERENCES syntheses(id),
  state text NOT NULL CHECK (state IN ('draft', 'in-review', 'approved', 'published')));
CREATE TABLE review_trail (id bigserial PRIMARY KEY, event_id text NOT NULL REFERENCES events(id), target text NOT NULL,
  from_state text NOT NULL, to_state text NOT NULL, by_id text NOT NULL REFERENCES participants(id), by_name text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(), edition int);
CREATE INDEX review_trail_event ON review_trail (event_id, id);
CREATE TABLE review_comments (id text PRIMARY KEY, event_id text NOT NULL REFERENCES events(id),
  synthesis_id text NOT NULL REFERENCES syntheses(id), anchor jsonb, body text NOT NULL,
  author_id text NOT NULL REFERENCES participants(id), author_name text NOT NULL,
  reply_to text REFERENCES review_comments(id), resolved boolean NOT NULL DEFAULT false, resolved_by_name text,
  created_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX review_comments_event ON review_comments (event_id, created_at);
CREATE TABLE event_consents (event_id text NOT NULL REFERENCES events(id),
  participant_id text NOT NULL REFERENCES participants(id), consented boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (event_id, participant_id));
CREATE TABLE proceedings_editions (event_id text NOT NULL REFERENCES events(id), number int NOT NULL,
  language text NOT NULL, content_hash text NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'), input text NOT NULL,
  published_at timestamptz NOT NULL DEFAULT now(), published_by_name text NOT NULL,
  PRIMARY KEY (event_id, number))
`,
  },
  {
    // Proceedings in ten languages: a published edition is cut into units
    // (blocks of text and titles, shared/proceedings/translate-edition.ts),
    // each named by the hash of its language and text. proceedings_sources
    // holds a unit's text once; proceedings_units which units an edition has;
    // proceedings_translations the machine translation of a unit per target,
    // written once (a unit met again in a later edition is not sent again).
    // The jobs are the contributions' job table's: kind 'proceedings' rows
    // name their unit instead of a contribution.
    id: 51,
    sql: `
CREATE TABLE proceedings_sources (hash text NOT NULL, source_language text NOT NULL, text text NOT NULL,
  PRIMARY KEY (hash, source_language));
CREATE TABLE proceedings_units (event_id text NOT NULL REFERENCES events(id), number int NOT NULL, hash text NOT NULL,
  PRIMARY KEY (event_id, number, hash));
CREATE INDEX proceedings_units_hash ON proceedings_units (hash);
CREATE TABLE proceedings_translations (hash text NOT NULL, source_language text NOT NULL, target_language text NOT NULL,
  text text NOT NULL, engine text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hash, source_language, target_language));
ALTER TABLE translation_jobs ALTER COLUMN contribution_id DROP NOT NULL;
ALTER TABLE translation_jobs ADD COLUMN kind text NOT NULL DEFAULT 'contribution' CHECK (kind IN ('contribution', 'proceedings'));
ALTER TABLE translation_jobs ADD COLUMN unit_hash text;
ALTER TABLE translation_jobs ADD CONSTRAINT translation_jobs_kind_target CHECK
  ((kind = 'contribution' AND contribution_id IS NOT NULL) OR (kind = 'proceedings' AND unit_hash IS NOT NULL));
CREATE UNIQUE INDEX translation_jobs_unit ON translation_jobs (unit_hash, source_language, target_language) WHERE kind = 'proceedings'
`,
  },
  {
    // The foreword and closing remarks of an event's proceedings: syntheses
    // (the same CRDT editor, offline) of no question, one of each per event.
    id: 52,
    sql: `
ALTER TABLE syntheses ALTER COLUMN question_id DROP NOT NULL;
ALTER TABLE syntheses ADD COLUMN part text CHECK (part IN ('foreword', 'closing'));
ALTER TABLE syntheses ADD CONSTRAINT syntheses_question_or_part CHECK ((question_id IS NULL) = (part IS NOT NULL));
CREATE UNIQUE INDEX syntheses_event_part ON syntheses (event_id, part) WHERE part IS NOT NULL
`,
  },
  {
    // A person's correction of a machine-translated unit of an event's
    // proceedings, per unit hash and target language: a later edition whose
    // paragraph did not change (same hash) keeps it; the machine's text stays
    // in proceedings_translations, never overwritten either way.
    id: 53,
    sql: `
CREATE TABLE proceedings_corrections (event_id text NOT NULL REFERENCES events(id), hash text NOT NULL,
  source_language text NOT NULL, target_language text NOT NULL, text text NOT NULL,
  author_id text NOT NULL, corrected_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (event_id, hash, source_language, target_language))
`,
  },
  // --- mat21c: ids 33–39 ---
  {
    // A video's subtitles in the languages it lacks, through the translation
    // queue (issue 21), as proceedings do: each cue's text is a unit named by
    // its hash, held once in subtitle_sources, translated once per target
    // into subtitle_translations (never changed after); subtitle_units says
    // which units a material's original track has. A machine track is made
    // from the original's timings and these texts once every cue has one.
    id: 33,
    sql: `
CREATE TABLE subtitle_sources (hash text NOT NULL, source_language text NOT NULL, text text NOT NULL,
  PRIMARY KEY (hash, source_language));
CREATE TABLE subtitle_units (material_id text NOT NULL REFERENCES materials(id), hash text NOT NULL,
  PRIMARY KEY (material_id, hash));
CREATE INDEX subtitle_units_hash ON subtitle_units (hash);
CREATE TABLE subtitle_translations (hash text NOT NULL, source_language text NOT NULL, target_language text NOT NULL,
  text text NOT NULL, engine text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (hash, source_language, target_language));
ALTER TABLE translation_jobs DROP CONSTRAINT translation_jobs_kind_check;
ALTER TABLE translation_jobs ADD CONSTRAINT translation_jobs_kind_check
  CHECK (kind IN ('contribution', 'proceedings', 'subtitles'));
ALTER TABLE translation_jobs DROP CONSTRAINT translation_jobs_kind_target;
ALTER TABLE translation_jobs ADD CONSTRAINT translation_jobs_kind_target CHECK
  ((kind = 'contribution' AND contribution_id IS NOT NULL) OR (kind IN ('proceedings', 'subtitles') AND unit_hash IS NOT NULL));
CREATE UNIQUE INDEX translation_jobs_subtitle_unit ON translation_jobs (unit_hash, source_language, target_language)
  WHERE kind = 'subtitles'
`,
  },
  // --- quote20d (proceedings quotes): id 54 ---
  {
    // A quote of a published edition in the quoted contribution's own version
    // in another language (shared/proceedings/translate-edition.ts, QuoteVersion):
    // found at publication and kept with the edition, so that its machine
    // editions stay the same bytes while the corpus changes.
    id: 54,
    sql: `
CREATE TABLE proceedings_quotes (event_id text NOT NULL REFERENCES events(id), number int NOT NULL,
  quote_key text NOT NULL, target_language text NOT NULL, text text NOT NULL, origin text NOT NULL,
  engine text, source_version int NOT NULL, text_hash text NOT NULL,
  PRIMARY KEY (event_id, number, target_language, quote_key))
`,
  },
];

export async function migrate(db: Database, upTo = Infinity): Promise<void> {
  await db.transaction(async (tx) => {
    // Two instances starting together must not both migrate.
    await tx.query('SELECT pg_advisory_xact_lock(727000)');
    await tx.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (id int PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await tx.query<{ id: number }>('SELECT id FROM schema_migrations')).map((r) => r.id));
    for (const migration of MIGRATIONS) {
      if (done.has(migration.id) || migration.id > upTo) continue;
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
