import { z } from 'zod';
import { storableText } from '../text/storable-characters.js';
import { LANGUAGES, type Lang, type LocalizedText } from '../languages.js';
import {
  AUTHOR_KINDS,
  CONTRIBUTION_STATUSES,
  ROLES,
  SESSION_FORMATS,
  SPEAKER_ROLES,
  TEXT_ORIGINS,
  TRACKS,
  type Contribution,
  type ContributionId,
  type Participant,
  type ParticipantId,
  type Question,
  type QuestionId,
  type SeminarSession,
  type Speaker,
  type Theme,
} from '../model/entities.js';
import { EVENT_KINDS, EVENT_STATUSES, EVENT_VISIBILITIES, type EventId, type SeminarEvent } from '../model/events.js';
import {
  TAG_STATUSES,
  VISIBILITIES,
  type Annotation,
  type AnnotationId,
  type Tag,
  type TagId,
} from '../model/annotations.js';
import { SYNTHESIS_PARTS, type Synthesis, type SynthesisId } from '../model/synthesis.js';

/**
 * Limits both sides enforce. A contribution's original is at most 100,000
 * characters (about 15,000 words); ids are short, printable and stable.
 */
export const LIMITS = {
  idLength: 128,
  titleLength: 2_000,
  contextLength: 20_000,
  textLength: 100_000,
  authorNameLength: 200,
  speakersPerSession: 40,
  engineLength: 64,
  pullPageMax: 1_000,
  pullPageDefault: 200,
  noteLength: 20_000,
  quoteLength: 5_000,
  /** Characters of context kept on each side of a quote. */
  quoteContext: 32,
  tagsPerAnnotation: 20,
  tagLabelLength: 80,
  /** A pull page stops growing once its records pass this many characters of text. */
  pullPageChars: 4_000_000,
  /** A contribution written in the app (imports may carry longer ones, up to textLength). */
  contributionLength: 20_000,
  contributionMinLength: 20,
  withdrawalReasonLength: 1_000,
  synthesisTitleLength: 300,
  /** Base64 characters of one pushed CRDT update (a long paste offline fits; the whole push body is capped too). */
  synthesisUpdateLength: 2_000_000,
} as const;

export const langSchema = z.enum(LANGUAGES, {
  error: (issue) => `unknown language ${JSON.stringify(issue.input)}: expected one of ${LANGUAGES.join(', ')}`,
});

const idSchema = z
  .string()
  .min(1)
  .max(LIMITS.idLength)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'ids use letters, digits and . _ : -');

export const questionIdSchema = idSchema as unknown as z.ZodType<QuestionId>;
export const contributionIdSchema = idSchema as unknown as z.ZodType<ContributionId>;
export const participantIdSchema = idSchema as unknown as z.ZodType<ParticipantId>;
export { idSchema };

/** Text in some of the ten languages; an unknown language key is an error, not ignored. */
export function localizedTextSchema(maxLength: number): z.ZodType<LocalizedText> {
  return z.record(z.string(), storableText(z.string()).max(maxLength)).superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (!(LANGUAGES as readonly string[]).includes(key)) {
        ctx.addIssue({
          code: 'custom',
          message: `unknown language ${JSON.stringify(key)}: expected one of ${LANGUAGES.join(', ')}`,
          path: [key],
        });
      }
    }
  }) as unknown as z.ZodType<LocalizedText>;
}

const versionSchema = z.number().int().min(1);
const isoDateTime = z.iso.datetime({ offset: true });

export const themeSchema = z.strictObject({
  id: idSchema,
  track: z.enum(TRACKS),
  code: storableText(z.string()).min(1).max(32),
  order: z.number().int(),
  title: localizedTextSchema(LIMITS.titleLength),
  version: versionSchema,
}) satisfies z.ZodType<Theme>;

export const mediaSchema = z.strictObject({
  kind: z.enum(['video', 'document']),
  url: storableText(z.string()).max(2_000),
  title: localizedTextSchema(LIMITS.titleLength).optional(),
});

export const questionSchema = z.strictObject({
  id: questionIdSchema,
  track: z.enum(TRACKS),
  theme: storableText(z.string()).min(1).max(32),
  code: storableText(z.string()).min(1).max(32),
  order: z.number().int(),
  title: localizedTextSchema(LIMITS.titleLength),
  context: localizedTextSchema(LIMITS.contextLength),
  media: z.array(mediaSchema).max(20),
  version: versionSchema,
}) satisfies z.ZodType<Question>;

export const speakerSchema = z.strictObject({
  name: z.string().trim().min(1).max(LIMITS.authorNameLength),
  role: z.enum(SPEAKER_ROLES),
  affiliation: z.string().trim().min(1).max(LIMITS.authorNameLength).optional(),
  kind: z.enum(AUTHOR_KINDS).optional(),
}) satisfies z.ZodType<Speaker>;

/** A session's place in a conference's programme (issue 18); both absent for a working session. */
export const sessionProgrammeFields = {
  format: z.enum(SESSION_FORMATS).optional(),
  speakers: z.array(speakerSchema).max(LIMITS.speakersPerSession).optional(),
};

export const seminarSessionSchema = z.strictObject({
  id: idSchema,
  day: z.number().int().min(1).max(31),
  date: z.iso.date(),
  order: z.number().int(),
  title: localizedTextSchema(LIMITS.titleLength),
  questionIds: z.array(questionIdSchema).max(200),
  eventId: idSchema.optional(),
  ...sessionProgrammeFields,
  version: versionSchema,
}) satisfies z.ZodType<SeminarSession>;

export const textVersionSchema = z.strictObject({
  language: langSchema,
  text: storableText(z.string()).max(LIMITS.textLength),
  origin: z.enum(TEXT_ORIGINS),
  engine: storableText(z.string()).max(LIMITS.engineLength).nullable(),
  sourceVersion: versionSchema,
});

export const contributionSchema = z
  .strictObject({
    id: contributionIdSchema,
    questionId: questionIdSchema,
    author: z.strictObject({
      name: storableText(z.string()).min(1).max(LIMITS.authorNameLength),
      kind: z.enum(AUTHOR_KINDS),
    }),
    /** The participant who wrote it in the app; absent for contributions imported from the platform. */
    authorId: participantIdSchema.nullable().optional(),
    /** The contribution it answers, of the same question (threads); absent when it answers the question. */
    replyTo: contributionIdSchema.nullable().optional(),
    language: langSchema,
    status: z.enum(CONTRIBUTION_STATUSES),
    version: versionSchema,
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
    versions: z.array(textVersionSchema).min(1).max(LANGUAGES.length),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<Lang>();
    for (const v of c.versions) {
      if (seen.has(v.language)) {
        ctx.addIssue({ code: 'custom', message: `two versions in ${v.language}`, path: ['versions'] });
      }
      seen.add(v.language);
    }
    if (c.replyTo === c.id)
      ctx.addIssue({ code: 'custom', message: 'a contribution cannot answer itself', path: ['replyTo'] });
    const original = c.versions.find((v) => v.language === c.language);
    if (!original || original.origin !== 'original') {
      ctx.addIssue({ code: 'custom', message: 'the original language version is missing', path: ['versions'] });
    }
  }) satisfies z.ZodType<Contribution>;

export const participantSchema = z.strictObject({
  id: participantIdSchema,
  name: storableText(z.string()).min(1).max(LIMITS.authorNameLength),
  roles: z.array(z.enum(ROLES)).min(1),
  language: langSchema,
}) satisfies z.ZodType<Participant>;

export const annotationIdSchema = idSchema as unknown as z.ZodType<AnnotationId>;
export const tagIdSchema = idSchema as unknown as z.ZodType<TagId>;

export const textQuoteSelectorSchema = z.strictObject({
  exact: storableText(z.string()).min(1).max(LIMITS.quoteLength),
  prefix: storableText(z.string()).max(LIMITS.quoteContext * 4),
  suffix: storableText(z.string()).max(LIMITS.quoteContext * 4),
});

export const textPositionSelectorSchema = z
  .strictObject({ start: z.number().int().min(0), end: z.number().int().min(1) })
  .refine((p) => p.end > p.start, 'end must be after start');

export const annotationTargetSchema = z.strictObject({
  contributionId: contributionIdSchema,
  language: langSchema,
  sourceVersion: versionSchema,
  textHash: storableText(z.string()).min(1).max(64),
  quote: textQuoteSelectorSchema,
  position: textPositionSelectorSchema,
});

export const annotationSchema = z.strictObject({
  id: annotationIdSchema,
  authorId: participantIdSchema,
  authorName: storableText(z.string()).min(1).max(LIMITS.authorNameLength),
  target: annotationTargetSchema,
  note: storableText(z.string()).max(LIMITS.noteLength),
  tags: z.array(tagIdSchema).max(LIMITS.tagsPerAnnotation),
  visibility: z.enum(VISIBILITIES),
  eventId: idSchema.nullable().optional(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  version: versionSchema,
  deleted: z.boolean(),
}) satisfies z.ZodType<Annotation>;

export const tagColorSchema = storableText(z.string()).regex(/^#[0-9a-f]{6}$/, 'a colour is #rrggbb in lower case');

export const tagSchema = z.strictObject({
  id: tagIdSchema,
  label: localizedTextSchema(LIMITS.tagLabelLength),
  color: tagColorSchema,
  status: z.enum(TAG_STATUSES),
  proposedBy: participantIdSchema.nullable(),
  order: z.number().int(),
  version: versionSchema,
}) satisfies z.ZodType<Tag>;

export const synthesisIdSchema = idSchema as unknown as z.ZodType<SynthesisId>;

export const synthesisSchema = z.strictObject({
  id: synthesisIdSchema,
  questionId: questionIdSchema.nullable(),
  part: z.enum(SYNTHESIS_PARTS).optional(),
  title: storableText(z.string()).min(1).max(LIMITS.synthesisTitleLength),
  language: langSchema,
  createdBy: participantIdSchema,
  createdByName: storableText(z.string()).max(LIMITS.authorNameLength),
  createdAt: isoDateTime,
  eventId: idSchema.optional(),
  version: versionSchema,
}) satisfies z.ZodType<Synthesis>;

export const eventIdSchema = idSchema as unknown as z.ZodType<EventId>;

export const seminarEventSchema = z.strictObject({
  id: eventIdSchema,
  kind: z.enum(EVENT_KINDS),
  title: localizedTextSchema(LIMITS.titleLength),
  startsOn: z.iso.date(),
  endsOn: z.iso.date(),
  place: storableText(z.string()).max(LIMITS.titleLength),
  status: z.enum(EVENT_STATUSES),
  visibility: z.enum(EVENT_VISIBILITIES),
  questionIds: z.array(questionIdSchema).max(1000),
  roles: z.array(z.enum(ROLES)).max(ROLES.length),
  version: versionSchema,
}) satisfies z.ZodType<SeminarEvent>;
