import { isMutationId } from './journal-validation.js';

/*
 * The journal file, `journal.jsonl`: UTF-8 JSON lines, each ending in "\n".
 *
 *   {"format":"seminar-desk-journal","version":1}                       header, always line 1
 *   {"op":"append","mutationId":"<uuid>","mutation":{...}}              one per journalled mutation
 *   {"op":"ack","mutationIds":["<uuid>", ...]}                          acknowledgements
 *
 * Only appended to, one write per call, flushed before the call resolves. An
 * entry is pending if its last append line has no later ack line. A last line
 * without its "\n" is a write a crash cut short: it never resolved, so it is
 * dropped. The header is written only by an atomic rewrite (creation,
 * compaction), so a file without one was not written by us.
 */

export const JOURNAL_FILE = 'journal.jsonl';
const FORMAT = 'seminar-desk-journal';
export const JOURNAL_FORMAT_VERSION = 1;

export type JournalRecord =
  { op: 'append'; mutationId: string; mutation: unknown } | { op: 'ack'; mutationIds: string[] };

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function headerLine(): string {
  return `${JSON.stringify({ format: FORMAT, version: JOURNAL_FORMAT_VERSION })}\n`;
}

/** An append line from a mutation already serialized (the journal keeps mutations as their JSON). */
export function appendLine(mutationId: string, mutationJson: string): string {
  return `{"op":"append","mutationId":${JSON.stringify(mutationId)},"mutation":${mutationJson}}\n`;
}

export function ackLine(mutationIds: readonly string[]): string {
  return `${JSON.stringify({ op: 'ack', mutationIds })}\n`;
}

export function byteLength(text: string): number {
  return encoder.encode(text).byteLength;
}

export function encode(text: string): Uint8Array {
  return encoder.encode(text);
}

export interface ParsedLine {
  record: JournalRecord;
  /** The line's size on disk, newline included. */
  bytes: number;
}

export interface ParsedJournal {
  /** 'newer' when a later version of the app wrote the file: we cannot read it, only keep it. */
  header: 'ok' | 'missing' | 'newer';
  lines: ParsedLine[];
  /** 1-based numbers of complete lines that are not a valid record (the header counts as line 1). */
  badLines: number[];
  headerBytes: number;
  /** Where the complete lines end: past it is a torn last line, if any. */
  completeBytes: number;
  tornTail: boolean;
}

function parseRecord(value: unknown): JournalRecord | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  if (record.op === 'append' && isMutationId(record.mutationId)) {
    const mutation = record.mutation;
    if (typeof mutation !== 'object' || mutation === null || Array.isArray(mutation)) return null;
    return { op: 'append', mutationId: record.mutationId, mutation };
  }
  if (record.op === 'ack' && Array.isArray(record.mutationIds) && record.mutationIds.every(isMutationId)) {
    return { op: 'ack', mutationIds: record.mutationIds };
  }
  return null;
}

function parseHeader(value: unknown): 'ok' | 'missing' | 'newer' {
  if (typeof value !== 'object' || value === null) return 'missing';
  const { format, version } = value as Record<string, unknown>;
  if (format !== FORMAT || typeof version !== 'number' || !Number.isInteger(version)) return 'missing';
  if (version > JOURNAL_FORMAT_VERSION) return 'newer';
  return version === JOURNAL_FORMAT_VERSION ? 'ok' : 'missing';
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
}

/** Reads a journal file's bytes. Never throws: what it cannot read, it reports. */
export function parseJournal(bytes: Uint8Array): ParsedJournal {
  const result: ParsedJournal = {
    header: 'missing',
    lines: [],
    badLines: [],
    headerBytes: 0,
    completeBytes: 0,
    tornTail: false,
  };
  let start = 0;
  let lineNumber = 0;
  while (start < bytes.length) {
    const end = bytes.indexOf(0x0a, start);
    if (end === -1) {
      result.tornTail = true;
      break;
    }
    lineNumber += 1;
    const value = parseJson(bytes.subarray(start, end));
    const size = end + 1 - start;
    if (lineNumber === 1) result.header = parseHeader(value);
    if (lineNumber === 1 && result.header !== 'missing') {
      result.headerBytes = size;
    } else {
      const record = parseRecord(value);
      if (record) result.lines.push({ record, bytes: size });
      else result.badLines.push(lineNumber);
    }
    start = end + 1;
    result.completeBytes = start;
  }
  return result;
}
