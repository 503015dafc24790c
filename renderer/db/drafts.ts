import {
  checkContributionText,
  normalizeContributionText,
  type ContributionTextProblem,
} from '../../shared/contribution/contribution-text.js';
import type { Lang } from '../../shared/languages.js';
import type { Contribution, ContributionId, QuestionId } from '../../shared/model/entities.js';
import type { Mutation } from '../../shared/protocol/mutations.js';
import { toContributionRow } from './apply-page.js';
import type { DraftRow, OutboxRow, SeminarDb } from './database.js';
import { appendOutbox } from './outbox.js';

/**
 * Contributions written on this device (see DraftRow). Every write is one
 * transaction with strict durability; nothing here deletes a text the author
 * has not discarded or the server has not acknowledged.
 */

export function newDraft(questionId: QuestionId, language: Lang, replyTo: ContributionId | null = null): DraftRow {
  const now = new Date().toISOString();
  return {
    id: `c-${crypto.randomUUID()}` as ContributionId,
    questionId,
    language,
    languageChosen: false,
    text: '',
    baseVersion: null,
    replyTo,
    status: 'draft',
    problem: null,
    serverText: null,
    createdAt: now,
    updatedAt: now,
  };
}

/** A draft editing one's own submitted contribution, on the version this device holds. */
export async function draftForEdit(db: SeminarDb, id: ContributionId): Promise<DraftRow> {
  return db.transaction('rw', [db.drafts, db.contributions, db.texts], async () => {
    const existing = await db.drafts.get(id);
    if (existing) return existing;
    const [row, texts] = await Promise.all([db.contributions.get(id), db.texts.get(id)]);
    if (!row || !texts) throw new Error(`no contribution ${id} on this device`);
    const original = texts.versions.find((v) => v.origin === 'original');
    const now = new Date().toISOString();
    const draft: DraftRow = {
      id,
      questionId: row.questionId,
      language: row.language,
      languageChosen: true,
      text: original?.text ?? '',
      baseVersion: row.version,
      replyTo: row.replyTo ?? null,
      status: 'draft',
      problem: null,
      serverText: null,
      createdAt: now,
      updatedAt: now,
    };
    await db.drafts.put(draft);
    return draft;
  });
}

/** Autosave: the text and language as they are now. A queued draft edited again goes back to being a draft. */
export async function saveDraft(
  db: SeminarDb,
  draft: Pick<DraftRow, 'id' | 'questionId'> & Partial<Pick<DraftRow, 'text' | 'language' | 'languageChosen'>>,
): Promise<DraftRow> {
  return db.transaction('rw', [db.drafts], async () => {
    const current = await db.drafts.get(draft.id);
    const base = current ?? newDraftWithId(draft.id, draft.questionId, draft.language ?? 'en');
    const next: DraftRow = { ...base, ...draft, updatedAt: new Date().toISOString() };
    await db.drafts.put(next);
    return next;
  });
}

function newDraftWithId(id: ContributionId, questionId: QuestionId, language: Lang): DraftRow {
  return { ...newDraft(questionId, language), id };
}

export class DraftProblem extends Error {
  constructor(readonly problem: ContributionTextProblem | 'already-queued') {
    super(problem);
  }
}

/**
 * Submits a draft: its mutation goes to the outbox (sent when online) in the
 * same transaction that marks it queued. A rejected earlier submission of the
 * same draft leaves the outbox: this one replaces it.
 */
export async function submitDraft(db: SeminarDb, id: ContributionId): Promise<DraftRow> {
  return db.transaction('rw', [db.drafts, db.outbox], async () => {
    const draft = await db.drafts.get(id);
    if (!draft) throw new Error(`no draft ${id}`);
    if (draft.status === 'queued') throw new DraftProblem('already-queued');
    const text = normalizeContributionText(draft.text);
    const problem = checkContributionText(text);
    if (problem) throw new DraftProblem(problem);
    await removeQueued(db, id);
    const mutation: Mutation = {
      id: crypto.randomUUID(),
      kind: 'contribution-put',
      baseVersion: draft.baseVersion,
      contribution: {
        id,
        questionId: draft.questionId,
        language: draft.language,
        text,
        ...(draft.replyTo ? { replyTo: draft.replyTo } : {}),
      },
    };
    await appendOutbox(db, mutation);
    const next: DraftRow = { ...draft, text, status: 'queued', problem: null, updatedAt: new Date().toISOString() };
    await db.drafts.put(next);
    return next;
  });
}

/**
 * Back to editing a submitted draft that has not been sent yet (or was
 * refused): its queued mutation leaves the outbox, the text stays.
 */
export async function reopenDraft(db: SeminarDb, id: ContributionId): Promise<void> {
  await db.transaction('rw', [db.drafts, db.outbox], async () => {
    const draft = await db.drafts.get(id);
    if (!draft) return;
    await removeQueued(db, id);
    await db.drafts.put({ ...draft, status: 'draft', updatedAt: new Date().toISOString() });
  });
}

/** The author throws a draft away (asked to confirm first in the UI). A queued submission goes with it. */
export async function discardDraft(db: SeminarDb, id: ContributionId): Promise<void> {
  await db.transaction('rw', [db.drafts, db.outbox], async () => {
    await removeQueued(db, id);
    await db.drafts.delete(id);
  });
}

async function removeQueued(db: SeminarDb, id: ContributionId): Promise<void> {
  const rows = await db.outbox.filter((row) => contributionIdOf(row) === id).toArray();
  await db.outbox.bulkDelete(rows.map((row) => row.seq!));
}

function contributionIdOf(row: OutboxRow): string | null {
  return row.mutation.kind === 'contribution-put' ? row.mutation.contribution.id : null;
}

/**
 * The server's answers to a contribution-put, inside applyPushResults'
 * transaction: applied → the contribution is stored as the server has it
 * (the author sees it at once) and the draft goes; conflict → the draft comes
 * back with the server's text beside it, on the server's version; rejected →
 * the draft comes back with the reason (the outbox keeps the entry too, shown
 * in "what is not yet sent").
 */
export async function applyContributionResult(
  db: SeminarDb,
  id: ContributionId,
  result:
    | { status: 'applied' | 'conflict'; contribution: Contribution }
    | { status: 'rejected'; reason: string; message: string },
): Promise<void> {
  const draft = await db.drafts.get(id);
  if (result.status === 'rejected') {
    if (draft)
      await db.drafts.put({
        ...draft,
        status: 'rejected',
        problem: { reason: result.reason, message: result.message },
      });
    return;
  }
  const contribution = result.contribution;
  if (result.status === 'applied') {
    await storeContribution(db, contribution);
    // A draft edited again after this submission keeps its newer text.
    if (draft && draft.status === 'queued') await db.drafts.delete(id);
    return;
  }
  await storeContribution(db, contribution);
  const serverText = contribution.versions.find((v) => v.origin === 'original')?.text ?? '';
  if (draft)
    await db.drafts.put({ ...draft, status: 'conflict', serverText, baseVersion: contribution.version, problem: null });
}

async function storeContribution(db: SeminarDb, contribution: Contribution): Promise<void> {
  const current = await db.contributions.get(contribution.id);
  // A pull may have brought this version already, with translations the answer lacks; anything
  // newer than what is stored comes by pull (a translation moves the contribution's seq).
  if (current && current.version >= contribution.version) return;
  await db.contributions.put(toContributionRow(contribution));
  await db.texts.put({ id: contribution.id, version: contribution.version, versions: contribution.versions });
  // Searchable at once, as a pulled one would be: the search index follows this queue.
  await db.searchQueue.add({ contributions: [contribution.id] });
}
