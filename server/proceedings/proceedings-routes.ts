import { createHash } from 'node:crypto';
import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import { zipSync, type Zippable } from 'fflate';
import type { ProceedingsInput } from '../../shared/export/proceedings/input.js';
import { isLang, type Lang } from '../../shared/languages.js';
import type { FontSource } from '../../shared/export/proceedings/fonts.js';
import {
  EDITION_FORMATS,
  editionCorrectionSchema,
  type EditionFormat,
  type EditionTranslation,
} from '../../shared/protocol/proceedings.js';
import { SYNTHESIS_WRITERS } from '../../shared/model/synthesis.js';
import { ApiFailure } from '../api-failure.js';
import type { Database } from '../db/database.js';
import { memberRoles } from '../events/event-store.js';
import { nodeFontSource } from './node-font-source.js';
import { writeTransaction } from '../db/database.js';
import { correctEditionUnitTx } from './edition-corrections.js';
import { editionIn, editionLanguages, editionTranslation } from './edition-translations.js';

/**
 * A published edition's frozen content and its exports. Dedicated routes,
 * not the pull: an edition is large, immutable and asked for when someone
 * exports it, as a material's bytes are. Its exports are made from the text
 * frozen at publication, by writers that read no clock, so every export of
 * one edition in one format is the same bytes (its SHA-256 is sent in
 * X-Content-SHA256 for whoever files it). Only the event's rapporteurs and
 * secretariat get them; another member is refused, and to anyone outside
 * the event it does not exist.
 */
export function registerProceedingsRoutes(
  app: FastifyInstance,
  { db, requireParticipant }: { db: Database; requireParticipant: onRequestHookHandler },
) {
  let fonts: FontSource | undefined;

  const edition = async (params: unknown, participantId: string) => {
    const { eventId, number } = params as { eventId: string; number: string };
    if (!/^[1-9]\d{0,5}$/.test(number)) throw new ApiFailure(400, 'validation-failed', 'an edition number is 1, 2…');
    const roles = await memberRoles(db, participantId, eventId);
    if (!roles) throw new ApiFailure(404, 'not-found', 'no such event');
    if (!roles.some((r) => (SYNTHESIS_WRITERS as readonly string[]).includes(r)))
      throw new ApiFailure(403, 'forbidden', "only the event's rapporteurs and secretariat export its proceedings");
    const [row] = await db.query<{ language: Lang; content_hash: string }>(
      'SELECT language, content_hash FROM proceedings_editions WHERE event_id = $1 AND number = $2',
      [eventId, Number(number)],
    );
    if (!row) throw new ApiFailure(404, 'not-found', 'no such edition');
    return { eventId, number: Number(number), contentHash: row.content_hash, source: row.language };
  };

  /** The edition in the asked language (`?lang=`, default its own); 404 while its machine edition is incomplete. */
  const inLanguage = async (found: { eventId: string; number: number; source: Lang }, query: unknown) => {
    const { lang } = (query ?? {}) as { lang?: string };
    if (lang !== undefined && !isLang(lang)) throw new ApiFailure(400, 'unknown-language', 'unknown language');
    const input = await editionIn(db, found.eventId, found.number, lang ?? found.source);
    if (!input) throw new ApiFailure(404, 'not-found', 'this edition is not translated into that language yet');
    return input;
  };

  /** The target language of a correction: another language than the edition's own. */
  const targetOf = (found: { source: Lang }, params: unknown): Lang => {
    const { lang } = params as { lang: string };
    if (!isLang(lang)) throw new ApiFailure(400, 'unknown-language', 'unknown language');
    if (lang === found.source)
      throw new ApiFailure(400, 'validation-failed', "the edition's own language is its original, not a translation");
    return lang;
  };

  // The human correction layer over a machine edition: the units with the machine's text and a correction,
  // in sections (in the edition's own language, the original's units).
  app.get(
    '/api/events/:eventId/proceedings/editions/:number/translations/:lang',
    { onRequest: requireParticipant },
    async (request): Promise<EditionTranslation> => {
      const found = await edition(request.params, request.participant!.id);
      const { lang } = request.params as { lang: string };
      if (!isLang(lang)) throw new ApiFailure(400, 'unknown-language', 'unknown language');
      return (await editionTranslation(db, found.eventId, found.number, lang))!;
    },
  );

  // The same correction as the push's `edition-correct` (edition-corrections.ts), for a client online.
  app.put(
    '/api/events/:eventId/proceedings/editions/:number/translations/:lang/:hash',
    { onRequest: requireParticipant },
    async (request) => {
      const found = await edition(request.params, request.participant!.id);
      const lang = targetOf(found, request.params);
      const parsed = editionCorrectionSchema.safeParse(request.body);
      if (!parsed.success)
        throw new ApiFailure(400, 'validation-failed', 'a correction is { text } (1 to 20,000 characters)', {
          issues: parsed.error.issues,
        });
      const { hash } = request.params as { hash: string };
      const { result } = await writeTransaction(db, (tx) =>
        correctEditionUnitTx(tx, request.participant!, { ...found, lang, hash, text: parsed.data.text }),
      );
      // A correction is never a conflict: the latest one stands.
      if (result.status === 'rejected')
        throw new ApiFailure(
          { forbidden: 403, 'not-found': 404, 'validation-failed': 400 }[result.reason],
          result.reason,
          result.message,
        );
      return { unit: result.status === 'applied' ? result.record.unit : result.current.unit };
    },
  );

  app.get('/api/events/:eventId/proceedings/editions/:number', { onRequest: requireParticipant }, async (request) => {
    const found = await edition(request.params, request.participant!.id);
    const input = await inLanguage(found, request.query);
    return { number: found.number, contentHash: found.contentHash, input };
  });

  app.get(
    '/api/events/:eventId/proceedings/editions/:number/export/:format',
    { onRequest: requireParticipant },
    async (request, reply) => {
      const { format } = request.params as { format: string };
      if (!(EDITION_FORMATS as readonly string[]).includes(format))
        throw new ApiFailure(400, 'validation-failed', `format is one of ${EDITION_FORMATS.join(', ')}`);
      const found = await edition(request.params, request.participant!.id);
      // The site holds every language the edition exists in; the other formats are one language each.
      const editions =
        format === 'site'
          ? await Promise.all(
              (await editionLanguages(db, found.eventId, found.number, found.source)).map(
                async (lang) => (await editionIn(db, found.eventId, found.number, lang))!,
              ),
            )
          : [await inLanguage(found, request.query)];
      fonts ??= nodeFontSource();
      const file = await exportEdition(editions, format as EditionFormat, fonts);
      const suffix = format === 'site' ? '' : `-${editions[0]!.language}`;
      const name = `proceedings-${found.eventId}-${found.number}${suffix}.${file.extension}`;
      return reply
        .header('content-type', file.mime)
        .header('content-disposition', `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
        .header('x-content-sha256', createHash('sha256').update(file.bytes).digest('hex'))
        .send(Buffer.from(file.bytes));
    },
  );
}

/**
 * One edition (its languages) in one format. The site is a zip of its
 * folder, every entry dated by the edition, so it too is the same bytes.
 */
export async function exportEdition(
  editions: readonly ProceedingsInput[],
  format: EditionFormat,
  fonts: FontSource,
): Promise<{ bytes: Uint8Array; mime: string; extension: string }> {
  const first = editions[0]!;
  switch (format) {
    case 'epub': {
      const { proceedingsToEpub } = await import('../../shared/export/proceedings/epub.js');
      return { bytes: await proceedingsToEpub(first, fonts), mime: 'application/epub+zip', extension: 'epub' };
    }
    case 'pdf': {
      const { proceedingsToPdf } = await import('../../shared/export/proceedings/pdf.js');
      return { bytes: await proceedingsToPdf(first, fonts), mime: 'application/pdf', extension: 'pdf' };
    }
    case 'docx': {
      const { proceedingsToDocx } = await import('../../shared/export/proceedings/docx.js');
      return {
        bytes: await proceedingsToDocx(first),
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        extension: 'docx',
      };
    }
    case 'site': {
      const { proceedingsToSite } = await import('../../shared/export/proceedings/site.js');
      const files = await proceedingsToSite(editions, fonts);
      const mtime = new Date(`${first.edition.date}T00:00:00Z`);
      const zip: Zippable = {};
      for (const [path, bytes] of [...files].sort(([a], [b]) => (a < b ? -1 : 1))) zip[`proceedings/${path}`] = bytes;
      return { bytes: zipSync(zip, { level: 6, mtime }), mime: 'application/zip', extension: 'zip' };
    }
  }
}
