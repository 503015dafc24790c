/**
 * Machine-readable error codes the API answers with. The UI turns each into a
 * message in the user's language (errors.<code> in the locale files).
 */
export const ERROR_CODES = [
  'bad-request',
  'validation-failed',
  'unknown-language',
  'malformed-json',
  'unsupported-media-type',
  'payload-too-large',
  'unauthorized',
  /** The device's token was revoked (by the secretariat, or by its owner from another device). */
  'token-revoked',
  'forbidden',
  'not-found',
  'invalid-checkpoint',
  'checkpoint-ahead',
  'protocol-mismatch',
  'rate-limited',
  'server-error',
  'unavailable',
  /** The server is out of disk space: writes are refused (507), reads still work. */
  'insufficient-storage',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  error: {
    code: ErrorCode;
    /** English, for logs and operators; the UI shows its own translation of the code. */
    message: string;
    /** Where the problem is, e.g. a field path or a line number. */
    details?: unknown;
  };
}

export function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === 'object' &&
    value !== null &&
    'error' in value &&
    typeof (value as ApiError).error?.code === 'string'
  );
}
