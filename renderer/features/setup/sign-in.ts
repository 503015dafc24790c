import type { TFunction } from 'i18next';
import type { AppInfo } from '../../../shared/bridge.js';
import type { Participant } from '../../../shared/model/entities.js';
import type { SeminarDb } from '../../db/database.js';
import { errorMessage } from '../../i18n/errors.js';
import {
  SetupError,
  checkHealth,
  createDemoSession,
  fetchParticipant,
  looksLikeInvitationCode,
  redeemInvitation,
} from './setup-api.js';

/** How the user proves who they are: the demo server's one-click session, or what the secretariat gave them. */
export type Credential = { kind: 'demo' } | { kind: 'secret'; secret: string };

/** What this device is called in the participant's list of devices. */
export const deviceName = (appInfo: AppInfo) => `${appInfo.shell} · ${appInfo.platform}`;

/**
 * A token for this device from the server at `baseUrl`: a demo session, an
 * invitation code exchanged for the device's own token, or a token an
 * administrator pasted. Refused (SetupError 'other-participant') when it
 * belongs to another participant than the one whose data this device holds:
 * that data (private notes, unsent changes) is not theirs to see or send.
 * Nothing is stored here; the caller saves the token.
 */
export async function signIn(
  db: SeminarDb,
  baseUrl: string,
  credential: Credential,
  appInfo: AppInfo,
): Promise<{ token: string }> {
  await checkHealth(baseUrl);
  const session: { token: string; participant?: Participant } =
    credential.kind === 'demo'
      ? await createDemoSession(baseUrl)
      : looksLikeInvitationCode(credential.secret)
        ? await redeemInvitation(baseUrl, credential.secret, deviceName(appInfo))
        : { token: credential.secret };
  const holder = (await db.meta.get('me'))?.value as Participant | undefined;
  if (holder) {
    const participant = session.participant ?? (await fetchParticipant(baseUrl, session.token));
    if (participant.id !== holder.id) throw new SetupError('other-participant');
  }
  return { token: session.token };
}

/** A failed sign-in in the user's language. */
export function signInMessage(t: TFunction, error: unknown, credential: Credential): string {
  const code = error instanceof SetupError ? error.code : 'unknown';
  if (code === 'network') return t('setup.unreachable');
  if (code === 'not-seminar-server') return t('setup.notSeminarServer');
  if (code === 'other-participant') return t('setup.otherParticipant');
  if (code === 'not-found' && credential.kind === 'demo') return t('setup.demoUnavailable');
  return errorMessage(t, code);
}
