import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { storableText } from '../../shared/text/storable-characters.js';
import type { Participant, ParticipantId, Role } from '../../shared/model/entities.js';
import type { Lang } from '../../shared/languages.js';
import type { Queryable } from '../db/database.js';
import { hashToken, issueToken } from './tokens.js';

/**
 * Invitation codes: 160 random bits in Crockford's base32 (no I, L, O, U:
 * nothing to misread), grouped by four to be typed from a letter or read out
 * on the phone. Single-use, expiring, stored as a hash only; a code is found
 * by its hash, so no comparison ever walks the secret byte by byte, and the
 * hash found is compared again in constant time.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_PATTERN = /^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/;
export const DEFAULT_INVITATION_HOURS = 72;

export function newInvitationCode(): string {
  const bytes = randomBytes(20); // 160 bits → 32 base32 characters
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** What a person typed, as the code it stands for: case, spaces and look-alike letters forgiven. */
export function normalizeCode(input: string): string {
  const chars = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return chars.match(/.{1,4}/g)?.join('-') ?? '';
}

/**
 * A code for one participant and (since events) one event they are a member
 * of: redeemed on a new device it signs that device in; on a device already
 * signed in as them (POST /api/auth/join-event) it adds the event to it.
 */
export async function createInvitation(
  db: Queryable,
  participantId: string,
  hours = DEFAULT_INVITATION_HOURS,
  eventId: string | null = null,
): Promise<{ code: string; expiresAt: string }> {
  const code = newInvitationCode();
  const [row] = await db.query<{ expires_at: Date }>(
    `INSERT INTO invitations (code_hash, participant_id, expires_at, event_id)
     VALUES ($1, $2, now() + ($3::int * interval '1 hour'), $4) RETURNING expires_at`,
    [hashToken(code), participantId, hours, eventId],
  );
  return { code, expiresAt: new Date(row!.expires_at).toISOString() };
}

export const redeemSchema = z.strictObject({
  code: storableText(z.string()).min(1).max(100),
  deviceName: storableText(z.string()).trim().max(100).default(''),
});

/**
 * Exchanges a valid, unused, unexpired code for a device token, once: the
 * code is marked used in the same statement that checks it, so two devices
 * racing with one code get one token between them. Null for any failure
 * (unknown, used or expired alike: nothing to learn from the answer).
 */
export async function redeemInvitation(
  db: Queryable,
  input: z.infer<typeof redeemSchema>,
): Promise<{ token: string; participant: Participant } | null> {
  const code = normalizeCode(input.code);
  if (!CODE_PATTERN.test(code)) return null;
  const hash = hashToken(code);
  const [row] = await db.query<{ code_hash: string; participant_id: string }>(
    `UPDATE invitations SET used_at = now() WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now()
     RETURNING code_hash, participant_id`,
    [hash],
  );
  if (!row || !timingSafeEqual(Buffer.from(row.code_hash), Buffer.from(hash))) return null;
  const token = await issueToken(db, row.participant_id, input.deviceName);
  await db.query('UPDATE invitations SET token_hash = $2 WHERE code_hash = $1', [hash, hashToken(token)]);
  const [p] = await db.query<{ id: string; name: string; roles: string[]; language: string }>(
    'SELECT id, name, roles, language FROM participants WHERE id = $1',
    [row.participant_id],
  );
  return {
    token,
    participant: {
      id: p!.id as ParticipantId,
      name: p!.name,
      roles: p!.roles as Role[],
      language: p!.language as Lang,
    },
  };
}

export const joinEventSchema = z.strictObject({ code: storableText(z.string()).min(1).max(100) });

/**
 * Adds the event of an invitation to a device already signed in as the
 * invited participant: the code is used up, the event leaves the device's
 * signed-out list, and the membership takes a new seq so the device's next
 * pull brings the event (and the app catches up on its older records).
 * Null for any failure, a code of another participant's included.
 */
export async function joinEventWithCode(
  db: Queryable,
  participantId: string,
  tokenHash: string,
  input: z.infer<typeof joinEventSchema>,
): Promise<{ eventId: string } | null> {
  const code = normalizeCode(input.code);
  if (!CODE_PATTERN.test(code)) return null;
  const hash = hashToken(code);
  const [row] = await db.query<{ code_hash: string; event_id: string | null }>(
    `UPDATE invitations SET used_at = now(), token_hash = $3
     WHERE code_hash = $1 AND participant_id = $2 AND used_at IS NULL AND expires_at > now() AND event_id IS NOT NULL
       AND EXISTS (SELECT 1 FROM event_members m WHERE m.event_id = invitations.event_id AND m.participant_id = $2
         AND m.removed_at IS NULL)
     RETURNING code_hash, event_id`,
    [hash, participantId, tokenHash],
  );
  if (!row || !timingSafeEqual(Buffer.from(row.code_hash), Buffer.from(hash))) return null;
  await db.query('UPDATE tokens SET left_events = array_remove(left_events, $2) WHERE hash = $1', [
    tokenHash,
    row.event_id,
  ]);
  await db.query(`UPDATE event_members SET seq = nextval('change_seq') WHERE event_id = $1 AND participant_id = $2`, [
    row.event_id,
    participantId,
  ]);
  return { eventId: row.event_id! };
}

export const leaveEventSchema = z.strictObject({ eventId: z.string().min(1).max(128) });

/**
 * Signs one device out of one event: the device stops pulling it (the app
 * has wiped it already); the participant stays a member, their other devices
 * keep it. The membership takes a new seq so the device's head moves past its
 * checkpoint. False when they are not in that event on this device.
 */
export async function leaveEventOnDevice(
  db: Queryable,
  participantId: string,
  tokenHash: string,
  eventId: string,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE tokens SET left_events = array_append(left_events, $3)
     WHERE hash = $1 AND NOT ($3 = ANY(left_events))
       AND EXISTS (SELECT 1 FROM event_members m WHERE m.event_id = $3 AND m.participant_id = $2 AND m.removed_at IS NULL)
     RETURNING hash`,
    [tokenHash, participantId, eventId],
  );
  if (!rows.length) return false;
  await db.query(`UPDATE event_members SET seq = nextval('change_seq') WHERE event_id = $1 AND participant_id = $2`, [
    eventId,
    participantId,
  ]);
  return true;
}

export interface Device {
  /** The first 16 hex characters of the token's hash: names the device, lets nobody in. */
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  current: boolean;
}

export async function listDevices(db: Queryable, participantId: string, currentToken: string): Promise<Device[]> {
  const current = hashToken(currentToken);
  const rows = await db.query<{
    hash: string;
    device_name: string;
    created_at: Date;
    last_used_at: Date | null;
    revoked_at: Date | null;
  }>(
    'SELECT hash, device_name, created_at, last_used_at, revoked_at FROM tokens WHERE participant_id = $1 ORDER BY created_at',
    [participantId],
  );
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return rows.map((r) => ({
    id: r.hash.slice(0, 16),
    name: r.device_name,
    createdAt: iso(r.created_at)!,
    lastUsedAt: iso(r.last_used_at),
    revokedAt: iso(r.revoked_at),
    current: r.hash === current,
  }));
}

/** Revokes a device of `participantId` (the secretariat: of anyone); the hashes of its tokens, none when there is no such device. */
export async function revokeDevice(db: Queryable, by: Participant, deviceId: string): Promise<string[]> {
  if (!/^[0-9a-f]{16}$/.test(deviceId)) return [];
  const anyone = by.roles.includes('secretariat');
  const rows = await db.query<{ hash: string }>(
    `UPDATE tokens SET revoked_at = COALESCE(revoked_at, now())
     WHERE substr(hash, 1, 16) = $1 AND ($2 OR participant_id = $3) RETURNING hash`,
    [deviceId, anyone, by.id],
  );
  return rows.map((r) => r.hash);
}
