import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_CHANNELS,
  isShellCommand,
  type AppInfo,
  type JournalEntry,
  type JournalPending,
  type SaveFileResult,
  type SeminarBridge,
  type Settings,
  type ShellCommand,
  type StorageIdentity,
} from '../../shared/bridge.js';
import type { Lang } from '../../shared/languages.js';

// One method per call; ipcRenderer itself never reaches the page.
const bridge = {
  getAppInfo: () => ipcRenderer.invoke(BRIDGE_CHANNELS.getAppInfo) as Promise<AppInfo>,
  getSettings: () => ipcRenderer.invoke(BRIDGE_CHANNELS.getSettings) as Promise<Settings>,
  setSettings: (patch: Partial<Settings>) =>
    ipcRenderer.invoke(BRIDGE_CHANNELS.setSettings, patch) as Promise<Settings>,
  isOnline: () => ipcRenderer.invoke(BRIDGE_CHANNELS.isOnline) as Promise<boolean>,
  onOnlineChange(callback: (online: boolean) => void) {
    const listener = (_event: IpcRendererEvent, online: unknown): void => {
      if (typeof online === 'boolean') callback(online);
    };
    ipcRenderer.on(BRIDGE_CHANNELS.onlineChanged, listener);
    return () => {
      ipcRenderer.removeListener(BRIDGE_CHANNELS.onlineChanged, listener);
    };
  },
  openExternal: (url: string) => ipcRenderer.invoke(BRIDGE_CHANNELS.openExternal, url) as Promise<boolean>,
  saveFile: (suggestedName: string, data: Uint8Array, mimeType: string) =>
    ipcRenderer.invoke(BRIDGE_CHANNELS.saveFile, suggestedName, data, mimeType) as Promise<SaveFileResult>,
  printToPdf: (suggestedName: string) =>
    ipcRenderer.invoke(BRIDGE_CHANNELS.printToPdf, suggestedName) as Promise<SaveFileResult>,
  journalAppend: (entries: JournalEntry[]) =>
    ipcRenderer.invoke(BRIDGE_CHANNELS.journalAppend, entries) as Promise<{ supported: boolean }>,
  journalAcknowledge: (mutationIds: string[]) =>
    ipcRenderer.invoke(BRIDGE_CHANNELS.journalAcknowledge, mutationIds) as Promise<void>,
  journalPending: () => ipcRenderer.invoke(BRIDGE_CHANNELS.journalPending) as Promise<JournalPending>,
  storageIdentity: () => ipcRenderer.invoke(BRIDGE_CHANNELS.storageIdentity) as Promise<StorageIdentity>,
  storageIdentityBump: () => ipcRenderer.invoke(BRIDGE_CHANNELS.storageIdentityBump) as Promise<number>,
  setUiLanguage: (lang: Lang) => ipcRenderer.invoke(BRIDGE_CHANNELS.setUiLanguage, lang) as Promise<void>,
  onCommand(callback: (command: ShellCommand) => void) {
    // Only the listed commands pass: the page never sees the IPC event, nor anything else sent on the channel.
    const listener = (_event: IpcRendererEvent, command: unknown): void => {
      if (isShellCommand(command)) callback(command);
    };
    ipcRenderer.on(BRIDGE_CHANNELS.command, listener);
    return () => {
      ipcRenderer.removeListener(BRIDGE_CHANNELS.command, listener);
    };
  },
  writeClipboard: (text: string) => ipcRenderer.invoke(BRIDGE_CHANNELS.writeClipboard, text) as Promise<void>,
  materialChunkCount: (sha256: string) =>
    ipcRenderer.invoke(BRIDGE_CHANNELS.materialChunkCount, sha256) as Promise<number>,
  materialChunkPut: (sha256: string, index: number, bytes: Uint8Array) =>
    ipcRenderer.invoke(BRIDGE_CHANNELS.materialChunkPut, sha256, index, bytes) as Promise<void>,
  materialChunkRead: (sha256: string, index: number) =>
    ipcRenderer.invoke(BRIDGE_CHANNELS.materialChunkRead, sha256, index) as Promise<Uint8Array>,
  materialRemove: (sha256: string) => ipcRenderer.invoke(BRIDGE_CHANNELS.materialRemove, sha256) as Promise<void>,
} satisfies SeminarBridge;

contextBridge.exposeInMainWorld('seminar', bridge);
