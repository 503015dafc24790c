import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Contribution, ContributionId, QuestionId } from '../../../shared/model/entities.js';
import type { PushResult } from '../../../shared/protocol/push.js';
import { applyPushResults } from '../../../renderer/db/apply-push-results.js';
import { openSeminarDb } from '../../../renderer/db/database.js';
import {
  DraftProblem,
  discardDraft,
  draftForEdit,
  newDraft,
  reopenDraft,
  saveDraft,
  submitDraft,
} from '../../../renderer/db/drafts.js';
import { toContributionRow } from '../../../renderer/db/apply-page.js';

const TEXT = '국가는 사이버 공간에서 상당한 주의 의무를 다해야 한다. 협력이 필요하다.';
let n = 0;
const fresh = () => openSeminarDb(`drafts-${Date.now()}-${(n += 1)}`);

function contribution(id: ContributionId, version: number, text: string): Contribution {
  return {
    id,
    questionId: 'q1' as QuestionId,
    author: { name: 'Min-jun Park', kind: 'institution' },
    authorId: 'del' as never,
    language: 'ko',
    status: 'published',
    version,
    createdAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
    versions: [{ language: 'ko', text, origin: 'original', engine: null, sourceVersion: version }],
  };
}

async function written(text = TEXT) {
  const db = fresh();
  const draft = await saveDraft(db, newDraft('q1' as QuestionId, 'en'));
  await saveDraft(db, { id: draft.id, questionId: draft.questionId, text, language: 'ko' });
  return { db, id: draft.id };
}

async function answer(db: ReturnType<typeof fresh>, result: (mutationId: string) => PushResult) {
  const sent = await db.outbox.orderBy('seq').toArray();
  return applyPushResults(db, sent, [result(sent[0]!.mutationId)]);
}

describe('drafts', () => {
  it('refuses to submit a text outside the limits, and keeps it', async () => {
    const { db, id } = await written('trop court');
    await expect(submitDraft(db, id)).rejects.toEqual(new DraftProblem('too-short'));
    expect(await db.outbox.count()).toBe(0);
    expect(await db.drafts.get(id)).toMatchObject({ text: 'trop court', status: 'draft' });
  });

  it('submits into the outbox in one transaction; the acknowledgement stores the contribution and ends the draft', async () => {
    const { db, id } = await written(`${TEXT}\r\n\r\n둘째 문단.`);
    await submitDraft(db, id);
    const [entry] = await db.outbox.toArray();
    expect(entry!.mutation).toMatchObject({
      kind: 'contribution-put',
      baseVersion: null,
      contribution: { id, questionId: 'q1', language: 'ko', text: `${TEXT}\n\n둘째 문단.` },
    });
    expect((await db.drafts.get(id))!.status).toBe('queued');
    await expect(submitDraft(db, id)).rejects.toEqual(new DraftProblem('already-queued'));

    const stored = contribution(id, 1, `${TEXT}\n\n둘째 문단.`);
    await answer(db, (mutationId) => ({
      mutationId,
      status: 'applied',
      record: { kind: 'contribution', contribution: stored },
    }));
    expect(await db.drafts.get(id)).toBeUndefined();
    expect(await db.outbox.count()).toBe(0);
    expect(await db.contributions.get(id)).toMatchObject({ authorId: 'del', version: 1, language: 'ko' });
    expect((await db.texts.get(id))!.versions).toHaveLength(1);
  });

  it('a refusal brings the draft back with the reason; resubmitting replaces the refused entry', async () => {
    const { db, id } = await written();
    await submitDraft(db, id);
    await answer(db, (mutationId) => ({
      mutationId,
      status: 'rejected',
      reason: 'forbidden',
      message: 'only delegate, expert, secretariat write contributions',
    }));
    expect(await db.drafts.get(id)).toMatchObject({
      status: 'rejected',
      text: TEXT,
      problem: { reason: 'forbidden' },
    });
    expect((await db.outbox.toArray())[0]!.rejected).toMatchObject({ reason: 'forbidden' });
    await submitDraft(db, id);
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.rejected).toBeFalsy();
  });

  it('an edit made on an old version comes back in conflict, with the server text and its version', async () => {
    const db = fresh();
    const id = 'c-mine' as ContributionId;
    await db.contributions.put(toContributionRow(contribution(id, 1, TEXT)));
    await db.texts.put({ id, version: 1, versions: contribution(id, 1, TEXT).versions });
    const draft = await draftForEdit(db, id);
    expect(draft).toMatchObject({ text: TEXT, baseVersion: 1, languageChosen: true });
    await saveDraft(db, { id, questionId: draft.questionId, text: `${TEXT} 내 수정.` });
    await submitDraft(db, id);
    const theirs = contribution(id, 2, `${TEXT} 다른 기기의 수정.`);
    await answer(db, (mutationId) => ({
      mutationId,
      status: 'conflict',
      current: { kind: 'contribution', contribution: theirs },
    }));
    expect(await db.drafts.get(id)).toMatchObject({
      status: 'conflict',
      text: `${TEXT} 내 수정.`,
      serverText: `${TEXT} 다른 기기의 수정.`,
      baseVersion: 2,
    });
    expect((await db.contributions.get(id))!.version).toBe(2);
    await submitDraft(db, id);
    expect((await db.outbox.toArray())[0]!.mutation).toMatchObject({ baseVersion: 2 });
  });

  it('reopening takes the submission back out of the outbox; discarding removes draft and submission', async () => {
    const { db, id } = await written();
    await submitDraft(db, id);
    await reopenDraft(db, id);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.drafts.get(id)).toMatchObject({ status: 'draft', text: TEXT });
    await submitDraft(db, id);
    await discardDraft(db, id);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.drafts.get(id)).toBeUndefined();
  });

  it('a draft survives closing and reopening the database', async () => {
    const name = `drafts-reopen-${Date.now()}`;
    const db = openSeminarDb(name);
    const draft = await saveDraft(db, { ...newDraft('q1' as QuestionId, 'ko'), text: TEXT });
    db.close();
    const again = openSeminarDb(name);
    expect(await again.drafts.get(draft.id)).toMatchObject({ text: TEXT, status: 'draft' });
  });
});
