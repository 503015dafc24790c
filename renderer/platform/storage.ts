export interface StorageStatus {
  usage: number | null;
  quota: number | null;
  persisted: boolean | null;
}

/** How much of the origin's storage quota the corpus uses, and whether the browser may evict it. */
export async function getStorageStatus(): Promise<StorageStatus> {
  const manager = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!manager) return { usage: null, quota: null, persisted: null };
  const [estimate, persisted] = await Promise.all([
    manager.estimate ? manager.estimate().catch(() => undefined) : undefined,
    manager.persisted ? manager.persisted().catch(() => null) : null,
  ]);
  return { usage: estimate?.usage ?? null, quota: estimate?.quota ?? null, persisted };
}

/** Asks the browser not to evict the offline corpus under storage pressure. */
export async function requestPersistentStorage(): Promise<boolean | null> {
  const manager = typeof navigator !== 'undefined' ? navigator.storage : undefined;
  if (!manager?.persist) return null;
  try {
    return (await manager.persisted?.()) || (await manager.persist());
  } catch {
    return null;
  }
}

/** The app shell cache for web mode (public/sw.js); the desktop app serves itself from app://. */
export function registerShellCache(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  if (location.protocol !== 'http:' && location.protocol !== 'https:') return;
  if (import.meta.env.DEV) return;
  navigator.serviceWorker.register('./sw.js').catch(() => {
    // Without the cache the app still works online; offline reloads will not.
  });
}
