import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { AnnotationTarget } from '../../../shared/model/annotations.js';
import type { ContributionId, Participant, ParticipantId } from '../../../shared/model/entities.js';
import { createAnnotation } from '../../../renderer/db/annotations.js';
import { openSeminarDb } from '../../../renderer/db/database.js';
import { startJournalMirror } from '../../../renderer/platform/journal-mirror.js';
import { fakeBridge, fakeJournal, type FakeJournal } from '../fixtures.js';

const ME: Participant = { id: 'me' as ParticipantId, name: 'Ana', roles: ['expert'], language: 'en' };
const TARGET: AnnotationTarget = {
  contributionId: 'c-1' as ContributionId,
  language: 'ar',
  sourceVersion: 1,
  textHash: 'h',
  quote: { exact: 'العناية الواجبة', prefix: '', suffix: '' },
  position: { start: 0, end: 15 },
};

let n = 0;
const freshDb = () => openSeminarDb(`journal-${Date.now()}-${(n += 1)}`);

function mirror(db: ReturnType<typeof freshDb>, journal: FakeJournal) {
  const events = { onRecovered: vi.fn(), onProblem: vi.fn() };
  const handle = startJournalMirror(db, fakeBridge({}, {}, journal), events);
  return { ...events, handle };
}

describe('journal mirror', () => {
  it('journals each queued mutation and acknowledges it when it leaves the outbox', async () => {
    const db = freshDb();
    const journal = fakeJournal();
    const { handle, onRecovered } = mirror(db, journal);
    await handle.ready;
    expect(onRecovered).not.toHaveBeenCalled();
    expect((await db.meta.get('sentinel'))?.value).toEqual({ generation: 1 });

    await createAnnotation(db, ME, TARGET, { note: 'ملاحظة', tags: [], visibility: 'private' });
    const [row] = await db.outbox.toArray();
    await vi.waitFor(() => expect(journal.pendingIds()).toEqual([row!.mutationId]));

    await db.outbox.clear(); // as when the server acknowledged it
    await vi.waitFor(() => expect(journal.pendingIds()).toEqual([]));
    handle.stop();
  });

  it('puts unsent work back into the outbox of a wiped database, and says so', async () => {
    const journal = fakeJournal();
    const before = freshDb();
    const first = mirror(before, journal);
    await first.handle.ready;
    await createAnnotation(before, ME, TARGET, { note: 'written on the plane', tags: [], visibility: 'private' });
    await vi.waitFor(() => expect(journal.pendingIds()).toHaveLength(1));
    first.handle.stop();

    // Chromium found the database corrupt and reopened it empty.
    const after = freshDb();
    const second = mirror(after, journal);
    await second.handle.ready;
    expect(second.onRecovered).toHaveBeenCalledWith(1, true);
    const [restored] = await after.outbox.toArray();
    expect(restored?.mutation).toMatchObject({ kind: 'annotation-put', annotation: { note: 'written on the plane' } });
    expect(journal.pendingIds()).toEqual([restored!.mutationId]);
    second.handle.stop();
  });

  it('skips a journal entry that is not a valid mutation', async () => {
    const journal = fakeJournal({
      generation: 3,
      pending: [{ mutationId: '00000000-0000-4000-8000-000000000000', mutation: { kind: 'drop-table' } }],
    });
    const db = freshDb();
    const { handle, onRecovered } = mirror(db, journal);
    await handle.ready;
    expect(onRecovered).toHaveBeenCalledWith(0, true);
    expect(await db.outbox.count()).toBe(0);
    handle.stop();
  });

  it('tells the user when the disk is full, and the outbox still holds the work', async () => {
    const db = freshDb();
    const journal = fakeJournal();
    const { handle, onProblem } = mirror(db, journal);
    await handle.ready;
    journal.failNext('journalAppend', 'disk-full');
    await createAnnotation(db, ME, TARGET, { note: 'kept anyway', tags: [], visibility: 'private' });
    await vi.waitFor(() => expect(onProblem).toHaveBeenCalledWith('disk-full'));
    expect(await db.outbox.count()).toBe(1);
    handle.stop();
  });

  it('does nothing in web mode, which has no journal', async () => {
    const db = freshDb();
    const { handle, onRecovered, onProblem } = mirror(db, fakeJournal({ supported: false }));
    await handle.ready;
    expect(await db.meta.get('sentinel')).toBeUndefined();
    expect(onRecovered).not.toHaveBeenCalled();
    expect(onProblem).not.toHaveBeenCalled();
  });
});
