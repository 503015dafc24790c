import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppInfo, SeminarBridge, Settings } from '../../shared/bridge.js';
import type { SeminarDb } from '../db/database.js';
import { FirstRun } from '../features/setup/FirstRun.js';
import { AppContext, type AppContextValue } from './AppContext.js';
import { AppShell } from './AppShell.js';
import { classifyStorageError, type StorageProblem } from './storage-errors.js';
import type { StartSync, SyncHandle, SyncStatus } from './sync-types.js';
import { createSyncStatusStore, SyncStatusContext } from './sync-status-store.js';
import { startJournalMirror } from '../platform/journal-mirror.js';
import { JournalBanner, type JournalNews } from './JournalBanner.js';
import { useShellIntegration } from './shell-integration.js';
import { MaterialDownloadsContext, useMaterialDownloadQueue } from '../materials/use-material-downloads.js';

export interface AppProps {
  db: SeminarDb;
  bridge: SeminarBridge;
  appInfo: AppInfo;
  initialSettings: Settings;
  /** The sync engine's entry point; injected so tests can run the screens without a worker. */
  startSync?: StartSync;
}

export function App({ db, bridge, appInfo, initialSettings, startSync }: AppProps) {
  const [settings, setSettings] = useState(initialSettings);
  const [sync, setSync] = useState<SyncHandle | null>(null);
  // Each progress report goes to the store, not to the app's state: the screens do not render again per page.
  const [syncStatus] = useState(createSyncStatusStore);
  const [syncPhase, setSyncPhase] = useState<SyncStatus['phase'] | undefined>(undefined);
  const [storageProblem, setStorageProblem] = useState<StorageProblem | null>(null);
  const [journalNews, setJournalNews] = useState<JournalNews | null>(null);
  useShellIntegration(bridge);

  // The desktop shell's journal: a second copy of unsent work (a no-op in web mode).
  useEffect(() => {
    const mirror = startJournalMirror(db, bridge, {
      onRecovered: (count, wiped) => setJournalNews({ kind: 'recovered', count, wiped }),
      onProblem: (code) => setJournalNews({ kind: 'problem', code }),
    });
    return () => mirror.stop();
  }, [db, bridge]);

  const updateSettings = useCallback(
    async (patch: Partial<Settings>) => {
      const next = await bridge.setSettings(patch);
      setSettings(next);
      return next;
    },
    [bridge],
  );

  const reportStorageError = useCallback((error: unknown) => {
    const problem = classifyStorageError(error);
    if (problem) setStorageProblem(problem);
  }, []);

  const { serverUrl, token } = settings;
  useEffect(() => {
    if (!startSync || !serverUrl || !token) return;
    const handle = startSync({ baseUrl: serverUrl, token });
    // The handle becomes visible to the screens with its first status report.
    const unsubscribe = handle.subscribe((status) => {
      syncStatus.set(status);
      // Both bail out when unchanged: the app renders again when the phase changes, not per page.
      setSync(handle);
      setSyncPhase(status.phase);
      if (status.errorCode === 'quota-exceeded' || status.errorCode === 'storage-failed') {
        setStorageProblem(status.errorCode);
      }
    });
    return () => {
      unsubscribe();
      void handle.stop();
      setSync(null);
      setSyncPhase(undefined);
      syncStatus.set(null);
    };
  }, [startSync, serverUrl, token, syncStatus]);

  // Briefing materials download in the background once the corpus is in.
  const materialDownloads = useMaterialDownloadQueue(db, bridge, { serverUrl, token }, syncPhase);

  // A failed IndexedDB write anywhere (a full disk, an aborted transaction) must reach the user.
  useEffect(() => {
    const onRejection = (event: PromiseRejectionEvent) => reportStorageError(event.reason);
    const onError = (event: ErrorEvent) => reportStorageError(event.error);
    window.addEventListener('unhandledrejection', onRejection);
    window.addEventListener('error', onError);
    return () => {
      window.removeEventListener('unhandledrejection', onRejection);
      window.removeEventListener('error', onError);
    };
  }, [reportStorageError]);

  const value = useMemo<AppContextValue>(
    () => ({
      db,
      bridge,
      appInfo,
      settings,
      updateSettings,
      sync,
      storageProblem,
      reportStorageError,
    }),
    [db, bridge, appInfo, settings, updateSettings, sync, storageProblem, reportStorageError],
  );

  return (
    <AppContext.Provider value={value}>
      <SyncStatusContext.Provider value={syncStatus}>
        <MaterialDownloadsContext.Provider value={materialDownloads}>
          {journalNews ? <JournalBanner news={journalNews} onDismiss={() => setJournalNews(null)} /> : null}
          {/* A device set up once opens on its data even without a token (a new web session, a revoked
          device): it reads offline and asks to sign in again (features/setup/SignInAgain). */}
          {serverUrl ? <AppShell onDismissStorageProblem={() => setStorageProblem(null)} /> : <FirstRun />}
        </MaterialDownloadsContext.Provider>
      </SyncStatusContext.Provider>
    </AppContext.Provider>
  );
}
