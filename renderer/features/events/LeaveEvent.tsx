import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../app/AppContext.js';
import { Localized } from '../../app/Localized.js';
import { leaveEventOnDevice } from '../../db/events.js';
import { useMaterialDownloads } from '../../materials/use-material-downloads.js';
import { useCurrentEvent } from './use-current-event.js';

/**
 * Signing this device out of one event (issue 18): its agenda, syntheses,
 * others' notes and briefing files leave the device at once, offline too; the
 * other events and the corpus stay, and so do the user's own notes. Asked
 * twice, as the whole sign-out is.
 */
export function LeaveEvent() {
  const { t } = useTranslation();
  const { db, sync, reportStorageError } = useApp();
  const state = useCurrentEvent();
  const downloads = useMaterialDownloads();
  const [confirming, setConfirming] = useState(false);
  const current = state?.current;
  if (!state || !current || state.events.length < 2) return null;
  const leave = async () => {
    try {
      await leaveEventOnDevice(db, current.id);
      setConfirming(false);
      downloads?.wake(); // removes the files of the event's materials now, without waiting for a sync
      void sync?.pullNow(); // tells the server when it can
    } catch (error) {
      reportStorageError(error);
    }
  };
  return (
    <section data-testid="leave-event">
      <h3>{t('events.leave')}</h3>
      <p className="meta">
        {t('events.leaveHint')} <Localized text={current.title} />
      </p>
      {confirming ? (
        <p className="banner banner-warning" role="alert">
          {t('events.leaveConfirm')}{' '}
          <button type="button" data-testid="leave-event-confirm" onClick={() => void leave()}>
            {t('events.leave')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            {t('settings.signOutCancel')}
          </button>
        </p>
      ) : (
        <button type="button" data-testid="leave-event-button" onClick={() => setConfirming(true)}>
          {t('events.leave')}
        </button>
      )}
    </section>
  );
}
