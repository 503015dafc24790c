import type { Mutation } from '../../shared/protocol/mutations.js';
import type { PushedRecord } from '../../shared/protocol/push.js';
import type { Participant } from '../../shared/model/entities.js';
import type { Proceedings } from '../../shared/model/proceedings.js';
import type { Queryable } from '../db/database.js';
import {
  deleteAnnotationTx,
  putAnnotationsTx,
  putAnnotationTx,
  type AnnotationReads,
} from '../annotations/annotation-store.js';
import { proposeTagTx } from '../codebook/tag-store.js';
import { putContributionTx } from '../contributions/contribution-store.js';
import { createSynthesisTx, pushSynthesisUpdateTx } from '../synthesis/synthesis-store.js';
import { putReadStateTx } from '../read-state/read-state-store.js';
import { deleteMaterialNoteTx, putMaterialNoteTx } from '../materials/material-note-store.js';
import {
  addReviewCommentTx,
  moveReviewTx,
  putConsentTx,
  putProceedingsTx,
  resolveReviewCommentTx,
} from '../proceedings/proceedings-store.js';
import { correctEditionUnitTx } from '../proceedings/edition-corrections.js';
import type { WriteOutcome } from '../write-result.js';
import type { MutationResult } from './applied-mutations.js';

/**
 * One pushed mutation, applied by its store inside the caller's write
 * transaction. `reads`: a batch's annotation reads done ahead (group-commit.ts).
 */
export async function applyMutationTx(
  tx: Queryable,
  participant: Participant,
  m: Mutation,
  reads?: AnnotationReads,
): Promise<{ result: MutationResult; changed: boolean }> {
  switch (m.kind) {
    case 'annotation-put':
      return asPushed(await putAnnotationTx(tx, participant, m.annotation, m.baseVersion, reads), (annotation) => ({
        kind: 'annotation',
        annotation,
      }));
    case 'annotation-delete':
      return asPushed(
        await deleteAnnotationTx(tx, participant, m.annotationId, m.baseVersion, m.deletedAt, reads),
        (annotation) => ({ kind: 'annotation', annotation }),
      );
    case 'material-note-put':
      return asPushed(await putMaterialNoteTx(tx, participant, m.note, m.baseVersion), (note) => ({
        kind: 'material-note',
        note,
      }));
    case 'material-note-delete':
      return asPushed(await deleteMaterialNoteTx(tx, participant, m.noteId, m.baseVersion, m.deletedAt), (note) => ({
        kind: 'material-note',
        note,
      }));
    case 'tag-propose':
      return asPushed(await proposeTagTx(tx, participant, m.tag), (tag) => ({ kind: 'tag', tag }));
    case 'read-state': {
      const { contributionId, read, starred, updatedAt } = m;
      return asPushed(
        await putReadStateTx(tx, participant, { contributionId, read, starred, updatedAt }),
        (readState) => ({ kind: 'read-state', readState }),
      );
    }
    case 'contribution-put':
      return asPushed(await putContributionTx(tx, participant, m.contribution, m.baseVersion), (contribution) => ({
        kind: 'contribution',
        contribution,
      }));
    case 'synthesis-create':
      return asPushed(await createSynthesisTx(tx, participant, m.synthesis), (synthesis) => ({
        kind: 'synthesis',
        synthesis,
      }));
    case 'synthesis-update':
      return asPushed(await pushSynthesisUpdateTx(tx, participant, m.synthesisId, m.update), (stored) => ({
        kind: 'synthesis-update',
        ...stored,
      }));
    case 'proceedings-put':
      return asPushed(await putProceedingsTx(tx, participant, m), asProceedings);
    case 'review-move':
      return asPushed(await moveReviewTx(tx, participant, m), asProceedings);
    case 'review-comment-add':
      return asPushed(await addReviewCommentTx(tx, participant, m), asProceedings);
    case 'review-comment-resolve':
      return asPushed(await resolveReviewCommentTx(tx, participant, m), asProceedings);
    case 'consent-put':
      return asPushed(await putConsentTx(tx, participant, m), asProceedings);
    case 'edition-correct':
      return asPushed(await correctEditionUnitTx(tx, participant, m), (corrected) => ({
        kind: 'edition-unit',
        ...corrected,
      }));
  }
}

type AnnotationPut = Extract<Mutation, { kind: 'annotation-put' }>;

/**
 * Annotation puts of one participant, each on a different note, applied in
 * one go (annotation-store.ts, putAnnotationsTx): what applyMutationTx would
 * answer for each, in order, with the reads done ahead.
 */
export async function applyAnnotationPutsTx(
  tx: Queryable,
  participant: Participant,
  puts: AnnotationPut[],
  reads: AnnotationReads,
): Promise<{ result: MutationResult; changed: boolean }[]> {
  const outcomes = await putAnnotationsTx(
    tx,
    participant,
    puts.map((m) => ({ input: m.annotation, baseVersion: m.baseVersion })),
    reads,
  );
  return outcomes.map((outcome) => asPushed(outcome, (annotation) => ({ kind: 'annotation', annotation })));
}

const asProceedings = (proceedings: Proceedings): PushedRecord => ({ kind: 'proceedings', proceedings });

function asPushed<T>(
  { result, changed }: WriteOutcome<T>,
  wrap: (record: T) => PushedRecord,
): { result: MutationResult; changed: boolean } {
  switch (result.status) {
    case 'applied':
      return { result: { status: 'applied', record: wrap(result.record) }, changed };
    case 'conflict':
      return { result: { status: 'conflict', current: wrap(result.current) }, changed };
    case 'rejected':
      return { result: { status: 'rejected', reason: result.reason, message: result.message }, changed };
  }
}
