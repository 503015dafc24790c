import type { MenuItemConstructorOptions } from 'electron';
import type { ShellCommand } from '../../shared/bridge.js';
import type { Lang } from '../../shared/languages.js';
import { MENU_LABELS } from './menu-labels.js';

/** Hands a command to the page (renderer/app/commands.ts carries it out). */
export type SendCommand = (command: ShellCommand) => void;

/**
 * The application menu, in the UI language. Commands that act on the page go
 * to it as typed commands; what only the shell does (edit, zoom, reload, window)
 * keeps Electron's roles, with our labels so they speak the UI language too.
 */
export function applicationMenuTemplate(lang: Lang, platform: string, send: SendCommand): MenuItemConstructorOptions[] {
  const l = MENU_LABELS[lang];
  const mac = platform === 'darwin';
  const command = (label: string, id: ShellCommand, accelerator?: string): MenuItemConstructorOptions => ({
    id,
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(id),
  });
  const separator: MenuItemConstructorOptions = { type: 'separator' };
  return [
    ...(mac
      ? [
          {
            label: 'Seminar Desk',
            submenu: [
              { role: 'about', label: l.about },
              separator,
              command(l.settings, 'go-settings', 'Cmd+,'),
              separator,
              { role: 'quit', label: l.quit },
            ],
          } satisfies MenuItemConstructorOptions,
        ]
      : []),
    {
      label: l.file,
      submenu: [
        command(l.exportNotes, 'export', 'CmdOrCtrl+E'),
        command(l.print, 'print', 'CmdOrCtrl+P'),
        ...(mac
          ? []
          : [
              separator,
              command(l.settings, 'go-settings', 'Ctrl+,'),
              separator,
              { role: 'quit', label: l.quit } as const,
            ]),
      ],
    },
    {
      label: l.edit,
      submenu: [
        { role: 'undo', label: l.undo },
        { role: 'redo', label: l.redo },
        separator,
        { role: 'cut', label: l.cut },
        { role: 'copy', label: l.copy },
        { role: 'paste', label: l.paste },
        { role: 'selectAll', label: l.selectAll },
        separator,
        command(l.find, 'find', 'CmdOrCtrl+F'),
      ],
    },
    {
      label: l.view,
      submenu: [
        command(l.agenda, 'go-agenda', 'CmdOrCtrl+1'),
        command(l.questions, 'go-questions', 'CmdOrCtrl+2'),
        command(l.notebook, 'go-notebook', 'CmdOrCtrl+3'),
        command(l.syntheses, 'go-syntheses', 'CmdOrCtrl+4'),
        command(l.mine, 'go-mine', 'CmdOrCtrl+5'),
        command(l.outbox, 'go-outbox', 'CmdOrCtrl+6'),
        separator,
        command(l.toggleTheme, 'toggle-theme', 'CmdOrCtrl+Shift+L'),
        separator,
        { role: 'zoomIn', label: l.zoomIn },
        { role: 'zoomOut', label: l.zoomOut },
        { role: 'resetZoom', label: l.resetZoom },
        separator,
        { role: 'reload', label: l.reload },
        { role: 'togglefullscreen', label: l.fullScreen },
      ],
    },
    {
      label: l.window,
      submenu: [
        { role: 'minimize', label: l.minimize },
        { role: 'close', label: l.close },
      ],
    },
    {
      label: l.help,
      // On macOS "About" sits in the app menu, where people look for it.
      role: 'help',
      submenu: mac ? [{ role: 'about', label: l.about, visible: false }] : [{ role: 'about', label: l.about }],
    },
  ];
}

/** What Electron's `context-menu` event says about the spot that was right-clicked. */
export interface ContextMenuParams {
  selectionText: string;
  isEditable: boolean;
}

/**
 * The context menu. On selected text of the page: Highlight, Add note, Copy and
 * Copy with citation (the page knows the passage's source, so it builds the
 * citation). In a text field: the usual edit actions. Elsewhere: none (null).
 */
export function contextMenuTemplate(
  lang: Lang,
  params: ContextMenuParams,
  send: SendCommand,
): MenuItemConstructorOptions[] | null {
  const l = MENU_LABELS[lang];
  if (params.isEditable) {
    return [
      { role: 'undo', label: l.undo },
      { role: 'redo', label: l.redo },
      { type: 'separator' },
      { role: 'cut', label: l.cut },
      { role: 'copy', label: l.copy },
      { role: 'paste', label: l.paste },
      { role: 'selectAll', label: l.selectAll },
    ];
  }
  if (params.selectionText.trim() === '') return null;
  return [
    { id: 'highlight', label: l.highlight, click: () => send('highlight') },
    { id: 'add-note', label: l.addNote, click: () => send('add-note') },
    { type: 'separator' },
    { role: 'copy', label: l.copy },
    { id: 'copy-with-citation', label: l.copyWithCitation, click: () => send('copy-with-citation') },
  ];
}

/** The parts of Electron's Menu the shell uses; tests pass a stand-in. */
export interface MenuApi<M> {
  buildFromTemplate(template: MenuItemConstructorOptions[]): M;
  setApplicationMenu(menu: M | null): void;
}

export interface ShellMenusDeps<M> {
  Menu: MenuApi<M>;
  platform: string;
  /** The language to start in, before the page says which it shows. */
  initialLanguage: Lang;
  send: SendCommand;
  /** Shows a built context menu at the pointer. */
  popup(menu: M): void;
}

/** The application and context menus, rebuilt in a new language when the page switches. */
export function createShellMenus<M>(deps: ShellMenusDeps<M>) {
  let lang = deps.initialLanguage;
  const install = () =>
    deps.Menu.setApplicationMenu(deps.Menu.buildFromTemplate(applicationMenuTemplate(lang, deps.platform, deps.send)));
  install();
  return {
    language: () => lang,
    setLanguage(next: Lang) {
      if (next === lang) return;
      lang = next;
      install();
    },
    /** For webContents' `context-menu` event. */
    onContextMenu(params: ContextMenuParams) {
      const template = contextMenuTemplate(lang, params, deps.send);
      if (template) deps.popup(deps.Menu.buildFromTemplate(template));
    },
  };
}
