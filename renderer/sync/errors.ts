export type SyncErrorCode =
  | 'network'
  | 'server-error'
  | 'malformed-page'
  | 'aborted'
  | 'unauthorized'
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
