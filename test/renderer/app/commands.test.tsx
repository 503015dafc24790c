import { afterEach, describe, expect, it } from 'vitest';
import { registerCommand, runCommand, type CommandEnvironment } from '../../../renderer/app/commands.js';
import { effectiveTheme } from '../../../renderer/ui/preferences.js';

function environment(hash = '#/agenda') {
  const printed: number[] = [];
  let now = 1_000;
  const env: CommandEnvironment & { printed: number[]; later(ms: number): void } = {
    location: { hash },
    print: () => void printed.push(1),
    now: () => now,
    printed,
    later: (ms) => void (now += ms),
  };
  return env;
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  cleanups.splice(0).forEach((off) => off());
  delete document.documentElement.dataset.theme;
});

describe('menu commands in the page', () => {
  it('goes to the place a View command names', () => {
    const env = environment();
    for (const [command, hash] of [
      ['go-notebook', '#/notebook'],
      ['go-questions', '#/questions'],
      ['go-outbox', '#/outbox'],
      ['go-settings', '#/settings'],
      ['find', '#/search'],
    ] as const) {
      expect(runCommand(command, env)).toBe(true);
      expect(env.location.hash).toBe(hash);
    }
  });

  it('hands Export to the notebook once it is shown, unless too late', () => {
    const env = environment('#/agenda');
    runCommand('export', env);
    expect(env.location.hash).toBe('#/notebook');
    const taken: string[] = [];
    cleanups.push(registerCommand('export', () => taken.push('export'), env.now));
    expect(taken).toEqual(['export']);

    // A screen shown long after the command does not act on it.
    cleanups.splice(0).forEach((off) => off());
    env.location.hash = '#/agenda';
    runCommand('export', env);
    env.later(10_000);
    cleanups.push(registerCommand('export', () => taken.push('late'), env.now));
    expect(taken).toEqual(['export']);
  });

  it('lets the screen shown take a command, the latest first, until it goes', () => {
    const env = environment('#/search');
    const taken: string[] = [];
    const offFirst = registerCommand('find', () => taken.push('first'));
    const offSecond = registerCommand('find', () => taken.push('second'));
    runCommand('find', env);
    offSecond();
    runCommand('find', env);
    offFirst();
    expect(runCommand('find', env)).toBe(true);
    expect(taken).toEqual(['second', 'first']);
    expect(env.location.hash).toBe('#/search');
  });

  it('has nothing to highlight or copy when no reader is open', () => {
    const env = environment();
    expect(runCommand('highlight', env)).toBe(false);
    expect(runCommand('copy-with-citation', env)).toBe(false);
    const taken: string[] = [];
    cleanups.push(registerCommand('highlight', () => taken.push('highlight')));
    expect(runCommand('highlight', env)).toBe(true);
    expect(taken).toEqual(['highlight']);
  });

  it('prints, and toggles dark mode on <html>', () => {
    const env = environment();
    runCommand('print', env);
    expect(env.printed).toEqual([1]);
    // jsdom's system theme is light.
    expect(effectiveTheme()).toBe('light');
    runCommand('toggle-theme', env);
    expect(document.documentElement.dataset.theme).toBe('dark');
    runCommand('toggle-theme', env);
    expect(document.documentElement.dataset.theme).toBe('light');
  });
});
