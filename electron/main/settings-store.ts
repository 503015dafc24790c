import Store from 'electron-store';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/bridge.js';
import { createTokenVault, type SafeStorageLike } from './token-vault.js';

import { DEFAULT_WINDOW_STATE, type WindowState } from './window-state.js';

export { DEFAULT_WINDOW_STATE, type WindowState };

interface StoreShape {
  /** Everything but the token, which never sits here in plain text. */
  settings: Settings;
  /** The token encrypted by safeStorage, base64; null when it is kept in memory only. */
  tokenCipher: string | null;
  windowState: WindowState;
}

/** What the rest of the main process needs from persistence; tests pass an in-memory one. */
export interface SettingsStore {
  getSettings(): Settings;
  setSettings(patch: Partial<Settings>): Settings;
  getWindowState(): WindowState;
  setWindowState(state: WindowState): void;
}

/** A key-value file: electron-store in the app, a Map in tests. */
export interface KeyValue {
  get<K extends keyof StoreShape>(key: K): StoreShape[K];
  set<K extends keyof StoreShape>(key: K, value: StoreShape[K]): void;
}

export function createSettingsStore(
  safeStorage: SafeStorageLike,
  platform: string = process.platform,
  file: KeyValue = new Store<StoreShape>({
    name: 'settings',
    defaults: { settings: DEFAULT_SETTINGS, tokenCipher: null, windowState: DEFAULT_WINDOW_STATE },
  }),
): SettingsStore {
  const stored = () => ({ ...DEFAULT_SETTINGS, ...file.get('settings') });
  const vault = createTokenVault({
    safeStorage,
    platform,
    load: () => file.get('tokenCipher') ?? null,
    save: (cipher) => file.set('tokenCipher', cipher),
    weakAllowed: () => stored().allowWeakTokenStorage === true,
  });
  // A token an older version left in plain text moves into the vault, and out of the file.
  const legacy = stored().token;
  if (legacy) {
    vault.set(legacy);
    file.set('settings', { ...stored(), token: null });
  }
  const current = (): Settings => ({ ...stored(), token: vault.get(), tokenStorage: vault.kind() });
  return {
    getSettings: current,
    setSettings(patch) {
      const { token, tokenStorage: _reported, ...rest } = patch;
      file.set('settings', { ...stored(), ...rest, token: null });
      // Consent given or taken back: the token is stored, or removed from disk, accordingly.
      if (token !== undefined) vault.set(token);
      else if (rest.allowWeakTokenStorage !== undefined) vault.set(vault.get());
      return current();
    },
    getWindowState: () => ({ ...DEFAULT_WINDOW_STATE, ...file.get('windowState') }),
    setWindowState: (state) => file.set('windowState', state),
  };
}
