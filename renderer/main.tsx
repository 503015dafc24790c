import './zod-jitless.js';
import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { openSeminarDb } from './db/database.js';
import { initI18n, systemLanguage } from './i18n/index.js';
import { getBridge } from './platform/bridge.js';
import { registerShellCache, requestPersistentStorage } from './platform/storage.js';
import { startSync } from './sync/sync-controller.js';
import { SearchClientContext } from './features/search/search-context.js';
import { startSearchWorker } from './search/search-worker-client.js';
import { holdIndexingWhilePulling } from './app/hold-search-while-pulling.js';
import { cacheFontsAfterSync } from './app/fonts-after-sync.js';
import { startSyncEarly } from './app/early-sync.js';
import './styles/fonts.js';
import './styles/app.css';
import { applyPreferences } from './ui/preferences.js';

async function bootstrap() {
  // Theme and reading size before the first paint: no flash of the wrong theme.
  applyPreferences();
  const bridge = getBridge();
  const db = openSeminarDb();
  // Started first: the saved search index loads while the rest of the app starts.
  const search = startSearchWorker();
  const [settings, appInfo] = await Promise.all([bridge.getSettings(), bridge.getAppInfo()]);
  // The first sync has the machine to itself: search indexing and the fonts' caching wait for it. It starts
  // now, its worker loading while the UI's does.
  const syncFirst = holdIndexingWhilePulling(
    appInfo.shell === 'web' ? cacheFontsAfterSync(startSync) : startSync,
    search,
  );
  // In a task of its own: the one that evaluated the bundle is the app's start, not the sync's.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const sync = startSyncEarly(syncFirst, settings);
  await initI18n(settings.language ?? systemLanguage());
  // Persistent storage keeps the browser from evicting the offline corpus; a refusal is not fatal.
  void requestPersistentStorage();
  if (appInfo.shell === 'web') registerShellCache();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  // A transition: React renders the first screen in slices of a few milliseconds, not in one long task that
  // would hold the main thread while the sync, started above, brings its first pages (issue 19).
  const app = createRoot(root);
  startTransition(() =>
    app.render(
      <StrictMode>
        <SearchClientContext.Provider value={search}>
          <App db={db} bridge={bridge} appInfo={appInfo} initialSettings={settings} startSync={sync} />
        </SearchClientContext.Provider>
      </StrictMode>,
    ),
  );
}

void bootstrap();
