import { isAppUrl } from './app-origin.js';
import { openExternalSafely, type OpenExternal } from './external-links.js';

interface PreventableEvent {
  preventDefault(): void;
}

/** The part of `webContents` the guard uses, so tests can pass a fake. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * The window never leaves app://seminar-desk and never opens another window.
 * Links out go to the system browser, after the same check as the bridge's openExternal.
 */
export function installNavigationGuard(contents: GuardedContents, openExternal: OpenExternal): void {
  const guard = (event: PreventableEvent, url: string): void => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    void openExternalSafely(openExternal, url).catch(() => undefined);
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.setWindowOpenHandler(({ url }) => {
    void openExternalSafely(openExternal, url).catch(() => undefined);
    return { action: 'deny' };
  });
}
