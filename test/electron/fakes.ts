import type { MenuItemConstructorOptions } from 'electron';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/bridge.js';
import type { MenuApi } from '../../electron/main/app-menu.js';
import { nodeDurableFs, type DurableFs, type FileHandleLike } from '../../electron/main/durable-file.js';
import type { InvokeEvent, IpcMainLike } from '../../electron/main/ipc-handlers.js';
import type { PermissionSession } from '../../electron/main/permissions.js';

export function fakeIpcMain(): IpcMainLike & {
  invoke(channel: string, event: InvokeEvent, ...args: unknown[]): Promise<unknown>;
  channels(): string[];
} {
  const handlers = new Map<string, (event: InvokeEvent, ...args: unknown[]) => unknown>();
  return {
    handle: (channel, listener) => void handlers.set(channel, listener),
    removeHandler: (channel) => void handlers.delete(channel),
    channels: () => [...handlers.keys()],
    async invoke(channel, event, ...args) {
      const handler = handlers.get(channel);
      if (!handler) throw new Error(`no handler for ${channel}`);
      return handler(event, ...args);
    },
  };
}

export function fakeWebContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  return {
    on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void }, url: string) => void) {
      listeners.set(event, listener);
    },
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }) {
      openHandler = handler;
    },
    /** Emits an event; returns whether the guard prevented it. */
    emit(event: 'will-navigate' | 'will-redirect', url: string): boolean {
      let prevented = false;
      listeners.get(event)?.({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
    openWindow(url: string) {
      if (!openHandler) throw new Error('no window open handler');
      return openHandler({ url });
    },
  };
}

/** A session's permission handlers, called the way Chromium calls them. */
export function fakePermissionSession() {
  let request: Parameters<PermissionSession['setPermissionRequestHandler']>[0] | undefined;
  let check: Parameters<PermissionSession['setPermissionCheckHandler']>[0] | undefined;
  let device: Parameters<PermissionSession['setDevicePermissionHandler']>[0] | undefined;
  const session = {
    setPermissionRequestHandler: (handler) => void (request = handler),
    setPermissionCheckHandler: (handler) => void (check = handler),
    setDevicePermissionHandler: (handler) => void (device = handler),
  } satisfies PermissionSession;
  return {
    ...session,
    installed: () => ({ request: !!request, check: !!check, device: !!device }),
    /** Every answer the handler gave within a turn of the event loop (none: the page would hang). */
    async request(contents: unknown, permission: string, details: unknown): Promise<boolean[]> {
      if (!request) throw new Error('no permission request handler');
      const answers: boolean[] = [];
      request(contents, permission, (granted) => void answers.push(granted), details);
      await new Promise((resolve) => setTimeout(resolve, 0));
      return answers;
    },
    check(contents: unknown, permission: string, origin: string, details: unknown): boolean {
      if (!check) throw new Error('no permission check handler');
      return check(contents, permission, origin, details);
    },
    device(details: unknown): boolean {
      if (!device) throw new Error('no device permission handler');
      return device(details);
    },
  };
}

/** Electron's Menu as the shell uses it: a "built" menu is its template; the installed ones are kept in order. */
export function fakeMenu() {
  type Built = MenuItemConstructorOptions[];
  const installed: Array<Built | null> = [];
  const popups: Built[] = [];
  const menu: MenuApi<Built> = {
    buildFromTemplate: (template) => template,
    setApplicationMenu: (built) => void installed.push(built),
  };
  return { ...menu, popups, installed: () => installed.filter((m): m is Built => m !== null) };
}

export function fakeSettingsStore() {
  let settings: Settings = { ...DEFAULT_SETTINGS };
  return {
    getSettings: () => ({ ...settings }),
    setSettings(patch: Partial<Settings>) {
      settings = { ...settings, ...patch };
      return { ...settings };
    },
  };
}

/** Node's fs with some operations replaced, to play a full disk, a failing device or a crash. */
export function fsWith(overrides: Partial<DurableFs>): DurableFs {
  return { ...nodeDurableFs, ...overrides };
}

/** A file handle whose methods are the real one's unless replaced. */
export function handleWith(handle: FileHandleLike, overrides: Partial<FileHandleLike>): FileHandleLike {
  return {
    writeFile: (data) => handle.writeFile(data),
    sync: () => handle.sync(),
    datasync: () => handle.datasync(),
    truncate: (length) => handle.truncate(length),
    close: () => handle.close(),
    ...overrides,
  };
}

/** An fs error as Node raises it. */
export function fsError(code: string, message = code): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}
