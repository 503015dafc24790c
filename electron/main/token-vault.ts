import type { TokenStorage } from '../../shared/bridge.js';

/** The part of Electron's safeStorage the vault uses (tests pass a fake). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(cipher: Buffer): string;
  /** Linux only: 'basic_text' means a key hard-coded in Chromium, i.e. no real protection. */
  getSelectedStorageBackend?(): string;
}

export interface TokenVault {
  get(): string | null;
  set(token: string | null): void;
  kind(): TokenStorage;
}

/**
 * Where this machine can keep the device token: the OS keychain (Keychain,
 * DPAPI, libsecret/kwallet) through safeStorage; on Linux without one,
 * safeStorage falls back to a hard-coded key ('weak'); with no encryption at
 * all, only in memory for the session.
 */
export function tokenStorageKind(safe: SafeStorageLike, platform: string): TokenStorage {
  if (!safe.isEncryptionAvailable()) return 'session';
  if (platform === 'linux' && safe.getSelectedStorageBackend?.() === 'basic_text') return 'weak';
  return 'keychain';
}

/**
 * The device token, never in plain text on disk: encrypted by safeStorage
 * and stored as base64 (`save`), or, where the only encryption is the weak
 * fallback and the user has not agreed to it, kept in memory only (the user is
 * asked; meanwhile a restart needs a new sign-in).
 */
export function createTokenVault(deps: {
  safeStorage: SafeStorageLike;
  platform: string;
  load(): string | null;
  save(cipher: string | null): void;
  weakAllowed(): boolean;
}): TokenVault {
  let memory: string | null = null;
  const kind = () => tokenStorageKind(deps.safeStorage, deps.platform);
  const persists = () => kind() === 'keychain' || (kind() === 'weak' && deps.weakAllowed());
  return {
    kind,
    get() {
      if (memory !== null) return memory;
      const stored = deps.load();
      if (!stored || kind() === 'session') return null;
      try {
        memory = deps.safeStorage.decryptString(Buffer.from(stored, 'base64'));
        return memory;
      } catch {
        // Encrypted by another user or machine (a copied profile): of no use here, and no harm.
        return null;
      }
    },
    set(token) {
      memory = token;
      deps.save(token !== null && persists() ? deps.safeStorage.encryptString(token).toString('base64') : null);
    },
  };
}
