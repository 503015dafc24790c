import type { StartSync, SyncHandle } from './sync-types.js';

/**
 * Starts the sync before the first screen renders (issue 19): the sync
 * worker's script then loads and its database opens while the UI's bundle
 * runs and lays out, not after. The app's own first start with the same
 * server and token takes over the sync already running; any other start
 * (another server, a new token, a restart after sign-out) is a new one.
 */
export function startSyncEarly(
  startSync: StartSync,
  settings: { serverUrl?: string | null; token?: string | null },
): StartSync {
  const { serverUrl, token } = settings;
  let early: { key: string; handle: SyncHandle } | null =
    serverUrl && token ? { key: `${serverUrl} ${token}`, handle: startSync({ baseUrl: serverUrl, token }) } : null;
  return (options) => {
    const taken = early;
    early = null;
    if (taken?.key === `${options.baseUrl} ${options.token}`) return taken.handle;
    void taken?.handle.stop();
    return startSync(options);
  };
}
