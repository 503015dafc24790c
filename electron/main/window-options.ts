import type { BrowserWindow as ElectronBrowserWindow, BrowserWindowConstructorOptions } from 'electron';

export type WindowBounds = Pick<BrowserWindowConstructorOptions, 'width' | 'height' | 'x' | 'y'>;

/**
 * The app's window, with the only webPreferences our windows get: isolated,
 * sandboxed, no Node in the page. Written out at the `new BrowserWindow` call,
 * where a reader and Electronegativity (which reads only that call) see them;
 * the constructor is passed in so tests can check them without Electron.
 */
export function createMainWindow(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => ElectronBrowserWindow,
  preloadPath: string,
  bounds: WindowBounds,
): ElectronBrowserWindow {
  return new BrowserWindow({
    ...bounds,
    show: false,
    title: 'Seminar Desk',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      // No `auxclick` events: a middle-click cannot be turned into a navigation by the page.
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
