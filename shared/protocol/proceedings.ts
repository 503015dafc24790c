import { z } from 'zod';
import { storableText } from '../text/storable-characters.js';
import { REVIEW_STATES, type Proceedings } from '../model/proceedings.js';
import { LIMITS, eventIdSchema, idSchema, langSchema, participantIdSchema, synthesisIdSchema } from './schemas.js';

/** Proceedings on the wire (issue 20): the mutations a device pushes and the record it pulls. */
export const PROCEEDINGS_LIMITS = {
  commentLength: 10_000,
  titleLength: 300,
  /** Hex characters of one encoded Yjs relative position. */
  anchorHexLength: 512,
  /** One corrected unit (a paragraph or a title) of a machine edition. */
  correctionLength: 20_000,
} as const;

const mutationId = z.uuid();
const reviewState = z.enum(REVIEW_STATES);
const isoDateTime = z.iso.datetime({ offset: true });
const anchorSchema = z.strictObject({
  start: z
    .string()
    .max(PROCEEDINGS_LIMITS.anchorHexLength)
    .regex(/^(?:[0-9a-f]{2})+$/, 'hex'),
  end: z
    .string()
    .max(PROCEEDINGS_LIMITS.anchorHexLength)
    .regex(/^(?:[0-9a-f]{2})+$/, 'hex'),
  quote: storableText(z.string()).max(LIMITS.quoteLength),
});
const frontText = storableText(z.string()).max(PROCEEDINGS_LIMITS.titleLength);

/** The title page (rapporteurs and the secretariat of the event). */
export const proceedingsPutMutation = z.strictObject({
  id: mutationId,
  kind: z.literal('proceedings-put'),
  eventId: idSchema,
  title: frontText,
  subtitle: frontText,
  publisher: frontText,
  /** The language the proceedings are published in first (the editions' source). */
  language: langSchema,
});

/**
 * A move of a review state (review-rules.ts says who may make which). `from`
 * is the state the device saw: a move from another state than the server's
 * is answered `conflict` with the server's record, never applied over it.
 * `target` is 'whole' or a synthesis of the event. Publishing the whole
 * freezes an edition.
 */
export const reviewMoveMutation = z.strictObject({
  id: mutationId,
  kind: z.literal('review-move'),
  eventId: idSchema,
  target: idSchema,
  from: reviewState,
  to: reviewState,
});

/** A review comment on a synthesis of the event (its id made on the device): anchored, or a reply. */
export const reviewCommentAddMutation = z.strictObject({
  id: mutationId,
  kind: z.literal('review-comment-add'),
  eventId: idSchema,
  comment: z.strictObject({
    id: idSchema,
    synthesisId: idSchema,
    anchor: anchorSchema.nullable(),
    body: storableText(z.string()).trim().min(1).max(PROCEEDINGS_LIMITS.commentLength),
    replyTo: idSchema.nullable(),
  }),
});

/** Resolving (or reopening) a comment: the last one the server receives stands. */
export const reviewCommentResolveMutation = z.strictObject({
  id: mutationId,
  kind: z.literal('review-comment-resolve'),
  commentId: idSchema,
  resolved: z.boolean(),
});

/** A participant's own consent to be named in an event's proceedings (nobody else sets it). */
export const consentPutMutation = z.strictObject({
  id: mutationId,
  kind: z.literal('consent-put'),
  eventId: idSchema,
  consented: z.boolean(),
});

/**
 * A person's correction of one unit (a paragraph or a title) of a machine
 * edition in `lang`, the same as PUT …/editions/:n/translations/:lang/:hash
 * but queued offline like every change. It is kept per event, unit and
 * language (a later edition whose paragraph is unchanged keeps it, and a
 * re-translation never erases it); the latest one stands.
 */
export const editionCorrectMutation = z.strictObject({
  id: mutationId,
  kind: z.literal('edition-correct'),
  eventId: idSchema,
  number: z.number().int().min(1).max(999_999),
  lang: langSchema,
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'a unit hash'),
  text: storableText(z.string()).min(1).max(PROCEEDINGS_LIMITS.correctionLength),
});

export const PROCEEDINGS_MUTATIONS = [
  proceedingsPutMutation,
  reviewMoveMutation,
  reviewCommentAddMutation,
  reviewCommentResolveMutation,
  consentPutMutation,
  editionCorrectMutation,
] as const;

export const proceedingsSchema = z.strictObject({
  eventId: eventIdSchema,
  title: z.string(),
  subtitle: z.string(),
  publisher: z.string(),
  language: langSchema,
  state: reviewState,
  sections: z.record(z.string(), reviewState),
  comments: z.array(
    z.strictObject({
      id: idSchema,
      synthesisId: synthesisIdSchema,
      anchor: anchorSchema.nullable(),
      body: z.string(),
      authorId: participantIdSchema,
      authorName: z.string(),
      replyTo: idSchema.nullable(),
      resolved: z.boolean(),
      resolvedByName: z.string().nullable(),
      createdAt: isoDateTime,
    }),
  ),
  trail: z.array(
    z.strictObject({
      target: z.string(),
      from: reviewState,
      to: reviewState,
      byName: z.string(),
      at: isoDateTime,
      edition: z.number().int().min(1).nullable(),
    }),
  ),
  editions: z.array(
    z.strictObject({
      number: z.number().int().min(1),
      language: langSchema,
      languages: z.array(langSchema),
      contentHash: z.string().regex(/^[0-9a-f]{64}$/),
      publishedAt: isoDateTime,
      publishedByName: z.string(),
    }),
  ),
  named: z.array(z.string()),
  myConsent: z.boolean(),
  version: z.number().int().min(1),
}) as unknown as z.ZodType<Proceedings>;

/**
 * A person's correction of one unit of a machine edition
 * (PUT …/editions/:n/translations/:lang/:hash): the unit's text in the same
 * form as the machine's, the marked words (quotes) kept in their tags
 * `<x0>…</x0>`; `&lt;`, `&gt;`, `&amp;` stand for those characters.
 */
export const editionCorrectionSchema = z.strictObject({
  text: storableText(z.string()).min(1).max(PROCEEDINGS_LIMITS.correctionLength),
});

/** One unit of an edition in a target language, as the correction screen lists it. */
export const editionUnitSchema = z.strictObject({
  hash: z.string(),
  source: z.string(),
  machine: z.string().nullable(),
  correction: z
    .strictObject({ text: z.string(), authorId: z.string(), authorName: z.string(), correctedAt: isoDateTime })
    .nullable(),
});
export type EditionUnitView = z.infer<typeof editionUnitSchema>;

/**
 * A section of an edition as the correction screen groups its units: the
 * titles (event, title page, sessions, questions), the foreword, each
 * synthesis, the closing remarks, the index of tags; `hashes` in reading order.
 */
export const editionSectionSchema = z.strictObject({
  kind: z.enum(['titles', 'foreword', 'synthesis', 'closing', 'index']),
  title: z.string(),
  hashes: z.array(z.string()),
});
export type EditionSection = z.infer<typeof editionSectionSchema>;

/**
 * GET …/editions/:n/translations/:lang: the units with the machine's text and
 * a person's correction, grouped in sections. In the edition's own language
 * every unit is the original (no machine text, nothing to correct).
 */
export const editionTranslationSchema = z.strictObject({
  source: langSchema,
  units: z.array(editionUnitSchema),
  sections: z.array(editionSectionSchema),
});
export type EditionTranslation = z.infer<typeof editionTranslationSchema>;

/** A correction acknowledged: the unit as the server now holds it (push result of `edition-correct`). */
export const editionUnitRecordSchema = z.strictObject({
  kind: z.literal('edition-unit'),
  eventId: z.string(),
  lang: langSchema,
  unit: editionUnitSchema,
});

/** The formats an edition exports to (GET …/editions/:n/export/:format). */
export const EDITION_FORMATS = ['site', 'epub', 'pdf', 'docx'] as const;
export type EditionFormat = (typeof EDITION_FORMATS)[number];
