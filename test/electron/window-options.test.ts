import type { BrowserWindow, BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { describe, expect, it } from 'vitest';
import { createMainWindow } from '../../electron/main/window-options.js';

/** The options the app's window is created with, caught by a stand-in for Electron's BrowserWindow. */
function windowOptions(bounds = { width: 1200, height: 800 }): BrowserWindowConstructorOptions {
  let caught: BrowserWindowConstructorOptions | undefined;
  class FakeBrowserWindow {
    constructor(options: BrowserWindowConstructorOptions) {
      caught = options;
    }
  }
  createMainWindow(
    FakeBrowserWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow,
    '/app/preload.cjs',
    bounds,
  );
  return caught!;
}

const secure: WebPreferences = {
  preload: '/app/preload.cjs',
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
  disableBlinkFeatures: 'Auxclick',
};

describe('the main window', () => {
  it('isolates and sandboxes the page, with no Node, no webview and no auxclick, and nothing else set', () => {
    // toEqual: a setting left out would take Electron's default, an added one may weaken the page.
    expect(windowOptions().webPreferences).toEqual(secure);
  });

  it('opens hidden (shown once ready) where it was last left', () => {
    const options = windowOptions({ width: 900, height: 700, x: 10, y: 20 } as never);
    expect(options).toMatchObject({ width: 900, height: 700, x: 10, y: 20, show: false, title: 'Seminar Desk' });
  });
});
