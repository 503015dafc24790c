import { z } from 'zod';
import { LANGUAGES, type Lang } from '../../languages.js';
import type { SynthesisDoc } from '../../synthesis/document.js';
import { citationAttrsSchema } from '../../synthesis/export/citations.js';

/**
 * One edition of an event's proceedings in one language: what the four
 * writers (EPUB, static site, PDF, DOCX) are made from. It is plain data so
 * that whoever assembles it can feed it: today tests and the bench, built
 * from syntheses; later the server, from an event's agenda, its review
 * states and the translation queue (issue 20). Nothing here is read from a
 * database or the clock: equal input gives equal files.
 *
 * An edition is one language. A translated edition keeps the structure of the
 * approved text (same days, sessions, questions and synthesis ids, same
 * citation ids) and says per section where its words come from (`origin`).
 * The static site takes several editions of one publication and links their
 * pages to each other.
 */
export interface ProceedingsInput {
  /** The edition's language: labels, notes, direction, fonts. */
  language: Lang;
  edition: EditionMeta;
  event: EventMeta;
  titlePage: TitlePage;
  foreword: ProceedingsText | null;
  closing: ProceedingsText | null;
  /** The agenda, in order: days → sessions → questions → their syntheses. */
  days: ProceedingsDay[];
  /** Only the participants who agreed to be named for this event (consent per participant and event, default off). */
  participants: NamedParticipant[];
  /** The codebook tags of the annotations the quotes were taken from, with the contributions they tag. */
  tags: TagUse[];
  /** Cited contributions withdrawn since: still cited, said to be withdrawn (as in the synthesis exports). */
  withdrawn?: string[];
}

export const EDITION_STATES = ['draft', 'in-review', 'approved', 'published'] as const;
export type EditionState = (typeof EDITION_STATES)[number];

export interface EditionMeta {
  /** 1, 2… : a published edition is frozen, later edits make the next one. */
  number: number;
  state: EditionState;
  /** The hash of the approved content (null until one is recorded); printed in the colophon. */
  contentHash: string | null;
  /** ISO date of this export or publication ("2017-04-10"): dates the files, never the clock. */
  date: string;
  /** A stable identifier of the publication across its editions and languages (e.g. the event's id). */
  publicationId: string;
}

/** The event as plain fields: the events model (issue 18) is not read here. */
export interface EventMeta {
  title: string;
  /** ISO dates. */
  startDate: string;
  endDate: string;
  place: string;
}

export interface TitlePage {
  title: string;
  subtitle?: string;
  /** Who publishes (the secretariat's name). */
  publisher?: string;
}

/**
 * Where a section's words come from in this edition: the text as written,
 * a machine translation, or a machine translation a person corrected (kept
 * as its own layer, so a re-translation never erases the correction).
 */
export type SectionOrigin =
  | { kind: 'original' }
  | { kind: 'machine'; from: Lang; engine: string | null }
  | { kind: 'human-corrected'; from: Lang; engine: string | null };

/** A text written in the app (foreword, closing remarks): same editor and document model as a synthesis. */
export interface ProceedingsText {
  title: string;
  authors: string[];
  doc: SynthesisDoc;
  origin: SectionOrigin;
}

export interface ProceedingsDay {
  /** 1, 2… */
  day: number;
  /** ISO date. */
  date: string;
  sessions: ProceedingsSession[];
}

export interface ProceedingsSession {
  id: string;
  title: string;
  questions: ProceedingsQuestion[];
}

export interface ProceedingsQuestion {
  /** The question's id: the same in every edition (the static site's page names come from it). */
  id: string;
  code: string;
  title: string;
  syntheses: ProceedingsSynthesis[];
}

export interface ProceedingsSynthesis extends ProceedingsText {
  id: string;
}

export interface NamedParticipant {
  name: string;
  affiliation?: string;
  /** Written by whoever assembles the list from the consent flags: only consenting participants are named. */
  consented: true;
}

export interface TagUse {
  id: string;
  /** The tag's label in the edition's language. */
  label: string;
  contributionIds: string[];
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'an ISO date (YYYY-MM-DD)');
const lang = z.enum(LANGUAGES);
const nonEmpty = z.string().trim().min(1);

const docSchema: z.ZodType<SynthesisDoc> = z.object({
  type: z.literal('doc'),
  content: z.array(z.lazy(() => nodeSchema)),
}) as unknown as z.ZodType<SynthesisDoc>;

/** Marks as TipTap writes them; a citation mark must carry its whole provenance (its missing field is named). */
const markSchema = z.looseObject({ type: z.string(), attrs: z.unknown().optional() }).superRefine((mark, ctx) => {
  if (mark.type !== 'citation') return;
  const attrs = citationAttrsSchema.safeParse(mark.attrs);
  if (!attrs.success)
    for (const issue of attrs.error.issues)
      ctx.addIssue({ code: 'custom', path: ['attrs', ...issue.path], message: issue.message });
});
const nodeSchema: z.ZodType<unknown> = z.looseObject({
  type: z.string(),
  attrs: z.record(z.string(), z.unknown()).optional(),
  content: z.array(z.lazy(() => nodeSchema)).optional(),
  text: z.string().optional(),
  marks: z.array(markSchema).optional(),
});

const originSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('original') }),
  z.object({ kind: z.literal('machine'), from: lang, engine: z.string().nullable() }),
  z.object({ kind: z.literal('human-corrected'), from: lang, engine: z.string().nullable() }),
]);

const textSchema = z.object({
  title: nonEmpty,
  authors: z.array(nonEmpty),
  doc: docSchema,
  origin: originSchema,
});

/** The input checked before writing: a bad field is named with its path instead of giving a broken file. */
export const proceedingsInputSchema = z
  .object({
    language: lang,
    edition: z.object({
      number: z.number().int().min(1),
      state: z.enum(EDITION_STATES),
      contentHash: z.string().min(1).nullable(),
      date: isoDate,
      publicationId: nonEmpty,
    }),
    event: z.object({ title: nonEmpty, startDate: isoDate, endDate: isoDate, place: nonEmpty }),
    titlePage: z.object({ title: nonEmpty, subtitle: z.string().optional(), publisher: z.string().optional() }),
    foreword: textSchema.nullable(),
    closing: textSchema.nullable(),
    days: z.array(
      z.object({
        day: z.number().int().min(1),
        date: isoDate,
        sessions: z.array(
          z.object({
            id: nonEmpty,
            title: nonEmpty,
            questions: z.array(
              z.object({
                id: nonEmpty,
                code: nonEmpty,
                title: nonEmpty,
                syntheses: z.array(textSchema.extend({ id: nonEmpty })),
              }),
            ),
          }),
        ),
      }),
    ),
    participants: z.array(z.object({ name: nonEmpty, affiliation: z.string().optional(), consented: z.literal(true) })),
    tags: z.array(z.object({ id: nonEmpty, label: nonEmpty, contributionIds: z.array(nonEmpty) })),
    withdrawn: z.array(z.string()).optional(),
  })
  .superRefine((input, ctx) => {
    if (input.event.endDate < input.event.startDate)
      ctx.addIssue({ code: 'custom', path: ['event', 'endDate'], message: 'ends before it starts' });
    if (input.edition.state === 'published' && input.edition.contentHash === null)
      ctx.addIssue({
        code: 'custom',
        path: ['edition', 'contentHash'],
        message: 'a published edition records its hash',
      });
    const questionIds = new Set<string>();
    input.days.forEach((day, d) =>
      day.sessions.forEach((session, s) =>
        session.questions.forEach((question, q) => {
          if (questionIds.has(question.id))
            ctx.addIssue({
              code: 'custom',
              path: ['days', d, 'sessions', s, 'questions', q, 'id'],
              message: `question ${question.id} appears twice`,
            });
          questionIds.add(question.id);
        }),
      ),
    );
  });

/** Checks an input; throws a readable error naming the first bad fields. */
export function parseProceedingsInput(value: unknown): ProceedingsInput {
  const result = proceedingsInputSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`);
    throw new Error(`proceedings input is not valid: ${problems.join('; ')}`);
  }
  return result.data as ProceedingsInput;
}
