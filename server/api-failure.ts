import type { ErrorCode } from '../shared/protocol/errors.js';

/** A request the API refuses: answered as `{ error: { code, message, details } }` with `status`. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
