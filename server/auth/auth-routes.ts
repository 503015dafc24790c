import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { ApiFailure } from '../api-failure.js';
import type { Database } from '../db/database.js';
import type { RateLimiter } from '../security/rate-limit.js';
import { listDevices, redeemInvitation, redeemSchema, revokeDevice } from './invitations.js';

/**
 * Signing in with an invitation code (the only route that hands out tokens,
 * demo mode aside), and a participant's devices: listed, and revoked one by
 * one (the secretariat may revoke anyone's). A failed redemption counts
 * against the address like a bad token.
 */
export function registerAuthRoutes(
  app: FastifyInstance,
  deps: { db: Database; requireParticipant: onRequestHookHandler; authFailures: RateLimiter },
) {
  const { db, requireParticipant, authFailures } = deps;
  app.post('/api/auth/redeem', { bodyLimit: 4096 }, async (request) => {
    const blocked = authFailures.blocked(request.ip);
    if (blocked)
      throw new ApiFailure(429, 'rate-limited', 'too many failed sign-ins from this address', {
        retryAfterSeconds: Math.ceil(blocked / 1000),
      });
    const parsed = redeemSchema.safeParse(request.body);
    if (!parsed.success) throw new ApiFailure(400, 'validation-failed', 'send {"code": "…", "deviceName": "…"}');
    const session = await redeemInvitation(db, parsed.data);
    if (!session) {
      authFailures.hit(request.ip);
      throw new ApiFailure(401, 'unauthorized', 'this invitation code is not valid, already used, or expired');
    }
    return session;
  });

  const bearer = (header: string | undefined) => /^Bearer (\S+)$/.exec(header ?? '')?.[1] ?? '';
  app.get('/api/devices', { onRequest: requireParticipant }, async (request) => ({
    devices: await listDevices(db, request.participant!.id, bearer(request.headers.authorization)),
  }));
  app.delete('/api/devices/:id', { onRequest: requireParticipant }, async (request) => {
    const { id } = request.params as { id: string };
    if (!(await revokeDevice(db, request.participant!, id))) throw new ApiFailure(404, 'not-found', 'no such device');
    return { revoked: id };
  });
}
