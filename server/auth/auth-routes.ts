import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { ApiFailure } from '../api-failure.js';
import { invalid } from '../write-result.js';
import { writeTransaction, type Database } from '../db/database.js';
import type { SignInLimits } from '../security/sign-in-limits.js';
import {
  CODE_PATTERN,
  joinEventSchema,
  joinEventWithCode,
  leaveEventOnDevice,
  leaveEventSchema,
  listDevices,
  normalizeCode,
  redeemInvitation,
  redeemSchema,
  revokeDevice,
} from './invitations.js';

/**
 * Signing in with an invitation code (the only route that hands out tokens,
 * demo mode aside), and a participant's devices: listed, and revoked one by
 * one (the secretariat may revoke anyone's). A failed redemption counts
 * against the address like a bad token.
 */
export function registerAuthRoutes(
  app: FastifyInstance,
  deps: {
    db: Database;
    requireParticipant: onRequestHookHandler;
    signIns: SignInLimits;
    /** Ends the open event streams of these token hashes (live/event-streams.ts). */
    closeStreams: (tokenHashes: string[]) => void;
  },
) {
  const { db, requireParticipant, signIns, closeStreams } = deps;
  app.post('/api/auth/redeem', { bodyLimit: 4096 }, async (request) => {
    const parsed = redeemSchema.safeParse(request.body);
    if (!parsed.success)
      throw new ApiFailure(
        400,
        'validation-failed',
        `send {"code": "…", "deviceName": "…"}: ${invalid(parsed.error).message}`,
      );
    const code = normalizeCode(parsed.data.code);
    const secret = { kind: 'code', value: CODE_PATTERN.test(code) ? code : '' } as const;
    // A person types the code: once its address or its first groups failed too often, it is not even looked up.
    signIns.check(request, secret);
    const session = await redeemInvitation(db, parsed.data);
    if (!session) {
      signIns.fail(request, secret);
      throw new ApiFailure(401, 'unauthorized', 'this invitation code is not valid, already used, or expired');
    }
    return session;
  });

  // Adding an event to this device, and signing this device out of one (issue 18).
  app.post('/api/auth/join-event', { onRequest: requireParticipant, bodyLimit: 4096 }, async (request) => {
    const parsed = joinEventSchema.safeParse(request.body);
    if (!parsed.success)
      throw new ApiFailure(400, 'validation-failed', `send {"code": "…"}: ${invalid(parsed.error).message}`);
    const code = normalizeCode(parsed.data.code);
    const secret = { kind: 'code', value: CODE_PATTERN.test(code) ? code : '' } as const;
    signIns.check(request, secret);
    const joined = await writeTransaction(db, (tx) =>
      joinEventWithCode(tx, request.participant!.id, request.tokenHash!, parsed.data),
    );
    if (!joined) {
      signIns.fail(request, secret);
      throw new ApiFailure(401, 'unauthorized', 'this invitation code is not valid, already used, or expired');
    }
    await db.announce();
    return joined;
  });
  app.post('/api/auth/leave-event', { onRequest: requireParticipant, bodyLimit: 1024 }, async (request) => {
    const parsed = leaveEventSchema.safeParse(request.body);
    if (!parsed.success)
      throw new ApiFailure(400, 'validation-failed', `send {"eventId": "…"}: ${invalid(parsed.error).message}`);
    const left = await writeTransaction(db, (tx) =>
      leaveEventOnDevice(tx, request.participant!.id, request.tokenHash!, parsed.data.eventId),
    );
    if (!left) throw new ApiFailure(404, 'not-found', 'no such event on this device');
    await db.announce();
    return { left: parsed.data.eventId };
  });

  const bearer = (header: string | undefined) => /^Bearer (\S+)$/.exec(header ?? '')?.[1] ?? '';
  app.get('/api/devices', { onRequest: requireParticipant }, async (request) => ({
    devices: await listDevices(db, request.participant!.id, bearer(request.headers.authorization)),
  }));
  app.delete('/api/devices/:id', { onRequest: requireParticipant }, async (request) => {
    const { id } = request.params as { id: string };
    const revoked = await revokeDevice(db, request.participant!, id);
    if (revoked.length === 0) throw new ApiFailure(404, 'not-found', 'no such device');
    await endSessions(revoked);
    return { revoked: id };
  });
  // Signing out revokes the device's own token: a copy left behind (a backup, a synced profile) opens nothing.
  app.post('/api/auth/sign-out', { onRequest: requireParticipant, bodyLimit: 1024 }, async (request) => {
    const hash = request.tokenHash!;
    await db.query('UPDATE tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE hash = $1', [hash]);
    await endSessions([hash]);
    return { signedOut: true };
  });

  /** A revoked device hears nothing more: its streams here at once, on other instances by the announcement. */
  const endSessions = async (tokenHashes: string[]) => {
    closeStreams(tokenHashes);
    await db.announce();
  };
}
