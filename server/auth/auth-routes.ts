import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { ApiFailure } from '../api-failure.js';
import type { Database } from '../db/database.js';
import type { SignInLimits } from '../security/sign-in-limits.js';
import {
  CODE_PATTERN,
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
  deps: { db: Database; requireParticipant: onRequestHookHandler; signIns: SignInLimits },
) {
  const { db, requireParticipant, signIns } = deps;
  app.post('/api/auth/redeem', { bodyLimit: 4096 }, async (request) => {
    const parsed = redeemSchema.safeParse(request.body);
    if (!parsed.success) throw new ApiFailure(400, 'validation-failed', 'send {"code": "…", "deviceName": "…"}');
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
