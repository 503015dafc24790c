import path from 'node:path';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  net,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  type WebContents,
} from 'electron';
import { BRIDGE_CHANNELS, type AppInfo, type ShellCommand } from '../../shared/bridge.js';
import { isLang, type Lang } from '../../shared/languages.js';
import { APP_START_URL } from './app-origin.js';
import { createShellMenus } from './app-menu.js';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol.js';
import { createMaterialFiles } from './material-files.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { createJournal } from './journal.js';
import { installNavigationGuard } from './navigation-guard.js';
import { watchOnlineStatus } from './online-status.js';
import { denyAllPermissions } from './permissions.js';
import { createSettingsStore } from './settings-store.js';
import { claimSingleInstance } from './single-instance.js';
import { createStorageIdentityStore } from './storage-identity.js';
import { createMainWindow } from './window-options.js';
import { fitWindowState } from './window-state.js';

// Bundled to dist/electron/main.cjs; the renderer is built to dist/renderer.
const distDir = path.resolve(__dirname, '..');
const rendererDir = path.join(distDir, 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');

app.enableSandbox();
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

let mainWindow: BrowserWindow | null = null;
if (claimSingleInstance(app, () => mainWindow)) {
  app.on('web-contents-created', (_event, contents) => {
    // No <webview>, ever, even if a page tried to attach one.
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  void app.whenReady().then(() =>
    start(
      () => mainWindow,
      (w) => (mainWindow = w),
    ),
  );
  app.on('window-all-closed', () => app.quit());
}

function start(getWindow: () => BrowserWindow | null, setWindow: (w: BrowserWindow | null) => void): void {
  const store = createSettingsStore(safeStorage);
  const ses = session.defaultSession;
  denyAllPermissions(ses);
  registerAppProtocol(ses.protocol, rendererDir);
  const send = (command: ShellCommand) => getWindow()?.webContents.send(BRIDGE_CHANNELS.command, command);
  // Until the page says which language it shows: the chosen one, else the system's.
  const systemLang = app
    .getPreferredSystemLanguages()
    .map((tag) => tag.toLowerCase().split('-')[0])
    .find(isLang);
  const menus = createShellMenus({
    Menu,
    platform: process.platform,
    initialLanguage: store.getSettings().language ?? systemLang ?? ('en' satisfies Lang),
    send,
    popup: (menu) => {
      const owner = getWindow();
      if (owner) menu.popup({ window: owner });
    },
  });

  const saved = fitWindowState(
    store.getWindowState(),
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const win = createMainWindow(BrowserWindow, preloadPath, {
    width: saved.width,
    height: saved.height,
    ...(saved.x !== undefined && saved.y !== undefined ? { x: saved.x, y: saved.y } : {}),
  });
  setWindow(win);
  if (saved.maximized) win.maximize();
  installNavigationGuard(win.webContents, (url) => shell.openExternal(url));
  win.webContents.on('context-menu', (_event, params) => menus.onContextMenu(params));
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const bounds = win.getNormalBounds();
    store.setWindowState({ ...bounds, maximized: win.isMaximized() });
  });
  win.on('closed', () => setWindow(null));

  const online = watchOnlineStatus({
    isOnline: () => net.isOnline(),
    onResume: (listener) => powerMonitor.on('resume', listener),
    send: (channel, value) => getWindow()?.webContents.send(channel, value),
  });
  const info: AppInfo = {
    name: 'Seminar Desk',
    version: app.getVersion(),
    shell: 'electron',
    platform: process.platform,
    localServerUrl: process.env.SEMINAR_DESK_LOCAL_SERVER ?? null,
  };
  // Outside Chromium's storage, so a database Chromium wipes does not take it along.
  const journalDir = path.join(app.getPath('userData'), 'journal');
  const warn = (message: string, error: unknown) => console.warn(`[journal] ${message}`, error ?? '');
  registerIpcHandlers(ipcMain, {
    getMainContents: () => getWindow()?.webContents ?? null,
    getAppInfo: () => info,
    getSettings: () => store.getSettings(),
    setSettings: (patch) => store.setSettings(patch),
    isOnline: () => online.current(),
    openExternal: (url) => shell.openExternal(url),
    async showSaveDialog(sender, request) {
      const options = { defaultPath: path.join(app.getPath('downloads'), request.fileName), filters: request.filters };
      const owner = BrowserWindow.fromWebContents(sender as WebContents) ?? getWindow();
      const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async printToPdf(sender) {
      return new Uint8Array(await (sender as WebContents).printToPDF({ printBackground: false }));
    },
    journal: createJournal({ dir: journalDir, onWarning: warn }),
    storageIdentity: createStorageIdentityStore({ dir: journalDir, onWarning: warn }),
    setUiLanguage: (lang) => menus.setLanguage(lang),
    writeClipboard: (text) => clipboard.writeText(text),
    // Beside the journal, outside Chromium's storage: the app's data folder.
    materialFiles: createMaterialFiles(path.join(app.getPath('userData'), 'materials')),
  });
  void win.loadURL(APP_START_URL);
}
