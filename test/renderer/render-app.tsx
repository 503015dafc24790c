import { render } from '@testing-library/react';
import type { AppInfo, Settings } from '../../shared/bridge.js';
import { App } from '../../renderer/app/App.js';
import type { StartSync } from '../../renderer/app/sync-types.js';
import type { SeminarDb } from '../../renderer/db/database.js';
import { CONNECTED, fakeBridge } from './fixtures.js';

export async function renderApp(
  db: SeminarDb,
  options: { hash?: string; settings?: Partial<Settings>; info?: Partial<AppInfo>; startSync?: StartSync } = {},
) {
  window.location.hash = options.hash ?? '';
  const bridge = fakeBridge(options.settings ?? CONNECTED, options.info);
  const [settings, appInfo] = await Promise.all([bridge.getSettings(), bridge.getAppInfo()]);
  const result = render(
    <App db={db} bridge={bridge} appInfo={appInfo} initialSettings={settings} startSync={options.startSync} />,
  );
  return { ...result, bridge };
}
