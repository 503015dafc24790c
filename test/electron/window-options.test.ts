import type { WebPreferences } from 'electron';
import { describe, expect, it } from 'vitest';
import { checkedWebPreferences, secureWebPreferences } from '../../electron/main/window-options.js';

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the page, with no Node and no webview', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('turns off auxclick, so a middle-click gives the page no event to act on', () => {
    expect(secureWebPreferences('/app/preload.cjs').disableBlinkFeatures).toBe('Auxclick');
  });
});

describe('checkedWebPreferences', () => {
  const written: WebPreferences = {
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

  it('passes a copy of the secure preferences through unchanged', () => {
    expect(checkedWebPreferences(written)).toBe(written);
    expect(written).toEqual(secureWebPreferences('/app/preload.cjs'));
  });

  it.each<[string, WebPreferences]>([
    ['contextIsolation off', { contextIsolation: false }],
    ['sandbox off', { sandbox: false }],
    ['Node in the page', { nodeIntegration: true }],
    ['Node in workers', { nodeIntegrationInWorker: true }],
    ['Node in subframes', { nodeIntegrationInSubFrames: true }],
    ['webSecurity off', { webSecurity: false }],
    ['insecure content', { allowRunningInsecureContent: true }],
    ['webview tags', { webviewTag: true }],
    ['auxclick back on', { disableBlinkFeatures: '' }],
    ['an added setting', { experimentalFeatures: true }],
    ['an added Blink feature', { enableBlinkFeatures: 'ExecCommandInJavaScript' }],
    ['no preload', { preload: undefined }],
  ])('refuses %s', (_name, change) => {
    expect(() => checkedWebPreferences({ ...written, ...change })).toThrow(/insecure webPreferences/);
  });

  it('refuses a setting left out, since Electron would use its default', () => {
    const { sandbox: _left, ...withoutSandbox } = written;
    expect(() => checkedWebPreferences(withoutSandbox)).toThrow(/sandbox: undefined \(want true\)/);
  });
});
