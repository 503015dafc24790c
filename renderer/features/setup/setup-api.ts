import { isApiError } from '../../../shared/protocol/errors.js';
import type { Participant } from '../../../shared/model/entities.js';
import {
  demoSessionSchema,
  healthSchema,
  meSchema,
  type DemoSession,
  type Health,
} from '../../../shared/protocol/pull.js';

/** A setup failure as a code the form turns into a message in the user's language. */
export class SetupError extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** The server URL the user typed, normalised (no trailing slash), or null when it is not http(s). */
export function normalizeServerUrl(input: string): string | null {
  const trimmed = input.trim();
  if (!/^https?:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    if (!url.hostname) return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

async function request(url: string, init?: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new SetupError('network');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok)
    throw new SetupError(isApiError(body) ? body.error.code : response.status === 404 ? 'not-found' : 'server-error');
  return body;
}

export async function checkHealth(baseUrl: string): Promise<Health> {
  const parsed = healthSchema.safeParse(await request(`${baseUrl}/api/health`));
  if (!parsed.success) throw new SetupError('not-seminar-server');
  return parsed.data;
}

export async function createDemoSession(baseUrl: string): Promise<DemoSession> {
  const parsed = demoSessionSchema.safeParse(await request(`${baseUrl}/api/demo/session`, { method: 'POST' }));
  if (!parsed.success) throw new SetupError('not-seminar-server');
  return parsed.data;
}

/** An invitation code as the secretariat hands it out: 32 characters of Crockford base32, dashes and case free. */
export function looksLikeInvitationCode(input: string): boolean {
  return /^[0-9A-Z]{32}$/.test(input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1'));
}

/** Exchanges an invitation code for this device's token (single use: the server burns the code). */
export async function redeemInvitation(baseUrl: string, code: string, deviceName: string): Promise<DemoSession> {
  const parsed = demoSessionSchema.safeParse(
    await request(`${baseUrl}/api/auth/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, deviceName }),
    }),
  );
  if (!parsed.success) throw new SetupError('not-seminar-server');
  return parsed.data;
}

/** Who a token belongs to (for a token pasted by an administrator: the server says, nothing else does). */
export async function fetchParticipant(baseUrl: string, token: string): Promise<Participant> {
  const parsed = meSchema.safeParse(
    await request(`${baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } }),
  );
  if (!parsed.success) throw new SetupError('not-seminar-server');
  return parsed.data.participant;
}

/**
 * Revokes this device's token on the server as it signs out (and ends its
 * event stream there). Best effort: offline, the device still forgets the
 * token, and the owner can revoke it later from another device.
 */
export async function signOutDevice(baseUrl: string, token: string): Promise<void> {
  await fetch(`${baseUrl}/api/auth/sign-out`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
    signal: AbortSignal.timeout(5_000),
  }).catch(() => undefined);
}
