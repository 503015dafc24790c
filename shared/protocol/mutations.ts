import { z } from 'zod';
import { storableText } from '../text/storable-characters.js';
import {
  LIMITS,
  annotationIdSchema,
  annotationTargetSchema,
  contributionIdSchema,
  idSchema,
  langSchema,
  localizedTextSchema,
  questionIdSchema,
  tagColorSchema,
  tagIdSchema,
} from './schemas.js';
import { VISIBILITIES } from '../model/annotations.js';
import { materialNoteDeleteMutation, materialNotePutMutation } from './material-notes.js';
import { PROCEEDINGS_MUTATIONS } from './proceedings.js';
import { SYNTHESIS_PARTS } from '../model/synthesis.js';

/**
 * What a device writes locally and later pushes (the outbox). Every mutation
 * has a unique id (the server applies each at most once) and, for edits, the
 * server version it was made on (`baseVersion`, null for a creation) so the
 * server can tell a concurrent edit from a stale one.
 */
const mutationId = z.uuid();
const isoDateTime = z.iso.datetime({ offset: true });

export const annotationPutMutation = z.strictObject({
  id: mutationId,
  kind: z.literal('annotation-put'),
  baseVersion: z.number().int().min(1).nullable(),
  annotation: z.strictObject({
    id: annotationIdSchema,
    target: annotationTargetSchema,
    note: storableText(z.string()).max(LIMITS.noteLength),
    tags: z.array(tagIdSchema).max(LIMITS.tagsPerAnnotation),
    visibility: z.enum(VISIBILITIES),
    /** The event it is written in (absent: the author's only event, or none). */
    eventId: idSchema.nullable().optional(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  }),
});

export const annotationDeleteMutation = z.strictObject({
  id: mutationId,
  kind: z.literal('annotation-delete'),
  baseVersion: z.number().int().min(1).nullable(),
  annotationId: annotationIdSchema,
  deletedAt: isoDateTime,
});

export const tagProposeMutation = z.strictObject({
  id: mutationId,
  kind: z.literal('tag-propose'),
  tag: z.strictObject({ id: tagIdSchema, label: localizedTextSchema(LIMITS.tagLabelLength), color: tagColorSchema }),
});

/**
 * A participant's marks of a contribution. Each carries only the flags the user
 * changed (at least one: the server refuses none): a star set on one device and
 * a read mark set on another at the same time both stay, where a mutation
 * carrying both flags would put back the other device's old value.
 */
export const readStateMutation = z.strictObject({
  id: mutationId,
  kind: z.literal('read-state'),
  contributionId: contributionIdSchema,
  read: z.boolean().optional(),
  starred: z.boolean().optional(),
  updatedAt: isoDateTime,
});

/**
 * A contribution written in the app: created (baseVersion null) or its
 * original edited by its author (baseVersion: the version the edit was made
 * on). The text is checked by shared/contribution/contribution-text.ts on both
 * sides; the id is made on the device so a resend never creates a second one.
 * The server stamps the dates: client clocks may be days off.
 */
export const contributionPutMutation = z.strictObject({
  id: mutationId,
  kind: z.literal('contribution-put'),
  baseVersion: z.number().int().min(1).nullable(),
  contribution: z.strictObject({
    id: contributionIdSchema,
    questionId: questionIdSchema,
    language: langSchema,
    text: storableText(z.string()).max(LIMITS.contributionLength),
    /** The contribution it answers (same question, existing on the server); fixed once created. */
    replyTo: contributionIdSchema.nullable().optional(),
  }),
});

const base64 = storableText(z.string()).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 (standard alphabet)');

/** A new synthesis of a question (rapporteurs and the secretariat); its id is made on the device. */
export const synthesisCreateMutation = z.strictObject({
  id: mutationId,
  kind: z.literal('synthesis-create'),
  synthesis: z
    .strictObject({
      id: idSchema,
      /** The question; null for a part of the proceedings (`part`, issue 20). */
      questionId: questionIdSchema.nullable(),
      part: z.enum(SYNTHESIS_PARTS).optional(),
      title: storableText(z.string()).trim().min(1).max(LIMITS.synthesisTitleLength),
      language: langSchema,
      /** The event it is written for (absent: the writer's only event where they may write syntheses). */
      eventId: idSchema.optional(),
    })
    .refine((s) => (s.questionId === null) === (s.part !== undefined), 'a synthesis is of a question or a part'),
});

/**
 * Edits of a synthesis's text as one Yjs update (several edits merged). CRDT
 * updates commute and apply idempotently: no base version, no conflict.
 */
export const synthesisUpdateMutation = z.strictObject({
  id: mutationId,
  kind: z.literal('synthesis-update'),
  synthesisId: idSchema,
  update: base64.min(1).max(LIMITS.synthesisUpdateLength),
});

export const mutationSchema = z.discriminatedUnion('kind', [
  annotationPutMutation,
  annotationDeleteMutation,
  tagProposeMutation,
  readStateMutation,
  contributionPutMutation,
  synthesisCreateMutation,
  synthesisUpdateMutation,
  materialNotePutMutation,
  materialNoteDeleteMutation,
  ...PROCEEDINGS_MUTATIONS,
]);

export type Mutation = z.infer<typeof mutationSchema>;
export type MutationKind = Mutation['kind'];
