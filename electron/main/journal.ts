import path from 'node:path';
import type { JournalEntry, JournalSetAside } from '../../shared/bridge.js';
import {
  copyAside,
  errorCode,
  nodeDurableFs,
  removeLeftoverTemps,
  renameAside,
  writeFileDurably,
  type DurableFs,
} from './durable-file.js';
import { journalFailure } from './journal-errors.js';
import {
  ackLine,
  appendLine,
  byteLength,
  encode,
  headerLine,
  JOURNAL_FILE,
  parseJournal,
  type ParsedJournal,
} from './journal-format.js';
import type { CheckedEntries } from './journal-validation.js';

/**
 * The shell's copy of unsynced outbox mutations (see the protocol in
 * shared/bridge.ts and the file format in journal-format.ts). Calls run one at
 * a time, in the order they arrive; each resolves once its line is on disk.
 */
export interface Journal {
  readonly filePath: string;
  /** Appends the entries not already pending, flushed to disk; a failure (full disk) rejects and writes nothing. */
  append(entries: CheckedEntries): Promise<void>;
  /** Records that these mutations are done; ids not pending are ignored. */
  acknowledge(mutationIds: readonly string[]): Promise<void>;
  pending(): Promise<{ entries: JournalEntry[]; setAside: JournalSetAside[] }>;
}

export interface JournalOptions {
  /** The journal's folder: app.getPath('userData')/journal in the app, a temporary one in tests. */
  dir: string;
  fs?: DurableFs;
  /** Rewrite the file once acknowledged lines take this many bytes. */
  compactAfterBytes?: number;
  /** Told when a compaction fails; the journal stays correct, only larger. */
  onWarning?: (message: string, error: unknown) => void;
}

export const DEFAULT_COMPACT_AFTER_BYTES = 1024 * 1024;

interface PendingEntry {
  /** The mutation as JSON, exactly as written: what a restart would read back. */
  json: string;
  /** The size of its append line in the file. */
  bytes: number;
}

interface State {
  /** In append order (a Map keeps insertion order). */
  pending: Map<string, PendingEntry>;
  /** The file's size as we wrote it: a failed append is cut back to it. */
  size: number;
  headerBytes: number;
  /** Bytes of the pending entries' lines; the rest past the header is dead weight. */
  live: number;
  /** After a failed compaction, wait for this much dead weight before trying again. */
  retryCompactionAt: number;
}

export function createJournal(options: JournalOptions): Journal {
  const { dir, fs = nodeDurableFs, compactAfterBytes = DEFAULT_COMPACT_AFTER_BYTES, onWarning } = options;
  const filePath = path.join(dir, JOURNAL_FILE);
  const setAside: JournalSetAside[] = [];
  let state: State | null = null;
  let queue: Promise<unknown> = Promise.resolve();

  /** One call at a time: appends keep their order and a compaction never races a write. */
  function exclusive<T>(doing: string, fn: (state: State) => Promise<T>): Promise<T> {
    const run = queue.then(async () => {
      try {
        state ??= await load();
        return await fn(state);
      } catch (error) {
        throw journalFailure(error, doing);
      }
    });
    queue = run.catch(() => undefined);
    return run;
  }

  /** Writes the file whole with only the given entries; the state now describes it. */
  async function rewrite(pending: Map<string, PendingEntry>): Promise<State> {
    const header = headerLine();
    const next: State = {
      pending: new Map(),
      size: 0,
      headerBytes: byteLength(header),
      live: 0,
      retryCompactionAt: 0,
    };
    const lines = [header];
    for (const [id, { json }] of pending) {
      const line = appendLine(id, json);
      const bytes = byteLength(line);
      lines.push(line);
      next.pending.set(id, { json, bytes });
      next.live += bytes;
    }
    const data = encode(lines.join(''));
    await writeFileDurably(fs, filePath, data);
    next.size = data.byteLength;
    return next;
  }

  function replay(parsed: ParsedJournal): State {
    const next: State = {
      pending: new Map(),
      size: parsed.completeBytes,
      headerBytes: parsed.headerBytes,
      live: 0,
      retryCompactionAt: 0,
    };
    for (const { record, bytes } of parsed.lines) {
      if (record.op === 'append') {
        // The first append of a pending id wins, as it does while running.
        if (next.pending.has(record.mutationId)) continue;
        next.pending.set(record.mutationId, { json: JSON.stringify(record.mutation), bytes });
        next.live += bytes;
      } else {
        for (const id of record.mutationIds) {
          const entry = next.pending.get(id);
          if (!entry) continue;
          next.pending.delete(id);
          next.live -= entry.bytes;
        }
      }
    }
    return next;
  }

  function problemOf(parsed: ParsedJournal): string | null {
    if (parsed.header === 'newer') return 'it was written by a newer version of Seminar Desk';
    if (parsed.header === 'missing') return 'it does not start with a journal header';
    if (parsed.badLines.length > 0) {
      const shown = parsed.badLines.slice(0, 5).join(', ');
      const more = parsed.badLines.length > 5 ? ` and ${parsed.badLines.length - 5} more` : '';
      return `line ${shown}${more} could not be read`;
    }
    return null;
  }

  async function load(): Promise<State> {
    await fs.mkdir(dir, { recursive: true });
    // A crash during a rewrite leaves its temporary file; the journal itself is whole.
    await removeLeftoverTemps(fs, dir, JOURNAL_FILE);
    let bytes: Uint8Array;
    try {
      bytes = await fs.readFile(filePath);
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return rewrite(new Map());
      // Unreadable as a file: nothing to salvage, but never delete it.
      const aside = await renameAside(fs, filePath);
      setAside.push({
        path: aside,
        reason: `it could not be read (${errorCode(error) ?? String(error)})`,
        salvaged: 0,
      });
      return rewrite(new Map());
    }
    // Nothing is lost by starting over from an empty file.
    if (bytes.byteLength === 0) return rewrite(new Map());
    const parsed = parseJournal(bytes);
    const problem = problemOf(parsed);
    if (problem) {
      // Keep the file as it is, and carry on with every entry we could read:
      // a replay of one already acknowledged is harmless, a lost one is not.
      const salvage = parsed.header === 'newer' ? new Map<string, PendingEntry>() : replay(parsed).pending;
      const aside = await copyAside(fs, filePath);
      const next = await rewrite(salvage);
      setAside.push({ path: aside, reason: problem, salvaged: salvage.size });
      return next;
    }
    const next = replay(parsed);
    if (parsed.tornTail) {
      // A crash cut the last append short; it never resolved, so its caller still holds it.
      // Cut it off, or the next append would be glued to it.
      const handle = await fs.open(filePath, 'r+');
      try {
        await handle.truncate(parsed.completeBytes);
        await handle.datasync();
      } finally {
        await handle.close();
      }
    }
    return compactIfWorthIt(next);
  }

  /**
   * Rewrites the file once acknowledged lines pass the threshold and outweigh
   * the pending ones: the file stays under twice its live size plus the
   * threshold, and each byte is rewritten a bounded number of times.
   */
  async function compactIfWorthIt(current: State): Promise<State> {
    const dead = current.size - current.headerBytes - current.live;
    if (dead < compactAfterBytes || dead < current.live || dead < current.retryCompactionAt) return current;
    try {
      return await rewrite(current.pending);
    } catch (error) {
      // The old file is intact; a full disk now should not fail the acknowledgement that got us here.
      onWarning?.('journal compaction failed; will retry later', error);
      current.retryCompactionAt = dead + compactAfterBytes;
      return current;
    }
  }

  /** Appends `text` and flushes it; on failure cuts the file back so no partial line stays. */
  async function appendToFile(current: State, text: string): Promise<void> {
    const data = encode(text);
    const handle = await fs.open(filePath, 'a');
    try {
      await handle.writeFile(data);
      await handle.datasync();
    } catch (error) {
      try {
        await handle.truncate(current.size);
        await handle.datasync();
      } catch {
        // Reread the file before the next call: loading drops a torn last line.
        state = null;
      }
      throw error;
    } finally {
      await handle.close().catch(() => undefined);
    }
    current.size += data.byteLength;
  }

  return {
    filePath,
    append: (entries) =>
      exclusive('keep a copy of unsynced work', async (current) => {
        const fresh = new Map<string, { json: string; line: string }>();
        for (const { mutationId, json } of entries) {
          if (current.pending.has(mutationId) || fresh.has(mutationId)) continue;
          fresh.set(mutationId, { json, line: appendLine(mutationId, json) });
        }
        if (fresh.size === 0) return;
        await appendToFile(current, [...fresh.values()].map(({ line }) => line).join(''));
        for (const [id, { json, line }] of fresh) {
          const bytes = byteLength(line);
          current.pending.set(id, { json, bytes });
          current.live += bytes;
        }
      }),
    acknowledge: (mutationIds) =>
      exclusive('record that work was synced', async (current) => {
        const known = [...new Set(mutationIds)].filter((id) => current.pending.has(id));
        if (known.length === 0) return;
        await appendToFile(current, ackLine(known));
        for (const id of known) {
          current.live -= current.pending.get(id)?.bytes ?? 0;
          current.pending.delete(id);
        }
        state = await compactIfWorthIt(current);
      }),
    pending: () =>
      exclusive('read the copy of unsynced work', async (current) => ({
        entries: [...current.pending].map(([mutationId, { json }]) => ({
          mutationId,
          mutation: JSON.parse(json) as unknown,
        })),
        setAside: setAside.map((item) => ({ ...item })),
      })),
  };
}
