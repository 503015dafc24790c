import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ShellCommand } from '../../../shared/bridge.js';
import { App } from '../../../renderer/app/App.js';
import { CONNECTED, fakeBridge, freshDb } from '../fixtures.js';

/** A bridge whose shell menus the test plays: it sends commands and records the languages it is told. */
function shellBridge() {
  const languages: string[] = [];
  const listeners = new Set<(command: ShellCommand) => void>();
  const bridge = {
    ...fakeBridge(CONNECTED),
    setUiLanguage: async (lang: string) => void languages.push(lang),
    onCommand(callback: (command: ShellCommand) => void) {
      listeners.add(callback);
      return () => void listeners.delete(callback);
    },
  };
  return { bridge, languages, send: (command: ShellCommand) => act(() => listeners.forEach((l) => l(command))) };
}

describe('the page and the desktop shell', () => {
  it('tells the shell its UI language, again when it changes', async () => {
    const shell = shellBridge();
    const settings = await shell.bridge.getSettings();
    const info = await shell.bridge.getAppInfo();
    render(<App db={freshDb()} bridge={shell.bridge} appInfo={info} initialSettings={settings} />);
    await waitFor(() => expect(shell.languages).toEqual(['en']));
    fireEvent.change(screen.getAllByTestId('language-picker')[0]!, { target: { value: 'ar' } });
    await waitFor(() => expect(shell.languages).toEqual(['en', 'ar']));
  });

  it("carries out the shell's menu commands, and stops listening when closed", async () => {
    const shell = shellBridge();
    const settings = await shell.bridge.getSettings();
    const info = await shell.bridge.getAppInfo();
    const view = render(<App db={freshDb()} bridge={shell.bridge} appInfo={info} initialSettings={settings} />);
    shell.send('go-notebook');
    expect(window.location.hash).toBe('#/notebook');
    await screen.findByTestId('notebook');
    shell.send('toggle-theme');
    expect(document.documentElement.dataset.theme).toBe('dark');
    view.unmount();
    shell.send('go-settings');
    expect(window.location.hash).toBe('#/notebook');
    delete document.documentElement.dataset.theme;
  });
});
