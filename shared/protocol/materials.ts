import { z } from 'zod';
import {
  MATERIAL_TYPES,
  SUBTITLE_ORIGINS,
  type Material,
  type MaterialId,
  type MaterialType,
  type SubtitleTrack,
} from '../model/material.js';
import { WEBVTT_LIMITS } from '../materials/webvtt.js';
import { storableText } from '../text/storable-characters.js';
import type { QuestionId } from '../model/entities.js';
import { idSchema, langSchema, localizedTextSchema, LIMITS } from './schemas.js';

export { MATERIAL_TYPES, type MaterialType };

export const isMaterialType = (value: string): value is MaterialType =>
  (MATERIAL_TYPES as readonly string[]).includes(value);

/** The type named by a file's extension, for `admin material add` without --type. */
export function materialTypeOfName(name: string): MaterialType | undefined {
  const extension = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  const byExtension: Record<string, MaterialType> = {
    pdf: 'application/pdf',
    webm: 'video/webm',
    mp4: 'video/mp4',
    m4v: 'video/mp4',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    webp: 'image/webp',
  };
  return extension ? byExtension[extension] : undefined;
}

export const MATERIAL_LIMITS = {
  /** Default cap of one file's size; the server's --material-max-mb changes it. */
  defaultMaxBytes: 2 * 1024 * 1024 * 1024,
  descriptionLength: 5_000,
} as const;

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 is 64 lowercase hex digits');

export const materialOwnerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('question'), id: idSchema as unknown as z.ZodType<QuestionId> }),
  z.strictObject({ kind: z.literal('event'), id: idSchema }),
]);

const nonEmptyTitle = localizedTextSchema(LIMITS.titleLength).refine(
  (title) => Object.values(title).some((text) => text && text.trim() !== ''),
  'a title in at least one language is required',
);

export const subtitleTrackSchema = z.strictObject({
  language: langSchema,
  origin: z.enum(SUBTITLE_ORIGINS),
  engine: z.string().max(100).nullable(),
  cues: z
    .array(
      z.strictObject({
        start: z.number().min(0),
        end: z.number().min(0),
        text: storableText(z.string()).min(1).max(WEBVTT_LIMITS.cueLength),
      }),
    )
    .max(WEBVTT_LIMITS.cues),
}) satisfies z.ZodType<SubtitleTrack>;

export const materialSchema = z.strictObject({
  id: idSchema as unknown as z.ZodType<MaterialId>,
  owner: materialOwnerSchema,
  title: localizedTextSchema(LIMITS.titleLength),
  description: localizedTextSchema(MATERIAL_LIMITS.descriptionLength),
  mediaType: z.enum(MATERIAL_TYPES),
  size: z.number().int().min(0),
  sha256: sha256Schema,
  createdAt: z.iso.datetime({ offset: true }),
  version: z.number().int().min(1),
  deleted: z.boolean(),
  subtitles: z.array(subtitleTrackSchema).max(10).optional(),
}) satisfies z.ZodType<Material>;

/**
 * POST /api/materials: a material whose bytes were stored first with
 * PUT /api/material-blobs/:sha256. The id is the client's (stable, so a
 * resent request does not make a second material).
 */
export const materialCreateSchema = z.strictObject({
  id: idSchema,
  owner: materialOwnerSchema,
  title: nonEmptyTitle,
  description: localizedTextSchema(MATERIAL_LIMITS.descriptionLength).default({}),
  mediaType: z.enum(MATERIAL_TYPES),
  sha256: sha256Schema,
});
export type MaterialCreate = z.input<typeof materialCreateSchema>;

/** PUT /api/material-blobs/:sha256 answers this (201 stored, 200 already there). */
export const blobStoredSchema = z.strictObject({ sha256: sha256Schema, size: z.number().int().min(0) });
