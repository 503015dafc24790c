import { z } from 'zod';
import {
  LIMITS,
  contributionIdSchema,
  idSchema,
  langSchema,
  localizedTextSchema,
  mediaSchema,
  questionIdSchema,
  sessionProgrammeFields,
  tagColorSchema,
  tagIdSchema,
} from './schemas.js';
import { AUTHOR_KINDS, ROLES, TRACKS } from '../model/entities.js';
import { EVENT_KINDS, EVENT_STATUSES, EVENT_VISIBILITIES } from '../model/events.js';

/**
 * One line of a consultation export (JSON Lines): the format is docs/import-format.md.
 * Theme and session lines carry the seminar agenda, tag lines its codebook.
 * Unknown types and unknown fields are rejected.
 */
export const importThemeLine = z.strictObject({
  type: z.literal('theme'),
  id: idSchema,
  track: z.enum(TRACKS),
  code: z.string().min(1).max(32),
  order: z.number().int(),
  title: localizedTextSchema(LIMITS.titleLength),
});

export const importQuestionLine = z.strictObject({
  type: z.literal('question'),
  id: questionIdSchema,
  track: z.enum(TRACKS),
  theme: z.string().min(1).max(32),
  code: z.string().min(1).max(32),
  order: z.number().int(),
  title: localizedTextSchema(LIMITS.titleLength),
  context: localizedTextSchema(LIMITS.contextLength).optional(),
  media: z.array(mediaSchema).max(20).optional(),
});

/**
 * A seminar or conference (issue 18). Its sessions name it by `eventId`; the
 * questions on its agenda are `questionIds` plus those of its sessions. An
 * event line comes before the lines that name it.
 */
export const importEventLine = z
  .strictObject({
    type: z.literal('event'),
    id: idSchema,
    kind: z.enum(EVENT_KINDS),
    title: localizedTextSchema(LIMITS.titleLength).refine(
      (title) => Object.values(title).some((text) => text.trim() !== ''),
      'an event needs a title in at least one language',
    ),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
    place: z.string().max(LIMITS.titleLength).optional(),
    status: z.enum(EVENT_STATUSES).optional(),
    visibility: z.enum(EVENT_VISIBILITIES).optional(),
    questionIds: z.array(questionIdSchema).max(1000).optional(),
  })
  .refine((e) => e.endsOn >= e.startsOn, { message: 'endsOn is before startsOn', path: ['endsOn'] });

/**
 * A participant and their roles in one event (issue 18): created or updated,
 * and made a member of the event (one line per event they are in).
 */
export const importParticipantLine = z.strictObject({
  type: z.literal('participant'),
  id: idSchema,
  name: z.string().trim().min(1).max(LIMITS.authorNameLength),
  language: langSchema,
  eventId: idSchema,
  roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
});

export const importSessionLine = z.strictObject({
  type: z.literal('session'),
  id: idSchema,
  /** The event whose agenda it is on; absent: the server's only event (the single-seminar format). */
  eventId: idSchema.optional(),
  day: z.number().int().min(1).max(31),
  date: z.iso.date(),
  order: z.number().int(),
  title: localizedTextSchema(LIMITS.titleLength),
  questionIds: z.array(questionIdSchema).max(200),
  /** A conference's programme: keynote or panel, its chair and speakers. */
  ...sessionProgrammeFields,
});

export const importContributionLine = z.strictObject({
  type: z.literal('contribution'),
  id: contributionIdSchema,
  questionId: questionIdSchema,
  author: z.strictObject({
    name: z.string().min(1).max(LIMITS.authorNameLength),
    kind: z.enum(AUTHOR_KINDS),
  }),
  language: langSchema,
  createdAt: z.iso.datetime({ offset: true }),
  status: z.enum(['published', 'withdrawn']),
  text: z.string().min(1).max(LIMITS.textLength),
  /**
   * The id of the contribution this one answers (a forum thread): of the same
   * question, in this file (before or after) or already on the server; a link
   * that would close a cycle is rejected.
   */
  replyTo: contributionIdSchema.optional(),
  /**
   * The original's version number where the export came from (`admin export` writes it), so that a
   * restored server numbers it alike and a translation's `sourceVersion` keeps its meaning.
   */
  version: z.number().int().min(1).optional(),
});

/**
 * Which original a translation was made from is optional: without it, an
 * unchanged translation keeps the source version it was stored with and a new
 * or changed one is taken as made from the current original (README, "Import
 * format"). `sourceHash` names the original's text by its hash (hashText of
 * shared/anchoring: FNV-1a 64-bit of the UTF-8 bytes, 16 hex digits);
 * `sourceVersion` names it by this server's version number. One or the other.
 */
export const importTranslationLine = z
  .strictObject({
    type: z.literal('translation'),
    contributionId: contributionIdSchema,
    language: langSchema,
    origin: z.enum(['machine', 'human']),
    engine: z.string().min(1).max(LIMITS.engineLength).optional(),
    text: z.string().min(1).max(LIMITS.textLength),
    sourceHash: z
      .string()
      .regex(/^[0-9a-f]{16}$/, 'sourceHash is 16 lower-case hex digits (FNV-1a 64-bit of the UTF-8 text)')
      .optional(),
    sourceVersion: z.number().int().min(1).optional(),
  })
  .refine((line) => line.sourceHash === undefined || line.sourceVersion === undefined, {
    message: 'give sourceHash or sourceVersion, not both',
  });

/** An entry of the seminar's codebook, imported as an active tag. */
export const importTagLine = z.strictObject({
  type: z.literal('tag'),
  id: tagIdSchema,
  order: z.number().int(),
  color: tagColorSchema,
  label: localizedTextSchema(LIMITS.tagLabelLength).refine(
    (label) => Object.values(label).some((text) => text.trim() !== ''),
    'a tag needs a label in at least one language',
  ),
});

export const importLineSchema = z.discriminatedUnion('type', [
  importThemeLine,
  importQuestionLine,
  importEventLine,
  importParticipantLine,
  importSessionLine,
  importContributionLine,
  importTranslationLine,
  importTagLine,
]);

export type ImportLine = z.infer<typeof importLineSchema>;
