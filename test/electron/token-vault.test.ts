import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../shared/bridge.js';
import { createSettingsStore, DEFAULT_WINDOW_STATE, type KeyValue } from '../../electron/main/settings-store.js';
import type { SafeStorageLike } from '../../electron/main/token-vault.js';
import { validateSettingsPatch } from '../../electron/main/settings-validation.js';

// The settings file is electron-store in the app; here a Map stands in, and neither Electron nor its store loads.
vi.mock('electron-store', () => ({ default: class {} }));
vi.mock('electron', () => ({}));

const TOKEN = 'device-token-0123456789abcdefghijklmnopqrstuvw';

/** safeStorage's contract, with a reversible scrambling for an encryption. */
function fakeSafeStorage(backend: string, available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (plain) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
    decryptString: (cipher) => Buffer.from([...cipher].map((b) => b ^ 0x5a)).toString(),
    getSelectedStorageBackend: () => backend,
  };
}

/** The settings file, as JSON on disk would hold it. */
function file(initial: Record<string, unknown> = {}): KeyValue & { json(): string } {
  const data: Record<string, unknown> = {
    settings: DEFAULT_SETTINGS,
    tokenCipher: null,
    windowState: DEFAULT_WINDOW_STATE,
    ...initial,
  };
  return {
    get: (key) => structuredClone(data[key]) as never,
    set: (key, value) => void (data[key] = structuredClone(value)),
    json: () => JSON.stringify(data),
  };
}

describe('the device token on disk', () => {
  it('is encrypted by the keychain, never in plain text, and read back after a restart', () => {
    const disk = file();
    const store = createSettingsStore(fakeSafeStorage('gnome_libsecret'), 'linux', disk);
    expect(store.setSettings({ serverUrl: 'https://seminar.example.org', token: TOKEN })).toMatchObject({
      token: TOKEN,
      tokenStorage: 'keychain',
    });
    expect(disk.json()).not.toContain(TOKEN);
    const restarted = createSettingsStore(fakeSafeStorage('gnome_libsecret'), 'linux', disk);
    expect(restarted.getSettings()).toMatchObject({ token: TOKEN, serverUrl: 'https://seminar.example.org' });
  });

  it('on Linux with the hard-coded fallback key, stays in memory until the user agrees, then is stored', () => {
    const disk = file();
    const store = createSettingsStore(fakeSafeStorage('basic_text'), 'linux', disk);
    expect(store.setSettings({ token: TOKEN })).toMatchObject({ token: TOKEN, tokenStorage: 'weak' });
    expect(disk.get('tokenCipher')).toBeNull();
    expect(createSettingsStore(fakeSafeStorage('basic_text'), 'linux', disk).getSettings().token).toBeNull();

    store.setSettings({ allowWeakTokenStorage: true });
    expect(disk.get('tokenCipher')).not.toBeNull();
    expect(disk.json()).not.toContain(TOKEN);
    expect(createSettingsStore(fakeSafeStorage('basic_text'), 'linux', disk).getSettings().token).toBe(TOKEN);
    // Consent taken back: the stored copy goes.
    store.setSettings({ allowWeakTokenStorage: false });
    expect(disk.get('tokenCipher')).toBeNull();
  });

  it('without any encryption, lives for the session only', () => {
    const disk = file();
    const store = createSettingsStore(fakeSafeStorage('', false), 'linux', disk);
    expect(store.setSettings({ token: TOKEN, allowWeakTokenStorage: true })).toMatchObject({ tokenStorage: 'session' });
    expect(disk.get('tokenCipher')).toBeNull();
  });

  it('moves a token an older version left in plain text into the keychain', () => {
    const disk = file({ settings: { ...DEFAULT_SETTINGS, token: TOKEN } });
    const store = createSettingsStore(fakeSafeStorage('kwallet5'), 'linux', disk);
    expect(store.getSettings().token).toBe(TOKEN);
    expect(disk.json()).not.toContain(TOKEN);
  });

  it('accepts only a boolean for the consent, and never a reported storage kind from the renderer', () => {
    expect(validateSettingsPatch({ allowWeakTokenStorage: true })).toEqual({ allowWeakTokenStorage: true });
    expect(() => validateSettingsPatch({ allowWeakTokenStorage: 'yes' })).toThrow(/true or false/);
    expect(() => validateSettingsPatch({ tokenStorage: 'keychain' })).toThrow();
  });
});
