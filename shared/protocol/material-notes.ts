import { z } from 'zod';
import { storableText } from '../text/storable-characters.js';
import { VISIBILITIES } from '../model/annotations.js';
import type { MaterialId } from '../model/material.js';
import type { MaterialNote, MaterialNoteTarget } from '../model/material-note.js';
import {
  LIMITS,
  annotationIdSchema,
  idSchema,
  participantIdSchema,
  tagIdSchema,
  textPositionSelectorSchema,
  textQuoteSelectorSchema,
} from './schemas.js';
import { sha256Schema } from './materials.js';

const materialIdSchema = idSchema as unknown as z.ZodType<MaterialId>;
const isoDateTime = z.iso.datetime({ offset: true });
/** A day: longer than any briefing video, short enough to catch a unit mistake (milliseconds sent as seconds). */
const MAX_SECONDS = 24 * 3600;
const seconds = z.number().min(0).max(MAX_SECONDS);

export const materialNoteTargetSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('pdf'),
    materialId: materialIdSchema,
    sha256: sha256Schema,
    page: z.number().int().min(1).max(100_000),
    textHash: storableText(z.string()).min(1).max(64),
    quote: textQuoteSelectorSchema,
    position: textPositionSelectorSchema,
  }),
  z
    .strictObject({
      kind: z.literal('media'),
      materialId: materialIdSchema,
      sha256: sha256Schema,
      start: seconds,
      end: seconds,
    })
    .refine((t) => t.end > t.start, 'a time range ends after it starts'),
]) satisfies z.ZodType<MaterialNoteTarget>;

export const materialNoteSchema = z.strictObject({
  id: annotationIdSchema,
  authorId: participantIdSchema,
  authorName: storableText(z.string()).min(1).max(LIMITS.authorNameLength),
  target: materialNoteTargetSchema,
  note: storableText(z.string()).max(LIMITS.noteLength),
  tags: z.array(tagIdSchema).max(LIMITS.tagsPerAnnotation),
  visibility: z.enum(VISIBILITIES),
  eventId: idSchema.nullable().optional(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  version: z.number().int().min(1),
  deleted: z.boolean(),
}) satisfies z.ZodType<MaterialNote>;

/** A note on a material written or edited on a device (the rules of annotation-put: protocol/mutations.ts). */
export const materialNotePutMutation = z.strictObject({
  id: z.uuid(),
  kind: z.literal('material-note-put'),
  baseVersion: z.number().int().min(1).nullable(),
  note: z.strictObject({
    id: annotationIdSchema,
    target: materialNoteTargetSchema,
    note: storableText(z.string()).max(LIMITS.noteLength),
    tags: z.array(tagIdSchema).max(LIMITS.tagsPerAnnotation),
    visibility: z.enum(VISIBILITIES),
    eventId: idSchema.nullable().optional(),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  }),
});

export const materialNoteDeleteMutation = z.strictObject({
  id: z.uuid(),
  kind: z.literal('material-note-delete'),
  baseVersion: z.number().int().min(1).nullable(),
  noteId: annotationIdSchema,
  deletedAt: isoDateTime,
});
