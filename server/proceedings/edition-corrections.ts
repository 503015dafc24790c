import type { z } from 'zod';
import type { Participant } from '../../shared/model/entities.js';
import { SYNTHESIS_WRITERS } from '../../shared/model/synthesis.js';
import { correctionProblem } from '../../shared/proceedings/translate-edition.js';
import type { editionCorrectMutation, EditionUnitView } from '../../shared/protocol/proceedings.js';
import type { Lang } from '../../shared/languages.js';
import type { Queryable } from '../db/database.js';
import { memberRoles } from '../events/event-store.js';
import { rejected, unchanged, type WriteOutcome } from '../write-result.js';
import { editionUnits, putCorrectionTx } from './edition-translations.js';

export interface CorrectedUnit {
  eventId: string;
  lang: Lang;
  unit: EditionUnitView;
}

/**
 * A person's correction of one unit of a machine edition, inside the
 * caller's transaction: by the push (queued offline) and by the PUT route
 * alike. The event's rapporteurs and secretariat correct; another member is
 * refused, and to anyone outside the event it does not exist. The unit must
 * be in that edition and already machine-translated into that language, the
 * language another than the edition's own, and the text must keep each quote
 * in its tag (a lost tag would lose a quote's provenance). No pulled record
 * changes (the correction layer is read by its own route), so nothing is
 * announced.
 */
export async function correctEditionUnitTx(
  tx: Queryable,
  participant: Pick<Participant, 'id'>,
  m: Pick<z.infer<typeof editionCorrectMutation>, 'eventId' | 'number' | 'lang' | 'hash' | 'text'>,
): Promise<WriteOutcome<CorrectedUnit>> {
  const roles = await memberRoles(tx, participant.id, m.eventId);
  if (!roles) return unchanged(rejected('not-found', `no event ${JSON.stringify(m.eventId)}`));
  if (!roles.some((r) => (SYNTHESIS_WRITERS as readonly string[]).includes(r)))
    return unchanged(rejected('forbidden', "only the event's rapporteurs and secretariat correct its proceedings"));
  const [edition] = await tx.query<{ language: Lang }>(
    'SELECT language FROM proceedings_editions WHERE event_id = $1 AND number = $2',
    [m.eventId, m.number],
  );
  if (!edition) return unchanged(rejected('not-found', 'no such edition'));
  if (m.lang === edition.language)
    return unchanged(rejected('validation-failed', "the edition's own language is its original, not a translation"));
  const units = await editionUnits(tx, m.eventId, m.number, edition.language, m.lang);
  const unit = units.find((u) => u.hash === m.hash);
  if (!unit) return unchanged(rejected('not-found', 'no such paragraph in this edition'));
  if (unit.machine === null)
    return unchanged(rejected('not-found', 'this paragraph is not machine-translated into that language yet'));
  const problem = correctionProblem(unit.source, m.text);
  if (problem) return unchanged(rejected('validation-failed', problem));
  await putCorrectionTx(tx, {
    eventId: m.eventId,
    hash: m.hash,
    source: edition.language,
    lang: m.lang,
    text: m.text,
    authorId: participant.id,
  });
  const saved = (await editionUnits(tx, m.eventId, m.number, edition.language, m.lang)).find((u) => u.hash === m.hash)!;
  return unchanged({ status: 'applied', record: { eventId: m.eventId, lang: m.lang, unit: saved } });
}
