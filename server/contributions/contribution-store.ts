import type { z } from 'zod';
import {
  checkContributionText,
  describeContributionTextProblem,
  normalizeContributionText,
} from '../../shared/contribution/contribution-text.js';
import type { Lang } from '../../shared/languages.js';
import type {
  AuthorKind,
  Contribution,
  ContributionId,
  Participant,
  ParticipantId,
  QuestionId,
  Role,
} from '../../shared/model/entities.js';
import { contributionPutMutation } from '../../shared/protocol/mutations.js';
import type { Queryable } from '../db/database.js';
import { toStorable } from '../db/storable-text.js';
import { toIso } from '../db/timestamps.js';
import { enqueueTranslationsTx } from '../translate/job-queue.js';
import { invalid, rejected, unchanged, type WriteOutcome } from '../write-result.js';

/**
 * Contributions written in the app. The policy:
 * - delegates, experts and the secretariat write contributions (rapporteurs
 *   write the synthesis); only its author edits one, from any of their devices;
 * - the id is made on the device, so a resent creation is the same contribution;
 * - an edit names the version it was made on; another version is a conflict
 *   answered with the current contribution (the draft stays on the device);
 * - an edit bumps the version: the translations of the old text become stale
 *   (their sourceVersion is lower) and are queued again;
 * - the language of a submitted contribution does not change (its translations
 *   and the notes on them depend on it);
 * - dates are the server's: client clocks may be days off.
 */
export const CONTRIBUTING_ROLES: readonly Role[] = ['delegate', 'expert', 'secretariat'];

/** What a seminar participant is, as the consultation's author kinds go. */
function authorKindOf(participant: Participant): AuthorKind {
  return participant.roles.includes('expert') ? 'legal-expert' : 'institution';
}

type Input = z.input<typeof contributionPutMutation>['contribution'];

export async function putContributionTx(
  tx: Queryable,
  participant: Participant,
  input: Input,
  baseVersion: number | null,
): Promise<WriteOutcome<Contribution>> {
  const parsed = contributionPutMutation.shape.contribution.safeParse(input);
  if (!parsed.success) return unchanged(invalid(parsed.error));
  if (!participant.roles.some((role) => CONTRIBUTING_ROLES.includes(role)))
    return unchanged(rejected('forbidden', `only ${CONTRIBUTING_ROLES.join(', ')} write contributions`));
  const { id, questionId, language } = toStorable(parsed.data);
  const replyTo = parsed.data.replyTo ?? null;
  const text = normalizeContributionText(toStorable(parsed.data.text));
  const problem = checkContributionText(text);
  if (problem) return unchanged(rejected('validation-failed', describeContributionTextProblem(problem)));

  const [question] = await tx.query('SELECT 1 FROM questions WHERE id=$1', [questionId]);
  if (!question) return unchanged(rejected('validation-failed', `no question ${JSON.stringify(questionId)}`));

  const [existing] = await tx.query<{ author_id: string | null; version: number; status: string; language: string }>(
    'SELECT author_id, version, status, language FROM contributions WHERE id=$1 FOR UPDATE',
    [id],
  );
  if (existing) {
    if (existing.author_id !== participant.id)
      return unchanged(rejected('forbidden', 'only its author may change a contribution'));
    const current = (await readContribution(tx, id))!;
    if (existing.status !== 'published')
      return unchanged(rejected('forbidden', 'this contribution was withdrawn by the secretariat'));
    const original = current.versions.find((v) => v.origin === 'original');
    if (original?.text === text && existing.language === language)
      return unchanged({ status: 'applied', record: current });
    if (baseVersion !== Number(existing.version)) return unchanged({ status: 'conflict', current });
    if (existing.language !== language)
      return unchanged(rejected('validation-failed', 'the language of a submitted contribution cannot change'));
    if (replyTo !== null && replyTo !== current.replyTo)
      return unchanged(rejected('validation-failed', 'the contribution an answer answers cannot change'));
    if (questionId !== current.questionId) {
      const [answer] = await tx.query('SELECT 1 FROM contributions WHERE reply_to=$1 LIMIT 1', [id]);
      if (current.replyTo || answer)
        return unchanged(rejected('validation-failed', 'a contribution in a thread stays with its question'));
    }
    const version = Number(existing.version) + 1;
    await tx.query(`UPDATE text_versions SET text=$3, source_version=$4 WHERE contribution_id=$1 AND language=$2`, [
      id,
      language,
      text,
      version,
    ]);
    await tx.query(
      `UPDATE contributions c SET version=$2, question_id=$3, updated_at=now(), seq=nextval('change_seq'),
         chars = COALESCE((SELECT SUM(length(t.text)) FROM text_versions t WHERE t.contribution_id = c.id), 0)
       WHERE id=$1`,
      [id, version, questionId],
    );
    await enqueueTranslationsTx(tx, id, version, language);
    return { result: { status: 'applied', record: (await readContribution(tx, id))! }, changed: true };
  }
  if (replyTo !== null) {
    // An answer may be written offline to a contribution withdrawn since: it still answers it (the thread keeps it).
    const [target] = await tx.query<{ question_id: string }>('SELECT question_id FROM contributions WHERE id=$1', [
      replyTo,
    ]);
    if (!target)
      return unchanged(rejected('validation-failed', `no contribution ${JSON.stringify(replyTo)} to answer`));
    if (target.question_id !== questionId)
      return unchanged(rejected('validation-failed', 'an answer belongs to the question of what it answers'));
  }
  // A creation must not claim to edit something: a base version without a row is a contribution this server lost.
  await tx.query(
    `INSERT INTO contributions (id, question_id, author_id, author_name, author_kind, language, status, version,
       created_at, updated_at, chars, reply_to, seq)
     VALUES ($1,$2,$3,$4,$5,$6,'published',1,now(),now(),$7,$8,nextval('change_seq'))`,
    [id, questionId, participant.id, participant.name, authorKindOf(participant), language, text.length, replyTo],
  );
  await tx.query(
    `INSERT INTO text_versions (contribution_id, language, text, origin, engine, source_version)
     VALUES ($1,$2,$3,'original',NULL,1)`,
    [id, language, text],
  );
  await enqueueTranslationsTx(tx, id, 1, language);
  return { result: { status: 'applied', record: (await readContribution(tx, id))! }, changed: true };
}

/** A contribution with all its served text versions, or null. */
export async function readContribution(tx: Queryable, id: string): Promise<Contribution | null> {
  const [row] = await tx.query<Record<string, unknown>>('SELECT * FROM contributions WHERE id=$1', [id]);
  if (!row) return null;
  const versions = await tx.query<Record<string, unknown>>(
    `SELECT language, text, origin, engine, source_version FROM text_versions WHERE contribution_id=$1 ORDER BY language`,
    [id],
  );
  return {
    id: row.id as ContributionId,
    questionId: row.question_id as QuestionId,
    author: { name: String(row.author_name), kind: row.author_kind as AuthorKind },
    authorId: (row.author_id as ParticipantId | null) ?? null,
    ...(row.reply_to ? { replyTo: row.reply_to as ContributionId } : {}),
    language: row.language as Lang,
    status: row.status as Contribution['status'],
    version: Number(row.version),
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    versions: versions.map((v) => ({
      language: v.language as Lang,
      text: String(v.text),
      origin: v.origin as 'original',
      engine: (v.engine as string | null) ?? null,
      sourceVersion: Number(v.source_version),
    })),
  };
}
