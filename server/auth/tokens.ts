import { createHash, randomBytes } from 'node:crypto';
import type { Participant, ParticipantId, Role } from '../../shared/model/entities.js';
import type { Lang } from '../../shared/languages.js';
import type { Queryable } from '../db/database.js';

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

export async function participantForToken(db: Queryable, token: string): Promise<Participant | undefined> {
  const rows = await db.query<{ id: string; name: string; roles: string[]; language: string }>(
    `UPDATE tokens SET last_used_at = now() FROM participants p
     WHERE tokens.hash = $1 AND tokens.revoked_at IS NULL AND p.id = tokens.participant_id
     RETURNING p.id, p.name, p.roles, p.language`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return undefined;
  return { id: row.id as ParticipantId, name: row.name, roles: row.roles as Role[], language: row.language as Lang };
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
  id: 'demo-expert',
  name: 'Demo expert',
  roles: ['expert', 'rapporteur', 'delegate'] as Role[],
  language: 'en' as Lang,
};
