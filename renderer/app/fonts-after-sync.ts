import type { StartSync } from './sync-types.js';

/**
 * Web mode's shell cache (public/sw.js) takes the fonts, ~9 MB in hundreds of
 * files, only when the page says so: once a sync is up to date. Fetched
 * during the first sync, they took the server's and the browser's time from
 * it (issue 19). Each page load says it again, for a worker started afresh.
 */
export function cacheFontsAfterSync(startSync: StartSync): StartSync {
  return (options) => {
    const handle = startSync(options);
    let asked = false;
    const unsubscribe = handle.subscribe((status) => {
      if (asked || status.phase !== 'live') return;
      asked = true;
      askShellCacheForFonts();
    });
    return {
      subscribe: (listener) => handle.subscribe(listener),
      pullNow: () => handle.pullNow(),
      stop() {
        unsubscribe();
        return handle.stop();
      },
    };
  };
}

function askShellCacheForFonts(): void {
  const container = typeof navigator !== 'undefined' ? navigator.serviceWorker : undefined;
  if (!container) return;
  void container.ready
    .then((registration) => registration.active?.postMessage({ type: 'cache-fonts' }))
    .catch(() => undefined);
}
