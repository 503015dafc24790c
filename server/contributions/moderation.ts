import { z } from 'zod';
import { storableText } from '../../shared/text/storable-characters.js';
import { isLang, type Lang } from '../../shared/languages.js';
import type { Contribution, Participant } from '../../shared/model/entities.js';
import { LIMITS } from '../../shared/protocol/schemas.js';
import type { Queryable } from '../db/database.js';
import { toStorable } from '../db/storable-text.js';
import { storeTranslationTx, touchContributionTx } from '../translate/translation-store.js';
import { invalid, rejected, unchanged, type WriteOutcome } from '../write-result.js';
import { readContribution } from './contribution-store.js';

/**
 * What the secretariat does to contributions: withdraw one with a recorded
 * reason (it leaves every client at their next pull; the notes on it stay,
 * marked as on a withdrawn text), and attach a human translation, which is
 * preferred over the machine one of the same original and kept in its own
 * layer (translation-store.ts).
 */
const isSecretariat = (p: Participant) => p.roles.includes('secretariat');

export const withdrawalSchema = z.strictObject({
  reason: storableText(z.string())
    .trim()
    .min(1, 'say why the contribution is withdrawn')
    .max(LIMITS.withdrawalReasonLength),
});

export const humanTranslationSchema = z.strictObject({
  text: storableText(z.string()).min(1).max(LIMITS.textLength),
});

export async function withdrawContributionTx(
  tx: Queryable,
  participant: Participant,
  id: string,
  body: unknown,
): Promise<WriteOutcome<Contribution>> {
  if (!isSecretariat(participant))
    return unchanged(rejected('forbidden', 'only the secretariat withdraws a contribution'));
  const parsed = withdrawalSchema.safeParse(body);
  if (!parsed.success) return unchanged(invalid(parsed.error));
  const [row] = await tx.query<{ status: string }>('SELECT status FROM contributions WHERE id=$1 FOR UPDATE', [id]);
  if (!row) return unchanged(rejected('not-found', `no contribution ${JSON.stringify(id)}`));
  if (row.status === 'withdrawn') return unchanged({ status: 'applied', record: (await readContribution(tx, id))! });
  await tx.query(
    `UPDATE contributions SET status='withdrawn', withdrawn_reason=$2, withdrawn_at=now(), withdrawn_by=$3,
       updated_at=now(), seq=nextval('change_seq') WHERE id=$1`,
    [id, toStorable(parsed.data.reason), participant.id],
  );
  // Nothing left to translate.
  await tx.query(
    `UPDATE translation_jobs SET status='superseded', lease=NULL, updated_at=now()
     WHERE contribution_id=$1 AND status IN ('queued', 'running', 'failed')`,
    [id],
  );
  return { result: { status: 'applied', record: (await readContribution(tx, id))! }, changed: true };
}

export async function attachHumanTranslationTx(
  tx: Queryable,
  participant: Participant,
  id: string,
  language: string,
  body: unknown,
): Promise<WriteOutcome<Contribution>> {
  if (!isSecretariat(participant))
    return unchanged(rejected('forbidden', 'only the secretariat attaches translations'));
  if (!isLang(language))
    return unchanged(rejected('validation-failed', `unknown language ${JSON.stringify(language)}`));
  const parsed = humanTranslationSchema.safeParse(body);
  if (!parsed.success) return unchanged(invalid(parsed.error));
  const [row] = await tx.query<{ status: string; version: number; language: string }>(
    'SELECT status, version, language FROM contributions WHERE id=$1 FOR UPDATE',
    [id],
  );
  if (!row) return unchanged(rejected('not-found', `no contribution ${JSON.stringify(id)}`));
  if (row.language === language)
    return unchanged(rejected('validation-failed', `a translation cannot be in the original's language (${language})`));
  const changed = await storeTranslationTx(tx, {
    contributionId: id,
    language: language as Lang,
    layer: 'human',
    text: toStorable(parsed.data.text).replace(/\r\n?/g, '\n'),
    engine: null,
    sourceVersion: Number(row.version),
    by: participant.id,
  });
  if (changed) await touchContributionTx(tx, id);
  return { result: { status: 'applied', record: (await readContribution(tx, id))! }, changed };
}
