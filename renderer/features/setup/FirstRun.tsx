import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguagePicker } from '../../app/LanguagePicker.js';
import { useApp } from '../../app/AppContext.js';
import { normalizeServerUrl } from './setup-api.js';
import { signIn, signInMessage, type Credential } from './sign-in.js';

type Busy = null | 'connect' | 'demo';

/** First run: where the seminar server is, and the invitation code (or a token) that lets this device in. */
export function FirstRun() {
  const { t } = useTranslation();
  const { db, appInfo, settings, updateSettings } = useApp();
  const [serverUrl, setServerUrl] = useState(settings.serverUrl ?? appInfo.localServerUrl ?? '');
  const [token, setToken] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [tokenError, setTokenError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const urlId = useId();
  const tokenId = useId();

  async function connect(event: FormEvent) {
    event.preventDefault();
    const url = normalizeServerUrl(serverUrl);
    setUrlError(url ? null : t('setup.invalidUrl'));
    setTokenError(token.trim() ? null : t('setup.tokenRequired'));
    setFormError(null);
    if (!url || !token.trim()) return;
    // An invitation code is exchanged for this device's own token; an administrator may paste a token.
    await connectWith(url, { kind: 'secret', secret: token.trim() }, 'connect');
  }

  async function connectWith(url: string, credential: Credential, what: Exclude<Busy, null>) {
    setBusy(what);
    setFormError(null);
    try {
      const session = await signIn(db, url, credential, appInfo);
      await updateSettings({ serverUrl: url, token: session.token });
    } catch (error) {
      setFormError(signInMessage(t, error, credential));
      setBusy(null);
    }
  }

  return (
    <main className="first-run" id="main">
      <header className="first-run-header">
        <h1>{t('app.name')}</h1>
        <LanguagePicker />
      </header>
      <h2>{t('setup.title')}</h2>
      <p>{t('setup.intro')}</p>
      {appInfo.localServerUrl ? (
        <div className="first-run-demo">
          <button
            type="button"
            className="primary"
            data-testid="use-demo-server"
            disabled={busy !== null}
            onClick={() => void connectWith(appInfo.localServerUrl!, { kind: 'demo' }, 'demo')}
          >
            {t('setup.useDemo')}
          </button>
          <p className="hint">
            <bdi dir="ltr">{appInfo.localServerUrl}</bdi>
          </p>
        </div>
      ) : null}
      <form
        className="first-run-form"
        noValidate
        onSubmit={(event) => void connect(event)}
        aria-label={t('setup.title')}
      >
        <div className="field">
          <label htmlFor={urlId}>{t('setup.serverUrl')}</label>
          <input
            id={urlId}
            type="url"
            dir="ltr"
            inputMode="url"
            autoComplete="url"
            placeholder="https://seminar.example.org"
            value={serverUrl}
            aria-invalid={urlError ? true : undefined}
            aria-describedby={urlError ? `${urlId}-error` : undefined}
            onChange={(event) => setServerUrl(event.target.value)}
          />
          {urlError ? (
            <p className="field-error" id={`${urlId}-error`} role="alert">
              {urlError}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={tokenId}>{t('setup.token')}</label>
          <input
            id={tokenId}
            type="password"
            dir="ltr"
            autoComplete="off"
            value={token}
            aria-invalid={tokenError ? true : undefined}
            aria-describedby={tokenError ? `${tokenId}-error` : undefined}
            onChange={(event) => setToken(event.target.value)}
          />
          {tokenError ? (
            <p className="field-error" id={`${tokenId}-error`} role="alert">
              {tokenError}
            </p>
          ) : null}
        </div>
        <button type="submit" disabled={busy !== null} data-testid="connect">
          {busy === 'connect' ? t('setup.checking') : t('setup.connect')}
        </button>
      </form>
      {busy === 'demo' ? <p role="status">{t('setup.checking')}</p> : null}
      {formError ? (
        <p className="banner banner-error" role="alert" data-testid="setup-error">
          {formError}
        </p>
      ) : null}
    </main>
  );
}
