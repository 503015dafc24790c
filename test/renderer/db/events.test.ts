import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openSeminarDb } from '../../../renderer/db/database.js';
import { applyPullPage } from '../../../renderer/db/apply-page.js';
import {
  chooseEvent,
  eventActivity,
  leaveEventOnDevice,
  pendingLeaves,
  pickCurrentEvent,
  recordEventActivity,
} from '../../../renderer/db/events.js';
import { unreadByEvent } from '../../../renderer/features/events/use-event-counts.js';
import { PROTOCOL_VERSION, type Change, type PullPage } from '../../../shared/protocol/pull.js';
import type { SeminarEvent } from '../../../shared/model/events.js';

const event = (id: string, fields: Partial<SeminarEvent> = {}): SeminarEvent =>
  ({
    id,
    kind: 'closed-seminar',
    title: { en: id },
    startsOn: '2017-02-01',
    endsOn: '2017-02-02',
    place: '',
    status: 'running',
    visibility: 'closed',
    questionIds: [],
    roles: ['expert'],
    version: 1,
    ...fields,
  }) as SeminarEvent;
const session = (id: string, eventId: string): Change => ({
  seq: 0,
  kind: 'session',
  record: { id, day: 1, date: '2017-02-01', order: 1, title: { en: id }, questionIds: [], eventId, version: 1 },
});
const note = (id: string, eventId: string, authorId: string): Change => ({
  seq: 0,
  kind: 'annotation',
  record: {
    id: id as never,
    authorId: authorId as never,
    authorName: authorId,
    target: {
      contributionId: 'c1' as never,
      language: 'en',
      sourceVersion: 1,
      textHash: 'h',
      quote: { exact: 'x', prefix: '', suffix: '' },
      position: { start: 0, end: 1 },
    },
    note: `${authorId} in ${eventId}`,
    tags: [],
    visibility: 'seminar',
    eventId,
    createdAt: '2017-02-01T00:00:00.000Z',
    updatedAt: '2017-02-01T00:00:00.000Z',
    version: 1,
    deleted: false,
  },
});
const material = (id: string, owner: { kind: 'question' | 'event'; id: string }): Change => ({
  seq: 0,
  kind: 'material',
  record: {
    id: id as never,
    owner: owner as never,
    title: { en: id },
    description: {},
    mediaType: 'application/pdf',
    size: 10,
    sha256: 'a'.repeat(64),
    createdAt: '2017-02-01T00:00:00.000Z',
    version: 1,
    deleted: false,
  },
});
/** What every event shares: a question, a contribution answering it, and its text. */
const corpus = (): Change[] => [
  {
    seq: 0,
    kind: 'question',
    record: {
      id: 'q1',
      track: 'legal',
      theme: 'I',
      code: 'I.i',
      order: 1,
      title: { en: 'Q' },
      context: {},
      media: [],
      version: 1,
    } as never,
  },
  {
    seq: 0,
    kind: 'contribution',
    record: {
      id: 'c1',
      questionId: 'q1',
      author: { name: 'A', kind: 'individual' },
      language: 'en',
      status: 'published',
      createdAt: '2017-01-01T00:00:00.000Z',
      updatedAt: '2017-01-01T00:00:00.000Z',
      version: 1,
      versions: [{ language: 'en', text: 'Shared corpus text', origin: 'original', engine: null, sourceVersion: 1 }],
    } as never,
  },
];
/** A page of `changes` after `since`, numbered from there. */
function page(since: number, changes: Change[], hasMore = false): PullPage {
  const numbered = changes.map((c, i) => ({ ...c, seq: since + i + 1 }) as Change);
  const checkpoint = numbered.at(-1)?.seq ?? since;
  return {
    protocol: PROTOCOL_VERSION,
    epoch: 'e',
    since,
    checkpoint,
    head: checkpoint,
    remaining: 0,
    hasMore,
    changes: numbered,
  };
}

describe('events on the device', () => {
  it('keeps each event’s records, catches up an event met late, drops one left, keeps the own notes', async () => {
    const db = openSeminarDb(`events-${Date.now()}`);
    await db.meta.put({ key: 'me', value: { id: 'me', name: 'Me', roles: ['expert'], language: 'en' } });
    // First sync: February, its session and notes; nothing to catch up.
    expect(
      await applyPullPage(
        db,
        page(0, [
          { seq: 0, kind: 'event', record: event('feb') },
          session('s-feb', 'feb'),
          note('n1', 'feb', 'other'),
          note('n2', 'feb', 'me'),
        ]),
      ),
    ).toMatchObject({ applied: true });
    expect(await db.catchUps.count()).toBe(0);
    // April arrives later, after the checkpoint passed its older records: a catch-up up to that checkpoint.
    await applyPullPage(db, page(4, [{ seq: 0, kind: 'event', record: event('apr', { startsOn: '2017-04-06' }) }]));
    expect(await db.catchUps.toArray()).toEqual([{ eventId: 'apr', since: 0, until: 4 }]);
    // Its pages leave the device's checkpoint alone and move the catch-up's own.
    const catchUp = { ...page(0, [session('s-apr', 'apr'), note('n3', 'apr', 'other')], true), head: 4 };
    expect(await applyPullPage(db, catchUp, { eventId: 'apr' })).toMatchObject({ applied: true });
    expect(await db.catchUps.get('apr')).toEqual({ eventId: 'apr', since: 2, until: 4 });
    expect(((await db.meta.get('sync'))!.value as { checkpoint: number }).checkpoint).toBe(5);
    expect(await applyPullPage(db, page(2, []), { eventId: 'apr' })).toMatchObject({ applied: true });
    expect(await db.catchUps.count()).toBe(0);
    expect((await db.sessions.toArray()).map((s) => s.id).sort()).toEqual(['s-apr', 's-feb']);
    // Removed from February: its agenda and others' notes go, the own note stays, April stays.
    await applyPullPage(db, page(5, [{ seq: 0, kind: 'event-left', id: 'feb' as never }]));
    expect((await db.events.toArray()).map((e) => e.id)).toEqual(['apr']);
    expect((await db.sessions.toArray()).map((s) => s.id)).toEqual(['s-apr']);
    expect((await db.annotations.toArray()).map((a) => a.id).sort()).toEqual(['n2', 'n3']);
    // Signing this device out of April: gone at once, offline; its records are refused until the server knows.
    await leaveEventOnDevice(db, 'apr');
    expect(await pendingLeaves(db)).toEqual(['apr']);
    expect(await db.sessions.count()).toBe(0);
    await applyPullPage(db, page(6, [session('s-apr-2', 'apr'), { seq: 0, kind: 'event', record: event('apr') }]));
    expect(await db.sessions.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
  });

  it('signing out of one event or being removed from one takes its materials too, and keeps the shared corpus', async () => {
    const db = openSeminarDb(`events-corpus-${Date.now()}`);
    await db.meta.put({ key: 'me', value: { id: 'me', name: 'Me', roles: ['expert'], language: 'en' } });
    await applyPullPage(
      db,
      page(0, [
        ...corpus(),
        { seq: 0, kind: 'event', record: event('feb') },
        { seq: 0, kind: 'event', record: event('apr', { startsOn: '2017-04-06' }) },
        { seq: 0, kind: 'event', record: event('jun', { startsOn: '2017-06-01' }) },
        material('m-feb', { kind: 'event', id: 'feb' }),
        material('m-apr', { kind: 'event', id: 'apr' }),
        material('m-q1', { kind: 'question', id: 'q1' }),
      ]),
    );
    await db.materialTexts.bulkPut([
      { id: 'm-feb' as never, sha256: 'a'.repeat(64), pages: ['February briefing'] },
      { id: 'm-q1' as never, sha256: 'a'.repeat(64), pages: ['Question briefing'] },
    ]);
    const held = async () => ({
      events: (await db.events.toArray()).map((e) => e.id).sort(),
      materials: (await db.materials.toArray()).map((m) => m.id).sort(),
      texts: (await db.materialTexts.toArray()).map((t) => t.id).sort(),
      corpus: [await db.questions.count(), await db.contributions.count(), await db.texts.count()],
    });
    // Signed out of February on this device: its briefing and the text read from it go; the corpus stays.
    await leaveEventOnDevice(db, 'feb');
    expect(await held()).toEqual({
      events: ['apr', 'jun'],
      materials: ['m-apr', 'm-q1'],
      texts: ['m-q1'],
      corpus: [1, 1, 1],
    });
    // Not stored again from a pull while the server does not know yet.
    const checkpoint = async () => ((await db.meta.get('sync'))!.value as { checkpoint: number }).checkpoint;
    expect(
      await applyPullPage(db, page(await checkpoint(), [material('m-feb-2', { kind: 'event', id: 'feb' })])),
    ).toMatchObject({ applied: true });
    expect((await db.materials.toArray()).map((m) => m.id).sort()).toEqual(['m-apr', 'm-q1']);
    // Removed from April by the secretariat: the same at the next pull.
    expect(
      await applyPullPage(db, page(await checkpoint(), [{ seq: 0, kind: 'event-left', id: 'apr' as never }])),
    ).toMatchObject({ applied: true });
    expect(await held()).toEqual({ events: ['jun'], materials: ['m-q1'], texts: ['m-q1'], corpus: [1, 1, 1] });
  });

  it('works in the chosen event, else the running one, else the latest', () => {
    const feb = event('feb', { status: 'closed' });
    const apr = event('apr', { startsOn: '2017-04-06', status: 'running' });
    const jun = event('jun', { startsOn: '2017-06-01', status: 'preparing' });
    expect(pickCurrentEvent([], undefined)).toBeNull();
    expect(pickCurrentEvent([feb, apr, jun], 'feb')?.id).toBe('feb');
    expect(pickCurrentEvent([feb, apr, jun], 'gone')?.id).toBe('apr');
    expect(pickCurrentEvent([feb, jun], undefined)?.id).toBe('jun');
  });
});

describe('per-event counts and news (issue 18)', () => {
  const contributionRow = (id: string, questionId: string, status: 'published' | 'withdrawn' = 'published') =>
    ({
      id,
      questionId,
      author: { name: 'A', kind: 'individual' },
      authorKind: 'individual',
      language: 'fr',
      status,
      version: 1,
      createdAt: '2017-01-01T00:00:00Z',
      updatedAt: '2017-01-01T00:00:00Z',
      languages: ['fr'],
      machineLanguages: [],
      excerpt: '',
    }) as never;

  it('counts each event’s unread published contributions on its agenda; a shared question counts in both', async () => {
    const db = openSeminarDb(`counts-${Math.random()}`);
    const feb = event('feb', { questionIds: ['q1', 'q2'] as never[] });
    const apr = event('apr', { questionIds: ['q2', 'q3'] as never[] });
    const jun = event('jun');
    await db.contributions.bulkPut([
      contributionRow('c1', 'q1'),
      contributionRow('c2', 'q1'),
      contributionRow('c3', 'q2'),
      contributionRow('c4', 'q2', 'withdrawn'),
      contributionRow('c5', 'q3'),
      contributionRow('c6', 'q9'),
    ]);
    await db.readState.bulkPut([
      { id: 'c1', read: true, starred: false },
      { id: 'c5', read: false, starred: true },
    ] as never[]);
    const counts = await unreadByEvent(db, [feb, apr, jun]);
    expect(Object.fromEntries(counts)).toEqual({ feb: 2, apr: 2, jun: 0 });
    db.close();
  });

  it('marks news of the events other than the current one until the user opens them', async () => {
    const db = openSeminarDb(`news-${Math.random()}`);
    await db.events.bulkPut([event('feb'), event('apr', { startsOn: '2017-04-06', endsOn: '2017-04-07' })]);
    await chooseEvent(db, 'apr');
    await recordEventActivity(db, ['feb', 'apr'], 10);
    expect(await eventActivity(db)).toEqual({ feb: 10 });
    await recordEventActivity(db, ['feb'], 7);
    expect(await eventActivity(db)).toEqual({ feb: 10 });
    await chooseEvent(db, 'feb');
    expect(await eventActivity(db)).toEqual({});
    await recordEventActivity(db, ['apr'], 12);
    expect(await eventActivity(db)).toEqual({ apr: 12 });
    db.close();
  });
});
