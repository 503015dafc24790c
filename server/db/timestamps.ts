/** timestamptz columns come back as Date (pg and PGlite alike); the wire wants ISO 8601 in UTC. */
export const toIso = (value: unknown): string =>
  (value instanceof Date ? value : new Date(String(value))).toISOString();
