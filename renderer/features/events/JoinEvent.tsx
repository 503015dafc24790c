import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/AppContext.js';
import { SyncError } from '../../sync/errors.js';
import { looksLikeInvitationCode } from '../setup/setup-api.js';
import { joinEventOnDevice } from './join-event.js';

type Outcome = 'added' | 'invalid' | 'refused' | 'offline' | null;

/**
 * Adding an event to this device with an invitation code for it (issue 18):
 * the way back to an event this device was signed out of. The server must be
 * reached (it burns the code); the event's agenda and work then come with
 * the next sync, by a catch-up of what the device lacks.
 */
export function JoinEvent() {
  const { t } = useTranslation();
  const { db, sync, settings, reportStorageError } = useApp();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  if (!settings.serverUrl || !settings.token) return null;
  const { serverUrl, token } = settings;
  const join = async () => {
    if (!looksLikeInvitationCode(code)) return setOutcome('invalid');
    setBusy(true);
    try {
      await joinEventOnDevice(db, { serverUrl, token }, code);
      setCode('');
      setOutcome('added');
      void sync?.pullNow();
    } catch (error) {
      if (!(error instanceof SyncError)) reportStorageError(error);
      else setOutcome(error.code === 'network' ? 'offline' : 'refused');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section data-testid="join-event" aria-labelledby="join-event-title">
      <h3 id="join-event-title">{t('events.join.title')}</h3>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void join();
        }}
      >
        <p className="meta" id="join-event-hint">
          {t('events.join.hint')}
        </p>
        <p>
          <label>
            {t('events.join.code')}{' '}
            <input
              type="text"
              value={code}
              autoComplete="off"
              spellCheck={false}
              size={40}
              dir="ltr"
              aria-describedby="join-event-hint"
              data-testid="join-event-code"
              onChange={(e) => {
                setCode(e.target.value);
                setOutcome(null);
              }}
            />
          </label>{' '}
          <button type="submit" disabled={busy || !code.trim()} data-testid="join-event-submit">
            {t('events.join.submit')}
          </button>
        </p>
      </form>
      {outcome === 'added' ? (
        <p role="status" data-testid="join-event-outcome">
          {t('events.join.added')}
        </p>
      ) : outcome ? (
        <p role="alert" className="banner banner-warning" data-testid="join-event-outcome">
          {t(`events.join.${outcome}`)}
        </p>
      ) : null}
    </section>
  );
}
