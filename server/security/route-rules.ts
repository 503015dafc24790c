import type { Role } from '../../shared/model/entities.js';

/**
 * Who may call each API route: the one table the authorization test walks
 * (every route × every role), and that the server checks at start-up, so a
 * route added without a rule fails at once rather than ship open.
 *
 * - public: anyone, no token (health);
 * - demo: the demo sign-in, only in demo mode and from the loopback interface;
 * - participant: any valid token (what each participant then sees or writes
 *   is decided per record: their own private notes, their own contributions,
 *   the push's per-mutation checks);
 * - roles: a valid token of one of these roles, else 403.
 */
export type RouteRule =
  { kind: 'public' } | { kind: 'demo' } | { kind: 'participant' } | { kind: 'roles'; roles: Role[] };

const participant: RouteRule = { kind: 'participant' };
const secretariat: RouteRule = { kind: 'roles', roles: ['secretariat'] };

export const ROUTE_RULES: Readonly<Record<string, RouteRule>> = {
  'GET /api/health': { kind: 'public' },
  'POST /api/demo/session': { kind: 'demo' },
  'POST /api/auth/redeem': { kind: 'public' },
  'POST /api/auth/sign-out': participant,
  'POST /api/auth/join-event': participant,
  'POST /api/auth/leave-event': participant,
  'GET /api/devices': participant,
  'DELETE /api/devices/:id': participant,
  'GET /api/me': participant,
  'GET /api/changes': participant,
  'GET /api/events': participant,
  'POST /api/push': participant,
  'GET /api/contributions/:id': participant,
  'POST /api/contributions/:id/withdraw': secretariat,
  'PUT /api/contributions/:id/translations/:lang': secretariat,
  'GET /api/translation-jobs': secretariat,
  'POST /api/translation-jobs/retry-failed': secretariat,
  'GET /api/translations/cost': secretariat,
  'GET /api/translations/status': participant,
  'GET /api/syntheses/:id/history': participant,
  'GET /api/syntheses/:id/history/:upTo/state': participant,
  'PUT /api/material-blobs/:sha256': secretariat,
  'POST /api/materials': secretariat,
  'DELETE /api/materials/:id': secretariat,
  'PUT /api/materials/:id/subtitles/:lang': secretariat,
  // Per material, too: another event's material answers 404 (materials/material-access.ts).
  'GET /api/materials/:id/content': participant,
  // Per event, too: its rapporteurs and secretariat only, 404 outside it (proceedings/proceedings-routes.ts).
  'GET /api/events/:eventId/proceedings/editions/:number': participant,
  'GET /api/events/:eventId/proceedings/editions/:number/export/:format': participant,
  'GET /api/events/:eventId/proceedings/editions/:number/translations/:lang': participant,
  'PUT /api/events/:eventId/proceedings/editions/:number/translations/:lang/:hash': participant,
};

/** The rule of an API route; HEAD routes (Fastify adds one per GET) follow their GET. */
export function ruleFor(method: string, url: string): RouteRule | undefined {
  return ROUTE_RULES[`${method === 'HEAD' ? 'GET' : method} ${url}`];
}
