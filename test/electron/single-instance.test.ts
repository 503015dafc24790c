import { describe, expect, it } from 'vitest';
import { claimSingleInstance, type FocusableWindow } from '../../electron/main/single-instance.js';

function fakeApp(lockFree: boolean) {
  const listeners: Array<() => void> = [];
  const calls: string[] = [];
  return {
    calls,
    requestSingleInstanceLock: () => (calls.push('lock'), lockFree),
    quit: () => void calls.push('quit'),
    on: (_event: 'second-instance', listener: () => void) => void listeners.push(listener),
    /** What the first instance sees when the app is launched again. */
    launchAgain: () => listeners.forEach((listener) => listener()),
  };
}

function fakeWindow(minimized: boolean) {
  const calls: string[] = [];
  const win: FocusableWindow = {
    isMinimized: () => minimized,
    restore: () => void calls.push('restore'),
    show: () => void calls.push('show'),
    focus: () => void calls.push('focus'),
  };
  return { win, calls };
}

describe('one instance only', () => {
  it('a second launch quits at once and never opens a window', () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app, () => null)).toBe(false);
    expect(app.calls).toEqual(['lock', 'quit']);
  });

  it('brings the first instance to the front, restored if it was minimized', () => {
    const app = fakeApp(true);
    const { win, calls } = fakeWindow(true);
    expect(claimSingleInstance(app, () => win)).toBe(true);
    expect(app.calls).toEqual(['lock']);
    app.launchAgain();
    expect(calls).toEqual(['restore', 'show', 'focus']);
  });

  it('ignores a second launch before the first has a window', () => {
    const app = fakeApp(true);
    claimSingleInstance(app, () => null);
    expect(() => app.launchAgain()).not.toThrow();
  });
});
