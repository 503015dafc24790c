import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveQuery } from 'dexie-react-hooks';
import { DEMO_PARTICIPANT_ID, type Participant } from '../../../shared/model/entities.js';
import { useSyncStatus } from '../../app/sync-status-store.js';
import { useApp } from '../../app/AppContext.js';
import { href } from '../../app/routes.js';
import { needsSignIn } from '../../sync/errors.js';
import { signIn, signInMessage, type Credential } from './sign-in.js';

/**
 * Why this set-up device cannot sync until its user signs in again: it has no
 * token for this session (the web mode keeps none across browser sessions),
 * the server revoked its token, or no longer knows it.
 */
export type SignInReason = 'session' | 'token-revoked' | 'unauthorized';

export function signInReason(token: string | null, errorCode: string | undefined): SignInReason | null {
  if (!token) return 'session';
  if (needsSignIn(errorCode)) return errorCode === 'token-revoked' ? 'token-revoked' : 'unauthorized';
  return null;
}

const TEXTS = {
  session: { title: 'signIn.titleSession', body: 'signIn.session' },
  'token-revoked': { title: 'signIn.titleRevoked', body: 'signIn.revoked' },
  unauthorized: { title: 'signIn.titleUnauthorized', body: 'signIn.unauthorized' },
} as const;

/**
 * The banner over every screen while the device cannot sync for want of
 * access. Everything on the device stays readable and the outbox is kept;
 * the user signs in again here (the demo server's button, or a new
 * invitation code), as the same participant, or signs out in the settings.
 */
export function SignInAgain() {
  const { t } = useTranslation();
  const { db, appInfo, settings, updateSettings } = useApp();
  const syncStatus = useSyncStatus();
  const [secret, setSecret] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const inputId = useId();
  // Whose data this device holds (undefined while it is read, null when none was ever recorded).
  const holder = useLiveQuery(
    async () => ((await db.meta.get('me'))?.value as Participant | undefined) ?? null,
    [db],
    undefined,
  );
  const reason = signInReason(settings.token, syncStatus?.errorCode);
  const serverUrl = settings.serverUrl;
  if (!reason || !serverUrl) return null;
  // The demo server's one-click session, where the first-run screen offered it for this very server, and only
  // to a device that holds the demo participant's data: a device signed in with an invitation would be refused
  // the demo participant's token (sign-in.ts), so the button would only promise what cannot work.
  const demo =
    appInfo.localServerUrl !== null &&
    appInfo.localServerUrl === serverUrl &&
    holder !== undefined &&
    (holder === null || holder.id === DEMO_PARTICIPANT_ID);

  async function run(credential: Credential) {
    setBusy(true);
    setError(null);
    try {
      const { token } = await signIn(db, serverUrl!, credential, appInfo);
      setSecret('');
      // A new token starts a new sync (App restarts it), which sends the outbox first.
      await updateSettings({ token });
    } catch (failure) {
      setError(signInMessage(t, failure, credential));
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!secret.trim()) setError(t('setup.tokenRequired'));
    else void run({ kind: 'secret', secret: secret.trim() });
  }

  return (
    <section
      className="banner banner-warning sign-in-again"
      aria-labelledby={titleId}
      data-testid="sign-in-again"
      data-reason={reason}
    >
      <div>
        <h2 id={titleId}>{t(TEXTS[reason].title)}</h2>
        <p role={reason === 'session' ? undefined : 'alert'}>{t(TEXTS[reason].body)}</p>
        <p>{t('signIn.kept')}</p>
        {error ? (
          <p className="field-error" role="alert" data-testid="sign-in-error">
            {error}
          </p>
        ) : null}
      </div>
      <div>
        {demo ? (
          <button
            type="button"
            className="primary"
            data-testid="sign-in-demo"
            disabled={busy}
            onClick={() => void run({ kind: 'demo' })}
          >
            {t('setup.useDemo')}
          </button>
        ) : null}
        <form noValidate onSubmit={submit} aria-labelledby={titleId}>
          <div className="field">
            <label htmlFor={inputId}>{t('setup.token')}</label>
            <input
              id={inputId}
              type="password"
              dir="ltr"
              autoComplete="off"
              data-testid="sign-in-code"
              value={secret}
              onChange={(event) => setSecret(event.target.value)}
            />
          </div>
          <button type="submit" disabled={busy} data-testid="sign-in-submit">
            {busy ? t('setup.checking') : t('signIn.submit')}
          </button>
        </form>
        <a href={href({ name: 'settings' })} data-testid="sign-in-sign-out">
          {t('settings.signOut')}
        </a>
      </div>
    </section>
  );
}
