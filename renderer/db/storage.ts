export type StorageErrorCode = 'quota-exceeded' | 'transaction-failed' | 'database-unavailable';

export async function requestPersistence(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
  try {
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}

export async function getStorageEstimate(): Promise<{ usage: number; quota: number } | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
  const e = await navigator.storage.estimate();
  return { usage: e.usage ?? 0, quota: e.quota ?? 0 };
}

const UNAVAILABLE = new Set([
  'DatabaseClosedError',
  'OpenFailedError',
  'MissingAPIError',
  'InvalidStateError',
  'VersionError',
  'UpgradeError',
  'InvalidAccessError',
]);

function names(err: unknown, depth = 0): string[] {
  if (!err || typeof err !== 'object' || depth > 5) return [];
  const e = err as { name?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  const out = typeof e.name === 'string' ? [e.name] : [];
  out.push(...names(e.inner, depth + 1), ...names(e.cause, depth + 1));
  if (Array.isArray(e.failures)) for (const f of e.failures) out.push(...names(f, depth + 1));
  return out;
}

/** Maps a Dexie/DOM error (incl. Dexie's wrapped `inner`) to a storage error code. */
export function describeStorageError(err: unknown): StorageErrorCode {
  const all = names(err);
  if (all.some((n) => n === 'QuotaExceededError')) return 'quota-exceeded';
  if (all.some((n) => UNAVAILABLE.has(n))) return 'database-unavailable';
  return 'transaction-failed';
}
