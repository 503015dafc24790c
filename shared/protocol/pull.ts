import { z } from 'zod';
import {
  LIMITS,
  contributionIdSchema,
  contributionSchema,
  idSchema,
  participantSchema,
  questionIdSchema,
  questionSchema,
  seminarSessionSchema,
  tagSchema,
  themeSchema,
  annotationSchema,
  participantIdSchema,
  synthesisIdSchema,
  synthesisSchema,
  seminarEventSchema,
  eventIdSchema,
} from './schemas.js';
import { readStateRecordSchema } from './push.js';
import { materialSchema } from './materials.js';
import { materialNoteSchema } from './material-notes.js';
import { proceedingsSchema } from './proceedings.js';

/**
 * Version of the wire protocol. A client sends it in `X-Protocol`; a server that
 * speaks another answers 409 protocol-mismatch with its own, and the client
 * says whether it or the server is too old.
 * 2: contributions carry `replyTo` (threads); a client of 1 would refuse them.
 * 3: `proceedings` changes and proceedings mutations (issue 20); a client of 2 would refuse the change.
 */
export const PROTOCOL_VERSION = 3;
export const PROTOCOL_HEADER = 'x-protocol';

/**
 * One change in the server's log. `seq` is the server's sequence number: a
 * client that has applied every change up to `seq` has checkpoint `seq`.
 * Records are whole (never patches), so applying the same change twice is harmless.
 */
export const changeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ seq: z.number().int().min(1), kind: z.literal('theme'), record: themeSchema }),
  z.strictObject({ seq: z.number().int().min(1), kind: z.literal('question'), record: questionSchema }),
  z.strictObject({ seq: z.number().int().min(1), kind: z.literal('session'), record: seminarSessionSchema }),
  z.strictObject({ seq: z.number().int().min(1), kind: z.literal('contribution'), record: contributionSchema }),
  /** A codebook entry (active or proposed). */
  z.strictObject({ seq: z.number().int().min(1), kind: z.literal('tag'), record: tagSchema }),
  /**
   * An annotation the pulling participant may see: their own (private or not)
   * and everyone's seminar ones. A deleted one arrives with `deleted: true`; one
   * turned private by its author arrives to others as `annotation-hidden`.
   */
  z.strictObject({ seq: z.number().int().min(1), kind: z.literal('annotation'), record: annotationSchema }),
  z.strictObject({ seq: z.number().int().min(1), kind: z.literal('annotation-hidden'), id: idSchema }),
  /** The pulling participant's own read/star state of a contribution (from any of their devices). */
  z.strictObject({ seq: z.number().int().min(1), kind: z.literal('read-state'), record: readStateRecordSchema }),
  /** A withdrawn contribution: the client removes it from lists (its annotations stay). */
  z.strictObject({
    seq: z.number().int().min(1),
    kind: z.literal('withdrawal'),
    id: contributionIdSchema,
    version: z.number().int().min(1),
    /** Why the secretariat withdrew it, when it said so. */
    reason: z.string().max(LIMITS.withdrawalReasonLength).optional(),
  }),
  z.strictObject({ seq: z.number().int().min(1), kind: z.literal('synthesis'), record: synthesisSchema }),
  /**
   * CRDT updates of a synthesis's text, in the order stored. Applying one twice,
   * or out of order, is harmless (Yjs); a compaction replaces many by one.
   */
  z.strictObject({
    seq: z.number().int().min(1),
    kind: z.literal('synthesis-update'),
    synthesisId: synthesisIdSchema,
    update: z.string().max(LIMITS.synthesisUpdateLength * 50),
    authorId: participantIdSchema.nullable(),
    authorName: z.string().max(LIMITS.authorNameLength),
    at: z.iso.datetime({ offset: true }),
  }),
  /**
   * An event the pulling participant is a member of, with their roles in it
   * (protocol 2). Sent when the event changes and when their membership does.
   * Events they are not invited to never appear, not even as an id.
   */
  z.strictObject({ seq: z.number().int().min(1), kind: z.literal('event'), record: seminarEventSchema }),
  /**
   * The pulling participant was removed from this event: the client drops the
   * event, its agenda, its syntheses and others' notes in it (their own notes
   * stay theirs).
   */
  z.strictObject({ seq: z.number().int().min(1), kind: z.literal('event-left'), id: eventIdSchema }),
  /** A briefing material's metadata (its bytes are fetched apart, by hash); a removed one has `deleted: true`. */
  z.strictObject({ seq: z.number().int().min(1), kind: z.literal('material'), record: materialSchema }),
  /** A material this participant may not read (a closed event's): the client drops it and its file. */
  z.strictObject({ seq: z.number().int().min(1), kind: z.literal('material-hidden'), id: idSchema }),
  /** A note on a material (PDF passage, video time range), shown to whom an annotation would be. */
  z.strictObject({ seq: z.number().int().min(1), kind: z.literal('material-note'), record: materialNoteSchema }),
  z.strictObject({ seq: z.number().int().min(1), kind: z.literal('material-note-hidden'), id: idSchema }),
  /** An event's proceedings, whole (protocol 3): its members pull it at every change of any part. */
  z.strictObject({ seq: z.number().int().min(1), kind: z.literal('proceedings'), record: proceedingsSchema }),
  /** A record removed for good (a question or session taken off the agenda). */
  z.strictObject({
    seq: z.number().int().min(1),
    kind: z.literal('tombstone'),
    entity: z.enum(['theme', 'question', 'session']),
    id: z.union([idSchema, questionIdSchema]),
  }),
]);

export type Change = z.infer<typeof changeSchema>;

/**
 * GET /api/changes?since=N&limit=M answers one page. Changes are in ascending
 * `seq`; `checkpoint` is the seq of the last change in the page (or `since`
 * when the page is empty). `hasMore` says whether to ask again right away.
 * `epoch` identifies the database: a client whose stored epoch differs must
 * drop its checkpoint and pull from 0 (the server was rebuilt or replaced).
 */
export const pullPageSchema = z
  .strictObject({
    protocol: z.literal(PROTOCOL_VERSION),
    epoch: z.string().min(1).max(64),
    since: z.number().int().min(0),
    checkpoint: z.number().int().min(0),
    head: z.number().int().min(0),
    /** Changes after `checkpoint`, for progress bars. */
    remaining: z.number().int().min(0),
    hasMore: z.boolean(),
    changes: z.array(changeSchema),
  })
  .superRefine((page, ctx) => {
    let previous = page.since;
    for (const change of page.changes) {
      if (change.seq <= previous) {
        ctx.addIssue({
          code: 'custom',
          message: `change seq ${change.seq} is not after ${previous}`,
          path: ['changes'],
        });
        return;
      }
      previous = change.seq;
    }
    if (page.checkpoint !== previous) {
      ctx.addIssue({ code: 'custom', message: 'checkpoint is not the last change of the page', path: ['checkpoint'] });
    }
  });

export type PullPage = z.infer<typeof pullPageSchema>;

export const pullQuerySchema = z
  .strictObject({
    since: z
      .string()
      .regex(/^(0|[1-9][0-9]{0,15})$/, 'since is a whole number of at most 16 digits')
      .transform(Number),
    limit: z
      .string()
      .regex(/^[1-9][0-9]{0,4}$/, 'limit is a positive whole number')
      .transform(Number)
      .optional(),
    /**
     * A catch-up of one event (protocol 2): with `event` and `until`, the page
     * holds only that event's records with seqs in (since, until], for a device
     * that joined the event after its checkpoint had passed them. Its own
     * checkpoint, separate from the device's log; the member's alone.
     */
    event: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/, 'event is an event id')
      .optional(),
    until: z
      .string()
      .regex(/^(0|[1-9][0-9]{0,15})$/, 'until is a whole number of at most 16 digits')
      .transform(Number)
      .optional(),
  })
  .refine((q) => (q.event === undefined) === (q.until === undefined), 'event and until go together');

/** GET /api/health, the one route without a token. */
export const healthSchema = z.strictObject({
  ok: z.literal(true),
  protocol: z.number().int(),
  version: z.string(),
  /** Present when the server runs with --demo: the app may offer "use the demo server". */
  demo: z.boolean(),
  /** 'full': writes are refused (507 insufficient-storage) until space is freed; reads still work. Absent from older servers. */
  storage: z.enum(['ok', 'full']).optional(),
});
export type Health = z.infer<typeof healthSchema>;

/** GET /api/me */
export const meSchema = z.strictObject({ participant: participantSchema });
export type Me = z.infer<typeof meSchema>;

/**
 * POST /api/demo/session, only on a server started with --demo and only from
 * loopback: hands out a token for the demo participant so `npm start` works
 * with no setup. Absent (404) otherwise.
 */
export const demoSessionSchema = z.strictObject({ token: z.string().min(16), participant: participantSchema });
export type DemoSession = z.infer<typeof demoSessionSchema>;

/**
 * Server-sent events on GET /api/events (bearer token; the client reads the
 * stream with fetch because EventSource cannot send headers):
 *   event: changes   data: {"head": N}   (new changes exist up to N: pull)
 *   event: hello     data: {"head": N, "epoch": "..."}   (on connect)
 * plus a comment line every 15 s as heartbeat.
 */
export const liveEventSchema = z.strictObject({ head: z.number().int().min(0), epoch: z.string().optional() });
export type LiveEvent = z.infer<typeof liveEventSchema>;

/**
 * `event: activity` on the live channel (issue 18), just before a `changes`:
 * the listener's events that changed up to `head`, so the app can mark them
 * in its event switcher. Only events the listener is a member of.
 */
export const liveActivitySchema = z.strictObject({
  head: z.number().int().min(0),
  events: z.array(idSchema).max(10_000),
});
export type LiveActivity = z.infer<typeof liveActivitySchema>;
