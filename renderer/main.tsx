import './zod-jitless.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { openSeminarDb } from './db/database.js';
import { initI18n, systemLanguage } from './i18n/index.js';
import { getBridge } from './platform/bridge.js';
import { registerShellCache, requestPersistentStorage } from './platform/storage.js';
import { startSync } from './sync/sync-controller.js';
import './styles/app.css';

async function bootstrap() {
  const bridge = getBridge();
  const db = openSeminarDb();
  const [settings, appInfo] = await Promise.all([bridge.getSettings(), bridge.getAppInfo()]);
  await initI18n(settings.language ?? systemLanguage());
  // Persistent storage keeps the browser from evicting the offline corpus; a refusal is not fatal.
  void requestPersistentStorage();
  if (appInfo.shell === 'web') registerShellCache();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App db={db} bridge={bridge} appInfo={appInfo} initialSettings={settings} startSync={startSync} />
    </StrictMode>,
  );
}

void bootstrap();
