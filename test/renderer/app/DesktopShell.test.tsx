import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { freshDb, seed } from '../fixtures.js';
import { renderApp } from '../render-app.js';
import { getPreferences, parsePreferences, setPreferences } from '../../../renderer/ui/preferences.js';
import { SHELL_COMMANDS } from '../../../shared/bridge.js';
import { COMMAND_TABLE } from '../../../renderer/app/command-table.js';
import { PAGE_COMMANDS, registerCommand } from '../../../renderer/app/commands.js';

// jsdom has no CSS.escape, which React Aria's collections use (every browser has it).
globalThis.CSS ??= { escape: (value: string) => value.replace(/[^\w-]/g, (c) => `\\${c}`) } as typeof CSS;

const SLOW = { timeout: 5000 };

const key = (init: KeyboardEventInit, target: EventTarget = document.body) =>
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  });

describe('the desktop shell', () => {
  it('names each place in the sidebar by its label alone, its count as a description in words', async () => {
    const db = freshDb();
    await seed(db);
    await renderApp(db, { hash: '#/agenda' });
    const nav = screen.getByRole('navigation', { name: 'Main' });
    const questions = within(nav).getByRole('link', { name: 'Questions' });
    expect(questions.getAttribute('aria-current')).toBeNull();
    await waitFor(() => expect(questions.getAttribute('aria-describedby')).toBe('nav-count-questions'), SLOW);
    expect(document.getElementById('nav-count-questions')?.textContent).toMatch(/3 questions$/);
    expect(within(nav).getByRole('link', { name: 'Agenda' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Outbox' }).getAttribute('href')).toBe('#/outbox');
  });

  it('opens the command palette on Ctrl+K, filters questions by title, and goes to the one chosen', async () => {
    const db = freshDb();
    await seed(db);
    await renderApp(db, { hash: '#/agenda' });
    await screen.findByTestId('agenda', {}, SLOW);
    await key({ key: 'k', ctrlKey: true });
    const palette = await screen.findByTestId('command-palette', {}, SLOW);
    const input = within(palette).getByRole('searchbox');
    await waitFor(
      () => expect(within(palette).getByRole('menuitem', { name: /secure cyberspace/ })).toBeTruthy(),
      SLOW,
    );
    fireEvent.change(input, { target: { value: 'secure cyber' } });
    await waitFor(() => expect(within(palette).getAllByRole('menuitem')).toHaveLength(1));
    fireEvent.click(within(palette).getByRole('menuitem', { name: /secure cyberspace/ }));
    await waitFor(() => expect(window.location.hash).toBe('#/questions/public-1'));
    await waitFor(() => expect(screen.queryByTestId('command-palette')).toBeNull());
  });

  it('offers every menu command in the palette, from one table of command ids', () => {
    const ids = COMMAND_TABLE.map((entry) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...SHELL_COMMANDS, ...PAGE_COMMANDS].sort());
  });

  it('carries out a palette action as the menus do: through the command a screen registered', async () => {
    const db = freshDb();
    await seed(db);
    await renderApp(db, { hash: '#/agenda' });
    await screen.findByTestId('agenda', {}, SLOW);
    const taken: string[] = [];
    const off = registerCommand('export', () => taken.push('export'));
    try {
      await key({ key: 'k', ctrlKey: true });
      const palette = await screen.findByTestId('command-palette', {}, SLOW);
      // Without a reader open, the reader's commands are not offered.
      expect(within(palette).queryByRole('menuitem', { name: 'Highlight the selected passage' })).toBeNull();
      fireEvent.click(await within(palette).findByRole('menuitem', { name: 'Export…' }, SLOW));
      await waitFor(() => expect(taken).toEqual(['export']));
      expect(window.location.hash).toBe('#/agenda');
    } finally {
      off();
    }
  });

  it('shows the shortcuts sheet on ?, but not while typing in a field', async () => {
    const db = freshDb();
    await seed(db);
    await renderApp(db, { hash: '#/search' });
    const field = await screen.findByRole('searchbox', {}, SLOW);
    await key({ key: '?', shiftKey: true });
    const sheet = await screen.findByTestId('shortcuts-sheet', {}, SLOW);
    expect(within(sheet).getByRole('heading', { name: 'Keyboard shortcuts' })).toBeTruthy();
    expect(sheet.textContent).toContain('Next contribution');
    fireEvent.click(within(sheet).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByTestId('shortcuts-sheet')).toBeNull());
    // The sheet's code is loaded now: had the key opened it, it would be there at once.
    await key({ key: '?', shiftKey: true }, field);
    expect(screen.queryByTestId('shortcuts-sheet')).toBeNull();
    await key({ key: '?', shiftKey: true });
    expect(screen.queryByTestId('shortcuts-sheet')).not.toBeNull();
  });

  it('steps to the next and previous contribution of the list beside the reader with j and k', async () => {
    const db = freshDb();
    await seed(db);
    await renderApp(db, { hash: '#/contributions/c-1' });
    await waitFor(() => expect(screen.getAllByTestId('contribution-item').length).toBe(3), SLOW);
    const current = () => screen.getAllByTestId('contribution-item').find((item) => item.getAttribute('aria-current'));
    await waitFor(() => expect(current()?.dataset.contributionId).toBe('c-1'));
    const order = screen.getAllByTestId('contribution-item').map((item) => item.dataset.contributionId);
    await key({ key: 'j' });
    await waitFor(() => expect(window.location.hash).toBe(`#/contributions/${order[1]}`));
    await waitFor(() => expect(current()?.dataset.contributionId).toBe(order[1]));
    await key({ key: 'k' });
    await waitFor(() => expect(window.location.hash).toBe(`#/contributions/${order[0]}`));
  });

  it('resizes a pane from the keyboard, the way the handle points on screen, and remembers it', async () => {
    const db = freshDb();
    await seed(db);
    await renderApp(db, { hash: '#/questions/legal-I-i' });
    const handle = await screen.findByRole('separator', { name: 'Resize the Contributions pane' }, SLOW);
    const width = () => Number(handle.getAttribute('aria-valuenow'));
    const before = width();
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(width()).toBe(before + 16);
    expect(getPreferences().panes.contributions).toBe(before + 16);
    document.documentElement.dir = 'rtl';
    fireEvent.keyDown(handle, { key: 'ArrowRight' });
    expect(width()).toBe(before);
    document.documentElement.dir = 'ltr';
    fireEvent.keyDown(handle, { key: 'Home' });
    expect(width()).toBe(Number(handle.getAttribute('aria-valuemin')));
  });

  it('keeps the theme, text size and pane widths on the device, and survives a damaged copy', () => {
    expect(parsePreferences('{not json')).toEqual(parsePreferences(null));
    expect(parsePreferences('{"theme":"purple","textSize":"l","panes":{"list":"wide","questions":300}}')).toEqual({
      theme: 'system',
      textSize: 'l',
      panes: { questions: 300 },
      questionsPane: 'auto',
      contributionLayout: 'threads',
    });
    // The list's threads-or-flat choice (issue 23) is remembered, and a damaged value falls back to threads.
    expect(parsePreferences('{"contributionLayout":"flat"}').contributionLayout).toBe('flat');
    expect(parsePreferences('{"contributionLayout":"tree"}').contributionLayout).toBe('threads');
    setPreferences({ theme: 'dark', panes: { list: 280 } });
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(parsePreferences(localStorage.getItem('seminar-desk.preferences'))).toEqual(getPreferences());
    setPreferences({ theme: 'system' });
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });
});
