export type StorageProblem = 'quota-exceeded' | 'storage-failed';

const STORAGE_ERROR_NAMES = new Set([
  'AbortError',
  'DatabaseClosedError',
  'OpenFailedError',
  'InvalidStateError',
  'TransactionInactiveError',
  'UnknownError',
  'DataCloneError',
  'BulkError',
  'DataError',
  'NotFoundError',
  'ReadOnlyError',
]);

function nameOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
}

/**
 * Classifies an IndexedDB/Dexie failure. Dexie wraps the browser's error, so
 * the quota case is looked for in the inner error too.
 */
export function classifyStorageError(error: unknown): StorageProblem | null {
  const inner = typeof error === 'object' && error !== null && 'inner' in error ? error.inner : undefined;
  const names = [nameOf(error), nameOf(inner)];
  if (names.some((name) => name.includes('Quota'))) return 'quota-exceeded';
  if (names.some((name) => STORAGE_ERROR_NAMES.has(name))) return 'storage-failed';
  return null;
}
