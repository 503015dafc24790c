import type { z } from 'zod';
import type { Participant, Role } from '../../shared/model/entities.js';
import type { Proceedings, ReviewState } from '../../shared/model/proceedings.js';
import type {
  consentPutMutation,
  proceedingsPutMutation,
  reviewCommentAddMutation,
  reviewCommentResolveMutation,
  reviewMoveMutation,
} from '../../shared/protocol/proceedings.js';
import { checkMove } from '../../shared/proceedings/review-rules.js';
import { assembleProceedings, canonicalJson, contentHashOf } from '../../shared/proceedings/assemble.js';
import { parseProceedingsInput } from '../../shared/export/proceedings/input.js';
import { SYNTHESIS_WRITERS } from '../../shared/model/synthesis.js';
import type { Queryable } from '../db/database.js';
import { toStorable } from '../db/storable-text.js';
import { memberRoles } from '../events/event-store.js';
import { rejected, unchanged, type WriteOutcome } from '../write-result.js';
import { readProceedings, touchProceedingsTx } from './proceedings-record.js';
import { proceedingsSource } from './proceedings-source.js';
import { registerEditionQuotesTx } from './edition-quotes.js';
import { registerEditionUnitsTx } from './edition-translations.js';

/**
 * Proceedings writes, each inside the push's transaction. The policy:
 * - an event's proceedings are its members' to read (like its syntheses)
 *   and its rapporteurs' and secretariat's to write; to anyone else the
 *   event does not exist (not-found, never forbidden);
 * - review moves follow shared/proceedings/review-rules.ts, and a move made
 *   from another state than the server's is a conflict (the device saw an
 *   older state), answered with the current record and applied to nothing;
 * - the whole is approved only once each of its syntheses is;
 * - publishing assembles the proceedings, hashes their content and freezes
 *   them as an edition; content equal to the last edition's is that edition
 *   again (no new number), anything else is the next number;
 * - consent is a member's own, set by them alone.
 */
type Outcome = WriteOutcome<Proceedings>;

const notFound = (eventId: string) =>
  unchanged<Proceedings>(rejected('not-found', `no event ${JSON.stringify(eventId)}`));

async function rolesOrNull(tx: Queryable, participant: Participant, eventId: string): Promise<Role[] | null> {
  return memberRoles(tx, participant.id, eventId);
}

const writes = (roles: Role[]) => roles.some((r) => (SYNTHESIS_WRITERS as readonly string[]).includes(r));
const forbidden = () =>
  unchanged<Proceedings>(rejected('forbidden', "only the event's rapporteurs and secretariat write its proceedings"));

async function changedFor(tx: Queryable, participant: Participant, eventId: string): Promise<Outcome> {
  await touchProceedingsTx(tx, eventId);
  return { result: { status: 'applied', record: await readProceedings(tx, eventId, participant.id) }, changed: true };
}

export async function putProceedingsTx(
  tx: Queryable,
  participant: Participant,
  m: z.infer<typeof proceedingsPutMutation>,
): Promise<Outcome> {
  const roles = await rolesOrNull(tx, participant, m.eventId);
  if (!roles) return notFound(m.eventId);
  if (!writes(roles)) return forbidden();
  const { title, subtitle, publisher } = toStorable({ title: m.title, subtitle: m.subtitle, publisher: m.publisher });
  await touchProceedingsTx(tx, m.eventId);
  await tx.query('UPDATE proceedings SET title=$2, subtitle=$3, publisher=$4, language=$5 WHERE event_id=$1', [
    m.eventId,
    title.trim(),
    subtitle.trim(),
    publisher.trim(),
    m.language,
  ]);
  return { result: { status: 'applied', record: await readProceedings(tx, m.eventId, participant.id) }, changed: true };
}

export async function moveReviewTx(
  tx: Queryable,
  participant: Participant,
  m: z.infer<typeof reviewMoveMutation>,
): Promise<Outcome> {
  const roles = await rolesOrNull(tx, participant, m.eventId);
  if (!roles) return notFound(m.eventId);
  if (!writes(roles)) return forbidden();
  const whole = m.target === 'whole';
  if (!whole) {
    const [synthesis] = await tx.query('SELECT 1 FROM syntheses WHERE id = $1 AND event_id = $2', [
      m.target,
      m.eventId,
    ]);
    if (!synthesis) return unchanged(rejected('not-found', `no synthesis ${JSON.stringify(m.target)} in this event`));
  }
  // One move at a time per event: two secretaries publishing at once make one edition.
  await tx.query(
    `INSERT INTO proceedings (event_id, seq) VALUES ($1, nextval('change_seq')) ON CONFLICT (event_id) DO NOTHING`,
    [m.eventId],
  );
  const [head] = await tx.query<{ state: ReviewState }>(
    'SELECT state FROM proceedings WHERE event_id = $1 FOR UPDATE',
    [m.eventId],
  );
  const current = whole ? head!.state : await sectionState(tx, m.target);
  if (current !== m.from) {
    if (current === m.to)
      return unchanged({ status: 'applied', record: await readProceedings(tx, m.eventId, participant.id) });
    return unchanged({ status: 'conflict', current: await readProceedings(tx, m.eventId, participant.id) });
  }
  const check = checkMove(roles, whole, m.from, m.to);
  if (!check.ok)
    return unchanged(
      check.reason === 'forbidden'
        ? rejected('forbidden', `your roles in this event do not move ${m.from} to ${m.to}`)
        : rejected('validation-failed', `${m.from} does not move to ${m.to}${whole ? '' : ' for one synthesis'}`),
    );
  let edition: number | null = null;
  if (whole && m.to === 'approved') {
    const open = await tx.query<{ id: string }>(
      `SELECT s.id FROM syntheses s LEFT JOIN review_states r ON r.synthesis_id = s.id
       WHERE s.event_id = $1 AND COALESCE(r.state, 'draft') <> 'approved' ORDER BY s.id`,
      [m.eventId],
    );
    if (open.length)
      return unchanged(
        rejected(
          'validation-failed',
          `every synthesis is approved first (not yet: ${open.map((o) => o.id).join(', ')})`,
        ),
      );
  }
  if (whole && m.to === 'published') {
    const published = await publishEditionTx(tx, participant, m.eventId);
    if ('rejected' in published) return unchanged(rejected('validation-failed', published.rejected));
    edition = published.number;
  }
  if (whole) {
    await tx.query('UPDATE proceedings SET state = $2 WHERE event_id = $1', [m.eventId, m.to]);
    // Publishing publishes every synthesis in it; the next round starts them all as drafts again.
    if (m.to === 'published' || m.from === 'published')
      await tx.query(
        `INSERT INTO review_states (synthesis_id, state) SELECT id, $2 FROM syntheses WHERE event_id = $1
         ON CONFLICT (synthesis_id) DO UPDATE SET state = EXCLUDED.state`,
        [m.eventId, m.to === 'published' ? 'published' : 'draft'],
      );
  } else {
    await tx.query(
      `INSERT INTO review_states (synthesis_id, state) VALUES ($1, $2)
       ON CONFLICT (synthesis_id) DO UPDATE SET state = EXCLUDED.state`,
      [m.target, m.to],
    );
  }
  await tx.query(
    `INSERT INTO review_trail (event_id, target, from_state, to_state, by_id, by_name, edition)
     VALUES ($1,$2,$3,$4,$5,$6,$7)`,
    [m.eventId, m.target, m.from, m.to, participant.id, participant.name, edition],
  );
  return changedFor(tx, participant, m.eventId);
}

async function sectionState(tx: Queryable, synthesisId: string): Promise<ReviewState> {
  const [row] = await tx.query<{ state: ReviewState }>('SELECT state FROM review_states WHERE synthesis_id = $1', [
    synthesisId,
  ]);
  return row?.state ?? 'draft';
}

/**
 * Freezes the event's proceedings as they are now: assembled, checked,
 * hashed, stored as the exact text that was hashed. The same content as the
 * last edition is that edition; other content is the next number.
 */
export async function publishEditionTx(
  tx: Queryable,
  participant: Participant,
  eventId: string,
  today = new Date().toISOString().slice(0, 10),
): Promise<{ number: number; contentHash: string } | { rejected: string }> {
  const [last] = await tx.query<{ number: number; content_hash: string }>(
    'SELECT number, content_hash FROM proceedings_editions WHERE event_id = $1 ORDER BY number DESC LIMIT 1',
    [eventId],
  );
  const number = (last ? Number(last.number) : 0) + 1;
  const source = await proceedingsSource(tx, eventId, { number, state: 'published', date: today });
  if (!source) return { rejected: 'no such event' };
  const assembled = assembleProceedings(source);
  if (assembled.days.length === 0) return { rejected: 'the proceedings hold no synthesis yet' };
  const contentHash = contentHashOf(assembled);
  if (last && last.content_hash === contentHash) return { number: Number(last.number), contentHash };
  let input;
  try {
    input = parseProceedingsInput({ ...assembled, edition: { ...assembled.edition, contentHash } });
  } catch (error) {
    return { rejected: error instanceof Error ? error.message : String(error) };
  }
  await tx.query(
    `INSERT INTO proceedings_editions (event_id, number, language, content_hash, input, published_by_name)
     VALUES ($1,$2,$3,$4,$5,$6)`,
    [eventId, number, input.language, contentHash, canonicalJson(input), participant.name],
  );
  await registerEditionUnitsTx(tx, eventId, number, input);
  await registerEditionQuotesTx(tx, eventId, number, input);
  return { number, contentHash };
}

export async function addReviewCommentTx(
  tx: Queryable,
  participant: Participant,
  m: z.infer<typeof reviewCommentAddMutation>,
): Promise<Outcome> {
  const roles = await rolesOrNull(tx, participant, m.eventId);
  if (!roles) return notFound(m.eventId);
  if (!writes(roles)) return forbidden();
  const c = m.comment;
  const [existing] = await tx.query<{ author_id: string }>('SELECT author_id FROM review_comments WHERE id = $1', [
    c.id,
  ]);
  if (existing) {
    if (existing.author_id !== participant.id) return unchanged(rejected('forbidden', `comment ${c.id} exists`));
    return unchanged({ status: 'applied', record: await readProceedings(tx, m.eventId, participant.id) });
  }
  const [synthesis] = await tx.query('SELECT 1 FROM syntheses WHERE id = $1 AND event_id = $2', [
    c.synthesisId,
    m.eventId,
  ]);
  if (!synthesis)
    return unchanged(rejected('not-found', `no synthesis ${JSON.stringify(c.synthesisId)} in this event`));
  if (c.replyTo) {
    const [parent] = await tx.query('SELECT 1 FROM review_comments WHERE id = $1 AND synthesis_id = $2', [
      c.replyTo,
      c.synthesisId,
    ]);
    if (!parent)
      return unchanged(rejected('validation-failed', `no comment ${JSON.stringify(c.replyTo)} to answer here`));
  }
  const { body, anchor } = toStorable({ body: c.body, anchor: c.anchor });
  await tx.query(
    `INSERT INTO review_comments (id, event_id, synthesis_id, anchor, body, author_id, author_name, reply_to)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
    [
      c.id,
      m.eventId,
      c.synthesisId,
      anchor ? JSON.stringify(anchor) : null,
      body,
      participant.id,
      participant.name,
      c.replyTo,
    ],
  );
  return changedFor(tx, participant, m.eventId);
}

export async function resolveReviewCommentTx(
  tx: Queryable,
  participant: Participant,
  m: z.infer<typeof reviewCommentResolveMutation>,
): Promise<Outcome> {
  const [comment] = await tx.query<{ event_id: string; resolved: boolean }>(
    'SELECT event_id, resolved FROM review_comments WHERE id = $1',
    [m.commentId],
  );
  const roles = comment ? await rolesOrNull(tx, participant, comment.event_id) : null;
  if (!comment || !roles) return unchanged(rejected('not-found', `no comment ${JSON.stringify(m.commentId)}`));
  if (!writes(roles)) return forbidden();
  if (comment.resolved === m.resolved)
    return unchanged({ status: 'applied', record: await readProceedings(tx, comment.event_id, participant.id) });
  await tx.query('UPDATE review_comments SET resolved = $2, resolved_by_name = $3 WHERE id = $1', [
    m.commentId,
    m.resolved,
    m.resolved ? participant.name : null,
  ]);
  return changedFor(tx, participant, comment.event_id);
}

export async function putConsentTx(
  tx: Queryable,
  participant: Participant,
  m: z.infer<typeof consentPutMutation>,
): Promise<Outcome> {
  if (!(await rolesOrNull(tx, participant, m.eventId))) return notFound(m.eventId);
  const [old] = await tx.query<{ consented: boolean }>(
    'SELECT consented FROM event_consents WHERE event_id = $1 AND participant_id = $2',
    [m.eventId, participant.id],
  );
  if ((old?.consented ?? false) === m.consented && old)
    return unchanged({ status: 'applied', record: await readProceedings(tx, m.eventId, participant.id) });
  await tx.query(
    `INSERT INTO event_consents (event_id, participant_id, consented) VALUES ($1,$2,$3)
     ON CONFLICT (event_id, participant_id) DO UPDATE SET consented = EXCLUDED.consented, updated_at = now()`,
    [m.eventId, participant.id, m.consented],
  );
  return changedFor(tx, participant, m.eventId);
}
