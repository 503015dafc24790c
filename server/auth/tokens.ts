import { createHash, randomBytes } from 'node:crypto';
import { DEMO_PARTICIPANT_ID, type Participant, type ParticipantId, type Role } from '../../shared/model/entities.js';
import type { Lang } from '../../shared/languages.js';
import type { Database, Queryable } from '../db/database.js';
import { ApiFailure } from '../api-failure.js';
import { StorageFullError } from '../db/storage-guard.js';

/** Only the hash is stored: a stolen database copy does not hand out sessions. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new device token (256 random bits); `deviceName` is what the user called the device. */
export async function issueToken(db: Queryable, participantId: string, deviceName = ''): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.query('INSERT INTO tokens (hash, participant_id, device_name) VALUES ($1, $2, $3)', [
    hashToken(token),
    participantId,
    deviceName,
  ]);
  return token;
}

/**
 * A token that was revoked. Its holder is told so (401 `token-revoked`), so
 * the app can say why it is locked out rather than "invalid token": only
 * someone who holds that very token can get this answer, so it tells a
 * guesser nothing about which tokens exist. It still counts as a failed
 * sign-in for the address (server/app.ts, requireParticipant).
 */
export class TokenRevoked extends ApiFailure {
  constructor() {
    super(401, 'token-revoked', "this device's token was revoked; ask the secretariat for a new invitation");
  }
}

/** What a live token opens: its participant, and the events its device signed out of (pull/pull-scope.ts). */
export interface TokenSession {
  participant: Participant;
  leftEvents: string[];
}

/**
 * A token's last use is written at most once a minute per token: the device
 * list shows it to the minute, and a room of first syncs (hundreds of pulls a
 * second) then reads tokens without writing one row per request.
 */
const LAST_USE_EVERY_MS = 60_000;
const lastUseWritten = new WeakMap<Queryable, Map<string, number>>();

/** The session of a live token; undefined for an unknown token; throws TokenRevoked for a revoked one. */
export async function sessionForToken(db: Queryable, token: string): Promise<TokenSession | undefined> {
  const hash = hashToken(token);
  type Row = { id: string; name: string; roles: string[]; language: string; left_events: string[] };
  const read = () =>
    db.query<Row>(
      `SELECT p.id, p.name, p.roles, p.language, tokens.left_events FROM tokens, participants p
       WHERE tokens.hash = $1 AND tokens.revoked_at IS NULL AND p.id = tokens.participant_id`,
      [hash],
    );
  // The embedded database answers from memory until its next write: a revocation, a sign-out, a role
  // change are writes, so none is missed (db/database.ts, untilWrite).
  const [row] =
    'untilWrite' in db && db.untilWrite ? await (db as Database).untilWrite!(`token ${hash}`, read) : await read();
  if (!row) {
    // Looked up by hash only, as above: the failure path costs one more query, the common path none.
    const revoked = await db.query('SELECT 1 FROM tokens WHERE hash = $1 AND revoked_at IS NOT NULL', [hash]);
    if (revoked.length > 0) throw new TokenRevoked();
    return undefined;
  }
  await noteLastUse(db, hash);
  return {
    participant: {
      id: row.id as ParticipantId,
      name: row.name,
      roles: row.roles as Role[],
      language: row.language as Lang,
    },
    leftEvents: row.left_events ?? [],
  };
}

/** The participant a live token belongs to (see sessionForToken). */
export async function participantForToken(db: Queryable, token: string): Promise<Participant | undefined> {
  return (await sessionForToken(db, token))?.participant;
}

async function noteLastUse(db: Queryable, hash: string): Promise<void> {
  let written = lastUseWritten.get(db);
  if (!written) lastUseWritten.set(db, (written = new Map()));
  const now = Date.now();
  if (now - (written.get(hash) ?? -Infinity) < LAST_USE_EVERY_MS) return;
  written.set(hash, now);
  try {
    await db.query('UPDATE tokens SET last_used_at = now() WHERE hash = $1', [hash]);
  } catch (error) {
    // On a full disk the sign-in still works for reading; only the last-use date waits.
    written.delete(hash);
    if (!(error instanceof StorageFullError)) throw error;
  }
}

export async function upsertParticipant(db: Queryable, p: { id: string; name: string; roles: Role[]; language: Lang }) {
  await db.query(
    `INSERT INTO participants (id, name, roles, language) VALUES ($1,$2,$3,$4)
     ON CONFLICT (id) DO UPDATE SET name=$2, roles=$3, language=$4`,
    [p.id, p.name, p.roles, p.language],
  );
  return { ...p, id: p.id as ParticipantId } satisfies Participant;
}

export const DEMO_PARTICIPANT = {
  id: DEMO_PARTICIPANT_ID,
  name: 'Demo expert',
  roles: ['expert', 'rapporteur', 'delegate'] as Role[],
  language: 'en' as Lang,
};
