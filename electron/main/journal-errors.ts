import { journalErrorMessage, type JournalErrorCode } from '../../shared/bridge.js';
import { errorCode } from './durable-file.js';

/** A failed journal call; its message carries the code across IPC (see `journalErrorCode` in shared/bridge.ts). */
export class JournalError extends Error {
  override name = 'JournalError';
  constructor(
    readonly code: JournalErrorCode,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(journalErrorMessage(code, detail), options);
  }
}

/**
 * Turns an fs failure into the error the renderer shows. `doing` completes
 * "could not …". A full disk must reach the user, never be swallowed: the
 * journal is the copy that survives a wiped database.
 */
export function journalFailure(error: unknown, doing: string): JournalError {
  if (error instanceof JournalError) return error;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new JournalError('disk-full', `The disk is full: could not ${doing} (${code}).`, { cause: error });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new JournalError(
        'not-writable',
        `The app's data folder cannot be written: could not ${doing} (${code}).`,
        {
          cause: error,
        },
      );
    default:
      return new JournalError('io-error', `Could not ${doing}: ${message}`, { cause: error });
  }
}
