import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { href } from './routes.js';
import { formatTime } from '../i18n/format.js';
import { currentLang } from '../i18n/index.js';
import { errorMessage } from '../i18n/errors.js';
import { useSyncStatus } from './sync-status-store.js';
import { useApp } from './AppContext.js';
import { needsSignIn } from '../sync/errors.js';

/**
 * The sync engine's state in words. `data-phase` lets end-to-end tests wait for
 * "live"/"idle" without depending on the wording of any language.
 */
export function SyncStatusView() {
  const { t, i18n } = useTranslation();
  const { sync, db, settings } = useApp();
  const syncStatus = useSyncStatus();
  const unsent = useLiveQuery(() => db.outbox.count(), [db], 0);
  const phase = syncStatus?.phase ?? 'idle';
  const total = (syncStatus?.received ?? 0) + (syncStatus?.remaining ?? 0);
  // Only a finished pull is "up to date": idle means the engine has not pulled (or was stopped).
  const upToDate = phase === 'live' && (syncStatus?.remaining ?? 0) === 0;
  const lng = currentLang(i18n);
  // Without a token nothing syncs: say so rather than "connecting" (the sign-in banner says what to do).
  const signedOut = !settings.token;
  return (
    <div
      className={`sync-status sync-${phase}`}
      role="status"
      aria-label={t('sync.label')}
      data-testid="sync-status"
      data-phase={signedOut ? 'signed-out' : syncStatus ? phase : 'starting'}
      data-up-to-date={syncStatus && upToDate ? 'true' : 'false'}
    >
      {signedOut ? (
        <span>{t('sync.signedOut')}</span>
      ) : phase === 'pulling' && total > 0 ? (
        <>
          <progress
            max={total}
            value={syncStatus?.received ?? 0}
            aria-label={t('sync.label')}
            data-testid="sync-progress"
          />
          <span>{t('sync.progress', { received: syncStatus?.received ?? 0, count: total, lng })}</span>
        </>
      ) : phase === 'pulling' ? (
        <span>{t('sync.pulling')}</span>
      ) : phase === 'offline' ? (
        <span>{t('sync.offline')}</span>
      ) : phase === 'error' ? (
        <span>{t('sync.error', { message: errorMessage(t, syncStatus?.errorCode) })}</span>
      ) : syncStatus ? (
        <span>{t('sync.upToDate')}</span>
      ) : (
        <span>{t('sync.starting')}</span>
      )}
      {syncStatus?.lastSyncedAt ? (
        <time className="meta" dateTime={syncStatus.lastSyncedAt} data-testid="last-synced-at">
          {t('reconcile.lastSynced', { when: formatTime(lng, syncStatus.lastSyncedAt) })}
        </time>
      ) : null}
      {unsent > 0 ? (
        <a href={href({ name: 'outbox' })} className="badge badge-pending" data-testid="unsent-count">
          {t('reconcile.unsent', { count: unsent, lng })}
        </a>
      ) : null}
      {/* Not for a refused token: trying it again cannot help, signing in again does. */}
      {sync && (phase === 'offline' || phase === 'error' || phase === 'idle') && !needsSignIn(syncStatus?.errorCode) ? (
        <button type="button" className="link-button" data-testid="sync-now" onClick={() => void sync.pullNow()}>
          {t('sync.syncNow')}
        </button>
      ) : null}
    </div>
  );
}
