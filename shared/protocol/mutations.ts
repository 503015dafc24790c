import { z } from 'zod';
import {
  LIMITS,
  annotationIdSchema,
  annotationTargetSchema,
  contributionIdSchema,
  localizedTextSchema,
  tagColorSchema,
  tagIdSchema,
} from './schemas.js';
import { VISIBILITIES } from '../model/annotations.js';

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
    note: z.string().max(LIMITS.noteLength),
    tags: z.array(tagIdSchema).max(LIMITS.tagsPerAnnotation),
    visibility: z.enum(VISIBILITIES),
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

export const readStateMutation = z.strictObject({
  id: mutationId,
  kind: z.literal('read-state'),
  contributionId: contributionIdSchema,
  read: z.boolean(),
  starred: z.boolean(),
  updatedAt: isoDateTime,
});

export const mutationSchema = z.discriminatedUnion('kind', [
  annotationPutMutation,
  annotationDeleteMutation,
  tagProposeMutation,
  readStateMutation,
]);

export type Mutation = z.infer<typeof mutationSchema>;
export type MutationKind = Mutation['kind'];
