import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { SHELL_COMMANDS, type ShellCommand } from '../../shared/bridge.js';
import { LANGUAGES } from '../../shared/languages.js';
import { applicationMenuTemplate, contextMenuTemplate, createShellMenus } from '../../electron/main/app-menu.js';
import { MENU_LABELS } from '../../electron/main/menu-labels.js';
import { fakeMenu } from './fakes.js';

type Item = MenuItemConstructorOptions;

/** Every item of a template, submenus included, depth first. */
function flatten(items: readonly Item[]): Item[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function recorder() {
  const sent: ShellCommand[] = [];
  return { sent, send: (command: ShellCommand) => void sent.push(command) };
}

describe('the application menu', () => {
  it.each(['linux', 'win32', 'darwin'])('on %s has File, Edit, View, Window and Help', (platform) => {
    const top = applicationMenuTemplate('en', platform, () => undefined).map((item) => item.label);
    const expected = ['File', 'Edit', 'View', 'Window', 'Help'];
    expect(top).toEqual(platform === 'darwin' ? ['Seminar Desk', ...expected] : expected);
  });

  it('sends each page command as a typed command, with its accelerator', () => {
    const { sent, send } = recorder();
    const items = flatten(applicationMenuTemplate('en', 'linux', send));
    for (const item of items.filter((i) => i.click)) (item.click as () => void)();
    expect(sent).toEqual([
      'export',
      'print',
      'go-settings',
      'find',
      'go-agenda',
      'go-questions',
      'go-notebook',
      'go-syntheses',
      'go-mine',
      'go-outbox',
      'toggle-theme',
    ]);
    expect(sent.every((command) => (SHELL_COMMANDS as readonly string[]).includes(command))).toBe(true);
    const accelerator = (id: string) => items.find((item) => item.id === id)?.accelerator;
    expect({
      export: accelerator('export'),
      print: accelerator('print'),
      find: accelerator('find'),
      theme: accelerator('toggle-theme'),
    }).toEqual({ export: 'CmdOrCtrl+E', print: 'CmdOrCtrl+P', find: 'CmdOrCtrl+F', theme: 'CmdOrCtrl+Shift+L' });
  });

  it('keeps zoom, reload and editing as native roles', () => {
    const roles = flatten(applicationMenuTemplate('en', 'linux', () => undefined)).map((item) => item.role);
    for (const role of ['zoomIn', 'zoomOut', 'resetZoom', 'reload', 'copy', 'paste', 'undo', 'quit', 'about'])
      expect(roles, role).toContain(role);
    // No developer tools in a shipped app.
    expect(roles).not.toContain('toggleDevTools');
  });

  it('has no accelerator twice', () => {
    for (const platform of ['linux', 'darwin']) {
      const accelerators = flatten(applicationMenuTemplate('en', platform, () => undefined))
        .map((item) => item.accelerator)
        .filter(Boolean);
      expect(new Set(accelerators).size, platform).toBe(accelerators.length);
    }
  });

  it.each(LANGUAGES)('speaks %s: every label is there and its own, not English', (lang) => {
    const items = flatten(applicationMenuTemplate(lang, 'linux', () => undefined)).filter(
      (i) => i.type !== 'separator',
    );
    expect(items.every((item) => typeof item.label === 'string' && item.label.trim() !== '')).toBe(true);
    const labels = MENU_LABELS[lang];
    expect(items[0]!.label).toBe(labels.file);
    if (lang !== 'en') {
      // A few words may be the same (Italian "File"); most must not be.
      const same = Object.entries(labels).filter(([key, value]) => value === MENU_LABELS.en[key as 'file']);
      expect(same.length, JSON.stringify(same)).toBeLessThanOrEqual(3);
    }
  });
});

describe('the context menu', () => {
  it('on selected text offers Highlight, Add note, Copy and Copy with citation', () => {
    const { sent, send } = recorder();
    const template = contextMenuTemplate('fr', { selectionText: 'due diligence', isEditable: false }, send)!;
    expect(template.map((item) => item.label ?? item.type)).toEqual([
      'Surligner',
      'Ajouter une note…',
      'separator',
      'Copier',
      'Copier avec la référence',
    ]);
    expect(template[3]!.role).toBe('copy');
    for (const item of template.filter((i) => i.click)) (item.click as () => void)();
    expect(sent).toEqual(['highlight', 'add-note', 'copy-with-citation']);
  });

  it('offers nothing without a selection, and editing in a text field', () => {
    expect(contextMenuTemplate('en', { selectionText: ' \n', isEditable: false }, () => undefined)).toBeNull();
    const field = contextMenuTemplate('en', { selectionText: 'x', isEditable: true }, () => undefined)!;
    expect(field.map((item) => item.role).filter(Boolean)).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
  });
});

describe('the shell menus', () => {
  it('installs the menu in the starting language and again when the page switches', () => {
    const menu = fakeMenu();
    const menus = createShellMenus({
      Menu: menu,
      platform: 'linux',
      initialLanguage: 'de',
      send: () => undefined,
      popup: (built) => menu.popups.push(built),
    });
    expect(menu.installed().map((m) => m[0]!.label)).toEqual(['Datei']);
    menus.setLanguage('ar');
    menus.setLanguage('ar');
    expect(menu.installed().map((m) => m[0]!.label)).toEqual(['Datei', 'ملف']);

    menus.onContextMenu({ selectionText: 'نص', isEditable: false });
    menus.onContextMenu({ selectionText: '', isEditable: false });
    expect(menu.popups.map((m) => m[0]!.label)).toEqual(['تظليل']);
  });
});
