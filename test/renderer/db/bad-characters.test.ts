import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { AnnotationTarget } from '../../../shared/model/annotations.js';
import type { ContributionId, Participant, ParticipantId, QuestionId } from '../../../shared/model/entities.js';
import { BadTextError } from '../../../shared/text/storable-characters.js';
import { createAnnotation, proposeTag, updateAnnotation } from '../../../renderer/db/annotations.js';
import { openSeminarDb } from '../../../renderer/db/database.js';
import { DraftProblem, saveDraft, submitDraft } from '../../../renderer/db/drafts.js';
import { createSynthesis } from '../../../renderer/db/syntheses.js';

/**
 * The app refuses what the server would: a NUL or half a character in any
 * text it queues. The local change is not made (both or neither), nothing is
 * queued, and the error names the field, so the screen can say so while the
 * text is still in its field.
 */
let n = 0;
const fresh = () => openSeminarDb(`bad-chars-${Date.now()}-${(n += 1)}`);
const ME: Participant = { id: 'me' as ParticipantId, name: 'Ana', roles: ['expert', 'rapporteur'], language: 'en' };
const TARGET: AnnotationTarget = {
  contributionId: 'c1' as ContributionId,
  language: 'en',
  sourceVersion: 1,
  textHash: 'h',
  quote: { exact: 'due diligence', prefix: 'should ', suffix: ' now' },
  position: { start: 7, end: 20 },
};
const BAD = ['nul \u0000 here', 'half \ud83d of an emoji', '\ude00 low half'];

async function refused(run: () => Promise<unknown>, field: string) {
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BadTextError);
  expect((error as BadTextError).field).toBe(field);
}

describe('bad characters in what the app queues', () => {
  it('refuses a note, on creation and on edit, and keeps nothing half-done', async () => {
    const db = fresh();
    for (const bad of BAD) {
      await refused(
        () => createAnnotation(db, ME, TARGET, { note: bad, tags: [], visibility: 'private' }),
        'annotation.note',
      );
    }
    expect(await db.annotations.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    const ok = await createAnnotation(db, ME, TARGET, { note: 'fine 👍🏽', tags: [], visibility: 'private' });
    await refused(() => updateAnnotation(db, ME, ok.id, { note: BAD[0]! }), 'annotation.note');
    expect((await db.annotations.get(ok.id))!.note).toBe('fine 👍🏽');
    expect(await db.outbox.count()).toBe(1);
  });

  it('refuses a tag label and a synthesis title', async () => {
    const db = fresh();
    await refused(() => proposeTag(db, ME, { en: 'ok', fr: BAD[1]! }, '#aabbcc'), 'tag.label.fr');
    await refused(
      () => createSynthesis(db, ME, { questionId: 'q1' as QuestionId, title: BAD[0]!, language: 'en' }),
      'synthesis.title',
    );
    expect(await db.tags.count()).toBe(0);
    expect(await db.syntheses.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('keeps a contribution with half a character as a draft, with the problem named', async () => {
    const db = fresh();
    const id = 'c-new' as ContributionId;
    await saveDraft(db, { id, questionId: 'q1' as QuestionId, text: `A contribution long enough to send ${BAD[1]}` });
    const problem = await submitDraft(db, id).then(
      () => null,
      (e: unknown) => e,
    );
    expect(problem).toBeInstanceOf(DraftProblem);
    expect((problem as DraftProblem).problem).toBe('bad-characters');
    expect(await db.outbox.count()).toBe(0);
    expect((await db.drafts.get(id))!.text).toContain('\ud83d');
  });
});
