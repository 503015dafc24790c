import { BRIDGE_CHANNELS, type AppInfo, type Settings } from '../../shared/bridge.js';
import { isAppUrl } from './app-origin.js';
import { openExternalSafely, type OpenExternal } from './external-links.js';
import { validateSettingsPatch } from './settings-validation.js';

/** The parts of an IPC event the sender check reads. */
export interface SenderFrame {
  url: string;
  parent: unknown;
}
export interface InvokeEvent {
  senderFrame: SenderFrame | null;
  sender: unknown;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcDeps {
  /** The one window's webContents; messages from any other sender are refused. */
  getMainContents(): unknown;
  getAppInfo(): AppInfo;
  getSettings(): Settings;
  setSettings(patch: Partial<Settings>): Settings;
  isOnline(): boolean;
  openExternal: OpenExternal;
}

/** Electron security checklist item 17: only our page, in our window's main frame, may call. */
export function assertTrustedSender(event: InvokeEvent, deps: Pick<IpcDeps, 'getMainContents'>): void {
  const frame = event.senderFrame;
  if (!frame) throw new Error('IPC refused: the sending frame is gone');
  if (frame.parent !== null && frame.parent !== undefined) throw new Error('IPC refused: not the main frame');
  if (!isAppUrl(frame.url)) throw new Error(`IPC refused: untrusted origin ${frame.url}`);
  if (event.sender !== deps.getMainContents()) throw new Error('IPC refused: not our window');
}

const INVOKE_CHANNELS = [
  BRIDGE_CHANNELS.getAppInfo,
  BRIDGE_CHANNELS.getSettings,
  BRIDGE_CHANNELS.setSettings,
  BRIDGE_CHANNELS.isOnline,
  BRIDGE_CHANNELS.openExternal,
] as const;

export function registerIpcHandlers(ipcMain: IpcMainLike, deps: IpcDeps): () => void {
  const handle = (channel: string, fn: (...args: unknown[]) => unknown): void => {
    ipcMain.handle(channel, (event, ...args) => {
      assertTrustedSender(event, deps);
      return fn(...args);
    });
  };
  handle(BRIDGE_CHANNELS.getAppInfo, () => deps.getAppInfo());
  handle(BRIDGE_CHANNELS.getSettings, () => deps.getSettings());
  handle(BRIDGE_CHANNELS.setSettings, (patch) => deps.setSettings(validateSettingsPatch(patch)));
  handle(BRIDGE_CHANNELS.isOnline, () => deps.isOnline());
  handle(BRIDGE_CHANNELS.openExternal, (url) => openExternalSafely(deps.openExternal, url));
  return () => INVOKE_CHANNELS.forEach((channel) => ipcMain.removeHandler(channel));
}
