import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { journalErrorCode, type JournalEntry } from '../../shared/bridge.js';
import { nodeDurableFs, type DurableFs } from '../../electron/main/durable-file.js';
import { JOURNAL_FILE } from '../../electron/main/journal-format.js';
import { validateJournalEntries } from '../../electron/main/journal-validation.js';
import { createJournal, type Journal, type JournalOptions } from '../../electron/main/journal.js';
import { fsError, fsWith, handleWith } from './fakes.js';

const id = (n: number): string => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const entry = (n: number, note = `note ${n}`): JournalEntry => ({
  mutationId: id(n),
  mutation: { id: id(n), kind: 'annotation-put', note, tags: ['t-1'], nested: { arabic: 'ملاحظة', n } },
});
const append = (journal: Journal, ...entries: JournalEntry[]) => journal.append(validateJournalEntries(entries));
const pendingIds = async (journal: Journal) => (await journal.pending()).entries.map((e) => e.mutationId);

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seminar-journal-'));
  file = path.join(dir, JOURNAL_FILE);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = (options: Partial<JournalOptions> = {}) => createJournal({ dir, ...options });
const lines = async () => (await readFile(file, 'utf8')).split('\n');

describe('journal', () => {
  it('keeps appended entries until acknowledged, in append order, as JSON copies', async () => {
    const journal = open();
    expect(await journal.pending()).toEqual({ entries: [], setAside: [] });
    await append(journal, entry(1), entry(2));
    await append(journal, entry(3));
    await journal.acknowledge([id(2)]);
    const { entries } = await journal.pending();
    expect(entries).toEqual([entry(1), entry(3)]);
    // A caller changing what it got back does not change the journal.
    (entries[0]!.mutation as { note: string }).note = 'changed';
    expect((await journal.pending()).entries[0]).toEqual(entry(1));
  });

  it('writes one JSON line per call after a header, and never rewrites on acknowledgement', async () => {
    const journal = open();
    await append(journal, entry(1), entry(2));
    await journal.acknowledge([id(1)]);
    const written = await lines();
    expect(written.map((line) => (line ? (JSON.parse(line) as Record<string, unknown>) : line))).toEqual([
      { format: 'seminar-desk-journal', version: 1 },
      { op: 'append', mutationId: id(1), mutation: entry(1).mutation },
      { op: 'append', mutationId: id(2), mutation: entry(2).mutation },
      { op: 'ack', mutationIds: [id(1)] },
      '',
    ]);
  });

  it('keeps what is pending across a restart', async () => {
    const first = open();
    await append(first, entry(1), entry(2), entry(3));
    await first.acknowledge([id(1)]);
    const second = open();
    expect((await second.pending()).entries).toEqual([entry(2), entry(3)]);
    await second.acknowledge([id(3)]);
    await append(second, entry(4));
    expect(await pendingIds(open())).toEqual([id(2), id(4)]);
  });

  it('appends a pending mutation id once, however often it is sent, even across a restart', async () => {
    const journal = open();
    await append(journal, entry(1), entry(1, 'a later body'), entry(2));
    await append(journal, entry(1, 'yet another'));
    await append(open(), entry(2), entry(1));
    expect((await open().pending()).entries).toEqual([entry(1), entry(2)]);
    expect((await lines()).filter((line) => line.includes('"append"'))).toHaveLength(2);
  });

  it('appends an acknowledged id again as a new entry, at the end', async () => {
    const journal = open();
    await append(journal, entry(1), entry(2));
    await journal.acknowledge([id(1)]);
    await append(journal, entry(1));
    expect(await pendingIds(journal)).toEqual([id(2), id(1)]);
    expect(await pendingIds(open())).toEqual([id(2), id(1)]);
  });

  it('writes nothing for ids that are not pending, or for an empty call', async () => {
    const journal = open();
    await append(journal, entry(1));
    const before = await readFile(file, 'utf8');
    await journal.acknowledge([id(9), id(10)]);
    await journal.acknowledge([]);
    await append(journal);
    expect(await readFile(file, 'utf8')).toBe(before);
  });

  it('keeps the order of calls that arrive together', async () => {
    const journal = open();
    await Promise.all([
      append(journal, entry(1)),
      append(journal, entry(2)),
      journal.acknowledge([id(1)]),
      append(journal, entry(3)),
      journal.pending(),
      append(journal, entry(4)),
    ]);
    expect(await pendingIds(open())).toEqual([id(2), id(3), id(4)]);
  });

  it('ignores a torn last line, and cuts it off so the next append reads back', async () => {
    const first = open();
    await append(first, entry(1), entry(2));
    const whole = await readFile(file, 'utf8');
    const torn = JSON.stringify({ op: 'append', mutationId: id(3), mutation: entry(3).mutation }).slice(0, 80);
    await writeFile(file, whole + torn);

    const second = open();
    expect(await second.pending()).toEqual({ entries: [entry(1), entry(2)], setAside: [] });
    expect(await readFile(file, 'utf8')).toBe(whole);
    await append(second, entry(4));
    expect(await pendingIds(open())).toEqual([id(1), id(2), id(4)]);
  });

  it('also ignores a torn ack, which leaves its entries pending (a replay the server absorbs)', async () => {
    await append(open(), entry(1));
    await writeFile(file, (await readFile(file, 'utf8')) + `{"op":"ack","mutationIds":["${id(1)}`);
    expect(await pendingIds(open())).toEqual([id(1)]);
  });

  describe('an unreadable journal', () => {
    it('is copied aside byte for byte, its readable entries carried on, and reported', async () => {
      await append(open(), entry(1), entry(2), entry(3));
      const text = await readFile(file, 'utf8');
      // Damage in the middle: the second entry's line and an ack that is not JSON.
      const damaged = text.replace(`"mutationId":"${id(2)}"`, '"mutationId":\u0000\u0000').concat('{"op":"ack",\n');
      await writeFile(file, damaged);

      const journal = open();
      const { entries, setAside } = await journal.pending();
      expect(entries).toEqual([entry(1), entry(3)]);
      expect(setAside).toEqual([
        {
          path: expect.stringMatching(/journal\.jsonl\.unreadable-/),
          reason: 'line 3, 5 could not be read',
          salvaged: 2,
        },
      ]);
      expect(await readFile(setAside[0]!.path, 'utf8')).toBe(damaged);
      // The live journal is whole again, and works.
      await append(journal, entry(4));
      expect(await open().pending()).toEqual({ entries: [entry(1), entry(3), entry(4)], setAside: [] });
      expect((await readdir(dir)).sort()).toEqual([JOURNAL_FILE, path.basename(setAside[0]!.path)].sort());
    });

    it('without a header is not ours to read as a journal, but is kept and salvaged', async () => {
      const line = JSON.stringify({ op: 'append', mutationId: id(1), mutation: entry(1).mutation });
      await writeFile(file, `${line}\n`);
      const { entries, setAside } = await open().pending();
      expect(entries).toEqual([entry(1)]);
      expect(setAside).toMatchObject([{ reason: 'it does not start with a journal header', salvaged: 1 }]);
    });

    it('written by a newer version is kept as it is, and a new journal started', async () => {
      const newer = `{"format":"seminar-desk-journal","version":2}\n{"op":"put","key":"x"}\n`;
      await writeFile(file, newer);
      const { entries, setAside } = await open().pending();
      expect(entries).toEqual([]);
      expect(setAside).toMatchObject([{ reason: 'it was written by a newer version of Seminar Desk', salvaged: 0 }]);
      expect(await readFile(setAside[0]!.path, 'utf8')).toBe(newer);
    });

    it('that cannot even be read is renamed aside, never deleted', async () => {
      await append(open(), entry(1));
      const original = await readFile(file, 'utf8');
      const fs = fsWith({
        readFile: async (p) => {
          if (p === file) throw fsError('EIO', 'i/o error, read');
          return nodeDurableFs.readFile(p);
        },
      });
      const journal = open({ fs });
      const { entries, setAside } = await journal.pending();
      expect(entries).toEqual([]);
      expect(setAside).toMatchObject([{ reason: 'it could not be read (EIO)', salvaged: 0 }]);
      expect(await readFile(setAside[0]!.path, 'utf8')).toBe(original);
    });
  });

  describe('on a full disk', () => {
    /** An fs whose appends write half their bytes and then fail with ENOSPC, while `full` is set. */
    function fullDisk(options: { truncateFails?: boolean } = {}) {
      const disk = { full: false };
      const fs: DurableFs = fsWith({
        async open(p, flags) {
          const handle = await nodeDurableFs.open(p, flags);
          if (flags !== 'a' || !disk.full) return handle;
          return handleWith(handle, {
            async writeFile(data) {
              await handle.writeFile(data.subarray(0, Math.floor(data.byteLength / 2)));
              throw fsError('ENOSPC', 'no space left on device, write');
            },
            truncate: options.truncateFails
              ? async () => {
                  throw fsError('EIO');
                }
              : (length) => handle.truncate(length),
          });
        },
      });
      return { disk, fs };
    }

    it('rejects the append with a disk-full error the renderer can name, and leaves no partial line', async () => {
      const { disk, fs } = fullDisk();
      const journal = open({ fs });
      await append(journal, entry(1));
      const before = await readFile(file, 'utf8');
      disk.full = true;
      const failure = await append(journal, entry(2), entry(3)).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toMatch(/^\[journal:disk-full\] The disk is full: .*\(ENOSPC\)/);
      expect(journalErrorCode(failure)).toBe('disk-full');
      expect(await readFile(file, 'utf8')).toBe(before);
      expect(await pendingIds(journal)).toEqual([id(1)]);
      // Acknowledgements fail the same way rather than pretending.
      await expect(journal.acknowledge([id(1)])).rejects.toThrow(/\[journal:disk-full\]/);

      disk.full = false;
      await append(journal, entry(2), entry(3));
      expect(await pendingIds(open())).toEqual([id(1), id(2), id(3)]);
    });

    it('rereads the file after a failure it could not cut back, dropping the torn tail', async () => {
      const { disk, fs } = fullDisk({ truncateFails: true });
      const journal = open({ fs });
      await append(journal, entry(1));
      disk.full = true;
      await expect(append(journal, entry(2))).rejects.toThrow(/disk-full/);
      disk.full = false;
      await append(journal, entry(3));
      expect(await pendingIds(journal)).toEqual([id(1), id(3)]);
      expect(await open().pending()).toEqual({ entries: [entry(1), entry(3)], setAside: [] });
    });

    it('reports a flush (fsync) that fails after every byte was written, and cuts the line back', async () => {
      // ext4 with delayed allocation, NFS and quotas report a full disk at fsync, not at write.
      for (const [failure, code] of [
        ['ENOSPC', 'disk-full'],
        ['EIO', 'io-error'],
      ] as const) {
        await rm(file, { force: true });
        let failFlush = false;
        const journal = open({
          fs: fsWith({
            async open(p, flags) {
              const handle = await nodeDurableFs.open(p, flags);
              if (flags !== 'a') return handle;
              return handleWith(handle, {
                async datasync() {
                  if (failFlush) {
                    failFlush = false; // the cut back's own flush goes through
                    throw fsError(failure, `${failure}, fdatasync`);
                  }
                  await handle.datasync();
                },
              });
            },
          }),
        });
        await append(journal, entry(1));
        const before = await readFile(file, 'utf8');
        failFlush = true;
        const error = await append(journal, entry(2)).catch((e: unknown) => e);
        expect(journalErrorCode(error)).toBe(code);
        expect((error as Error).message).toContain(failure);
        expect(await readFile(file, 'utf8')).toBe(before);
        expect(await pendingIds(journal)).toEqual([id(1)]);
        // Not taken as written: the next append (the mirror's retry) writes it again.
        await append(journal, entry(2));
        expect(await pendingIds(open())).toEqual([id(1), id(2)]);
      }
    });

    it('names a read-only data folder and any other failure apart', async () => {
      const readOnly = open({
        fs: fsWith({
          open: async () => {
            throw fsError('EROFS', 'read-only file system');
          },
        }),
      });
      const failure = await append(readOnly, entry(1)).catch((error: unknown) => error);
      expect(journalErrorCode(failure)).toBe('not-writable');
      const broken = open({
        fs: fsWith({
          mkdir: async () => {
            throw fsError('EIO');
          },
        }),
      });
      const other = await broken.pending().catch((error: unknown) => error);
      expect(journalErrorCode(other)).toBe('io-error');
    });
  });

  describe('compaction', () => {
    it('rewrites the file with exactly the pending entries once acknowledged lines pass the threshold', async () => {
      const journal = open({ compactAfterBytes: 2_000 });
      for (let n = 1; n <= 30; n++) await append(journal, entry(n, 'x'.repeat(100)));
      const acked = Array.from({ length: 27 }, (_, i) => id(i + 1)).filter((value) => value !== id(5));
      await journal.acknowledge(acked);
      const written = (await lines()).filter(Boolean);
      expect(written).toHaveLength(1 + 4);
      expect(written.slice(1).map((line) => (JSON.parse(line) as { mutationId: string }).mutationId)).toEqual([
        id(5),
        id(28),
        id(29),
        id(30),
      ]);
      expect(await pendingIds(journal)).toEqual([id(5), id(28), id(29), id(30)]);
      expect(await open().pending()).toEqual({
        entries: [5, 28, 29, 30].map((n) => entry(n, 'x'.repeat(100))),
        setAside: [],
      });
      expect(await readdir(dir)).toEqual([JOURNAL_FILE]);
    });

    it('waits while the pending entries outweigh the acknowledged ones', async () => {
      const journal = open({ compactAfterBytes: 500 });
      for (let n = 1; n <= 10; n++) await append(journal, entry(n, 'x'.repeat(100)));
      await journal.acknowledge([id(1), id(2), id(3)]);
      expect((await lines()).filter(Boolean)).toHaveLength(1 + 10 + 1);
      await journal.acknowledge([id(4), id(5), id(6)]);
      expect((await lines()).filter(Boolean)).toHaveLength(1 + 4);
    });

    it('survives a crash between writing the new file and renaming it; the leftover is cleaned up', async () => {
      await append(open(), entry(1), entry(2), entry(3));
      // The process "dies" at the rename: the temporary file stays, the journal is untouched.
      const crashing = fsWith({
        rename: async () => {
          throw new Error('crash');
        },
        rm: async () => {
          throw new Error('crash');
        },
      });
      const warnings: string[] = [];
      const journal = open({ fs: crashing, compactAfterBytes: 1, onWarning: (message) => warnings.push(message) });
      // The acknowledgement itself is on disk, so it succeeds.
      await journal.acknowledge([id(1), id(2)]);
      expect(warnings).toEqual(['journal compaction failed; will retry later']);
      const leftovers = (await readdir(dir)).filter((name) => name.endsWith('.tmp'));
      expect(leftovers).toHaveLength(1);
      expect(await readFile(path.join(dir, leftovers[0]!), 'utf8')).toContain(id(3));

      const restarted = open({ compactAfterBytes: 1 });
      expect(await restarted.pending()).toEqual({ entries: [entry(3)], setAside: [] });
      expect(await readdir(dir)).toEqual([JOURNAL_FILE]);
      expect((await lines()).filter(Boolean)).toHaveLength(2);
    });

    it('does not retry a failed compaction on every acknowledgement, and compacts at the next start', async () => {
      const disk = { full: true, renames: 0 };
      const fs = fsWith({
        rename: async (from, to) => {
          if (!disk.full) return nodeDurableFs.rename(from, to);
          disk.renames += 1;
          throw fsError('ENOSPC');
        },
      });
      await append(open(), ...Array.from({ length: 14 }, (_, i) => entry(i + 1, 'x'.repeat(100))));
      // Each acknowledgement here adds about 400 bytes of dead weight, the threshold is 1,000.
      const journal = open({ fs, compactAfterBytes: 1_000 });
      for (let n = 1; n <= 10; n++) await journal.acknowledge([id(n)]);
      expect(disk.renames).toBe(2);
      expect(await pendingIds(open())).toEqual([id(11), id(12), id(13), id(14)]);

      // With space again, it compacts at the next start (or after another threshold's worth of acks).
      disk.full = false;
      expect(await pendingIds(open({ compactAfterBytes: 1_000 }))).toEqual([id(11), id(12), id(13), id(14)]);
      expect((await lines()).filter(Boolean)).toHaveLength(1 + 4);
    });
  });
});
