export type SyncErrorCode =
  | 'network'
  | 'server-error'
  | 'malformed-page'
  | 'aborted'
  | 'unauthorized'
  /** The server revoked this device's token: the user needs a new invitation (or signs out). */
  | 'token-revoked'
  | 'checkpoint-ahead'
  | 'protocol-mismatch'
  | 'storage'
  | (string & {});

export class SyncError extends Error {
  override readonly name = 'SyncError';
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** Errors a retry cannot fix: they wait for the user (a new token, an app update). */
const FINAL: ReadonlySet<SyncErrorCode> = new Set(['unauthorized', 'token-revoked', 'forbidden', 'protocol-mismatch']);

/** Whether sync should stop trying (no retry, no polling) until the user acts or asks again. */
export function isFinalSyncError(code: SyncErrorCode | undefined): boolean {
  return code !== undefined && FINAL.has(code);
}

/** Errors that mean this device's access is gone: the user signs in again (or signs out). */
export function needsSignIn(code: SyncErrorCode | undefined): boolean {
  return code === 'unauthorized' || code === 'token-revoked';
}
