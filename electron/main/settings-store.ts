import Store from 'electron-store';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/bridge.js';

export interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };

interface StoreShape {
  // TODO(issue 9): the device token moves out of this plain JSON file into safeStorage.
  settings: Settings;
  windowState: WindowState;
}

/** What the rest of the main process needs from persistence; tests pass an in-memory one. */
export interface SettingsStore {
  getSettings(): Settings;
  setSettings(patch: Partial<Settings>): Settings;
  getWindowState(): WindowState;
  setWindowState(state: WindowState): void;
}

export function createSettingsStore(): SettingsStore {
  const store = new Store<StoreShape>({
    name: 'settings',
    defaults: { settings: DEFAULT_SETTINGS, windowState: DEFAULT_WINDOW_STATE },
  });
  return {
    getSettings: () => ({ ...DEFAULT_SETTINGS, ...store.get('settings') }),
    setSettings(patch) {
      const next = { ...DEFAULT_SETTINGS, ...store.get('settings'), ...patch };
      store.set('settings', next);
      return next;
    },
    getWindowState: () => ({ ...DEFAULT_WINDOW_STATE, ...store.get('windowState') }),
    setWindowState: (state) => store.set('windowState', state),
  };
}
