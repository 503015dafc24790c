import type { WebPreferences } from 'electron';

/** The only webPreferences our windows get: isolated, sandboxed, no Node in the page. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
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
  };
}

/**
 * Returns `prefs` when they are exactly `secureWebPreferences(prefs.preload)`, else throws.
 * The window is created with its webPreferences written out at the call, so that
 * a reader and Electronegativity (which reads only the `new BrowserWindow` call)
 * see them; this keeps that copy from drifting, in either direction.
 */
export function checkedWebPreferences(prefs: WebPreferences): WebPreferences {
  const expected = new Map<string, unknown>(Object.entries(secureWebPreferences(prefs.preload ?? '')));
  const actual = new Map<string, unknown>(Object.entries(prefs));
  const keys = new Set([...expected.keys(), ...actual.keys()]);
  const drift = [...keys].filter((key) => actual.get(key) !== expected.get(key));
  if (drift.length > 0 || !prefs.preload) {
    const detail = drift
      .map((key) => `${key}: ${String(actual.get(key))} (want ${String(expected.get(key))})`)
      .join(', ');
    throw new Error(`insecure webPreferences: ${detail || 'no preload'}`);
  }
  return prefs;
}
