import { z } from 'zod';
import { ERROR_CODES } from './errors.js';
import { mutationSchema } from './mutations.js';
import { editionUnitRecordSchema, proceedingsSchema } from './proceedings.js';
import {
  annotationSchema,
  contributionIdSchema,
  contributionSchema,
  synthesisIdSchema,
  synthesisSchema,
  tagSchema,
} from './schemas.js';
import { materialNoteSchema } from './material-notes.js';

/**
 * POST /api/push sends outbox mutations in the order they were made; the
 * server answers one result per mutation, in the same order. Each mutation id
 * is applied at most once: a resent mutation (the whole batch, or part of it,
 * after a lost response) gets the result it got the first time, and changes
 * nothing. Results are data, never a failed request: a batch with a rejected
 * mutation still answers 200.
 */
export const PUSH_LIMITS = {
  /** Mutations per request; a client sends a longer outbox in several batches. */
  batch: 200,
  /** Bytes of one request body (a full batch of long notes fits). */
  bodyBytes: 8 * 1024 * 1024,
} as const;

export const pushRequestSchema = z.strictObject({
  mutations: z.array(mutationSchema).min(1).max(PUSH_LIMITS.batch),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** The participant's read/star state of one contribution, private to them and kept for their other devices. */
export const readStateRecordSchema = z.strictObject({
  contributionId: contributionIdSchema,
  read: z.boolean(),
  starred: z.boolean(),
  updatedAt: z.iso.datetime({ offset: true }),
  version: z.number().int().min(1),
});
export type ReadStateRecord = z.infer<typeof readStateRecordSchema>;

const record = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('annotation'), annotation: annotationSchema }),
  z.strictObject({ kind: z.literal('tag'), tag: tagSchema }),
  z.strictObject({ kind: z.literal('read-state'), readState: readStateRecordSchema }),
  z.strictObject({ kind: z.literal('contribution'), contribution: contributionSchema }),
  z.strictObject({ kind: z.literal('synthesis'), synthesis: synthesisSchema }),
  z.strictObject({ kind: z.literal('material-note'), note: materialNoteSchema }),
  /** A stored CRDT update: it reaches every device (this one too) by the pull, at `seq`. */
  z.strictObject({ kind: z.literal('synthesis-update'), synthesisId: synthesisIdSchema, seq: z.number().int().min(1) }),
  /** An event's proceedings after the mutation (a review move, a comment, a consent, the title page). */
  z.strictObject({ kind: z.literal('proceedings'), proceedings: proceedingsSchema }),
  /** A unit of a machine edition after a person's correction (its event and language; every edition holding it). */
  editionUnitRecordSchema,
]);
export type PushedRecord = z.infer<typeof record>;

export const pushResultSchema = z.discriminatedUnion('status', [
  /** Applied now or before (a resend): the record as the server holds it after this mutation. */
  z.strictObject({ mutationId: z.uuid(), status: z.literal('applied'), record }),
  /** Made on another version than the server's: `current` is the server's, for the client to merge. */
  z.strictObject({ mutationId: z.uuid(), status: z.literal('conflict'), current: record }),
  /** Can never apply as sent; the client keeps it and shows the reason. */
  z.strictObject({
    mutationId: z.uuid(),
    status: z.literal('rejected'),
    reason: z.enum(ERROR_CODES),
    message: z.string(),
  }),
]);
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushResponseSchema = z.strictObject({ results: z.array(pushResultSchema) });
export type PushResponse = z.infer<typeof pushResponseSchema>;
