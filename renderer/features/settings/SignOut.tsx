import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/AppContext.js';
import { unsentCount, wipeLocalData } from '../../db/wipe.js';
import { signOutDevice } from '../setup/setup-api.js';

/**
 * Sign out: first try to send what is not yet sent, then say what would be
 * lost, and only on confirmation wipe this device's seminar data (a laptop
 * that travels should not carry the seminar once its owner is done).
 */
export function SignOut() {
  const { t } = useTranslation();
  const { db, bridge, sync, settings, updateSettings, reportStorageError } = useApp();
  const [step, setStep] = useState<'idle' | 'sending' | { unsent: number } | 'wiping'>('idle');

  const start = async () => {
    setStep('sending');
    try {
      await sync?.pullNow(); // a sync cycle pushes the outbox first
    } catch {
      // Offline or refused: what is left is counted below.
    }
    const unsent = await unsentCount(db);
    if (unsent === 0) await wipe();
    else setStep({ unsent });
  };
  const wipe = async () => {
    setStep('wiping');
    try {
      await sync?.stop();
      if (settings.serverUrl && settings.token) await signOutDevice(settings.serverUrl, settings.token);
      await wipeLocalData(db, bridge);
      // The first-run screen at once; then a fresh start, so no worker keeps the old session in memory.
      await updateSettings({ token: null, serverUrl: null });
      window.setTimeout(() => window.location.reload(), 0);
    } catch (error) {
      reportStorageError(error);
      setStep('idle');
    }
  };

  return (
    <section data-testid="sign-out">
      <h3>{t('settings.signOut')}</h3>
      <p className="meta">{t('settings.signOutHint')}</p>
      {typeof step === 'object' ? (
        <p className="banner banner-warning" role="alert" data-testid="sign-out-unsent">
          {t('settings.signOutUnsent', { count: step.unsent })}{' '}
          <button type="button" data-testid="sign-out-anyway" onClick={() => void wipe()}>
            {t('settings.signOutAnyway')}
          </button>{' '}
          <button type="button" onClick={() => setStep('idle')}>
            {t('settings.signOutCancel')}
          </button>
        </p>
      ) : (
        <button type="button" data-testid="sign-out-button" disabled={step !== 'idle'} onClick={() => void start()}>
          {step === 'idle' ? t('settings.signOut') : t('settings.signingOut')}
        </button>
      )}
    </section>
  );
}
