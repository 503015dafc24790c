import { JOURNAL_BATCH_MAX, JOURNAL_BATCH_MAX_BYTES, JOURNAL_ENTRY_MAX_BYTES } from '../../shared/bridge.js';
import { JournalError } from './journal-errors.js';

/** Any uuid version: the journal only needs a stable key; the outbox's schema checks the rest. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Deeper than any mutation; stops a hostile payload from exhausting the stack. */
const MAX_DEPTH = 32;

export function isMutationId(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

function invalid(detail: string): JournalError {
  return new JournalError('invalid-input', detail);
}

/** A short, safe rendering of a refused value for the error message (it may be huge or cyclic). */
function preview(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  return typeof value === 'object' ? Object.prototype.toString.call(value) : String(value);
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * Throws unless `value` survives JSON unchanged: a structured clone may also
 * hold undefined, NaN, Dates, Maps or typed arrays, which the journal file
 * would silently turn into something else.
 */
function assertJsonData(value: unknown, where: string, depth = 0): void {
  if (depth > MAX_DEPTH) throw invalid(`${where} is nested more than ${MAX_DEPTH} levels deep`);
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw invalid(`${where} is ${value}, which JSON cannot hold`);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertJsonData(item, `${where}[${i}]`, depth + 1));
    return;
  }
  if (typeof value === 'object' && isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) assertJsonData(item, `${where}.${key}`, depth + 1);
    return;
  }
  throw invalid(`${where} is not JSON data (${preview(value)})`);
}

declare const checked: unique symbol;
/**
 * Entries `validateJournalEntries` accepted, each mutation serialized once.
 * Only it makes them, so the journal never writes a line it could not read back.
 */
export type CheckedEntries = ReadonlyArray<{ readonly mutationId: string; readonly json: string }> & {
  readonly [checked]: true;
};

/** Checks `journalAppend`'s argument from the renderer; throws an invalid-input JournalError on anything unexpected. */
export function validateJournalEntries(value: unknown): CheckedEntries {
  if (!Array.isArray(value)) throw invalid('journalAppend: entries must be an array');
  if (value.length > JOURNAL_BATCH_MAX) {
    throw invalid(`journalAppend: ${value.length} entries is over the ${JOURNAL_BATCH_MAX}-entry limit`);
  }
  let total = 0;
  const entries = value.map((entry: unknown, i) => {
    const where = `journalAppend: entry ${i}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry) || !isPlainObject(entry)) {
      throw invalid(`${where} must be an object`);
    }
    const { mutationId, mutation, ...rest } = entry as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length > 0) throw invalid(`${where} has unknown fields: ${extra.join(', ')}`);
    if (!isMutationId(mutationId)) throw invalid(`${where}: mutationId must be a uuid, got ${preview(mutationId)}`);
    if (typeof mutation !== 'object' || mutation === null || Array.isArray(mutation)) {
      throw invalid(`${where}: mutation must be an object`);
    }
    assertJsonData(mutation, `${where}: mutation`);
    const json = JSON.stringify(mutation);
    const bytes = Buffer.byteLength(json);
    if (bytes > JOURNAL_ENTRY_MAX_BYTES) {
      throw invalid(`${where} (${mutationId}) is ${bytes} bytes, over the ${JOURNAL_ENTRY_MAX_BYTES}-byte limit`);
    }
    total += bytes;
    if (total > JOURNAL_BATCH_MAX_BYTES) {
      throw invalid(`journalAppend: the batch is over the ${JOURNAL_BATCH_MAX_BYTES}-byte limit`);
    }
    return { mutationId, json };
  });
  return entries as unknown as CheckedEntries;
}

/** Checks `journalAcknowledge`'s argument from the renderer. */
export function validateMutationIds(value: unknown): string[] {
  if (!Array.isArray(value)) throw invalid('journalAcknowledge: mutationIds must be an array');
  if (value.length > JOURNAL_BATCH_MAX) {
    throw invalid(`journalAcknowledge: ${value.length} ids is over the ${JOURNAL_BATCH_MAX}-id limit`);
  }
  value.forEach((id: unknown, i) => {
    if (!isMutationId(id)) throw invalid(`journalAcknowledge: id ${i} must be a uuid, got ${preview(id)}`);
  });
  return value as string[];
}
