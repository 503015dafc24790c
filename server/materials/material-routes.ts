import type { FastifyInstance, onRequestHookHandler } from 'fastify';
import type { Readable } from 'node:stream';
import { sha256Schema, type MaterialCreate } from '../../shared/protocol/materials.js';
import { ApiFailure } from '../api-failure.js';
import type { Database } from '../db/database.js';
import { commitWrite, type WriteResult } from '../write-result.js';
import type { BlobStore } from './blob-store.js';
import { answerRange } from './byte-ranges.js';
import { mayReadMaterial } from './material-access.js';
import { putMaterialTx, putSubtitlesTx, readMaterial, removeMaterialTx } from './material-store.js';
import { SUBTITLE_ORIGINS } from '../../shared/model/material.js';
import { isLang } from '../../shared/languages.js';
import { parseWebVtt, WebVttError, WEBVTT_LIMITS } from '../../shared/materials/webvtt.js';
import { subtitleTrackSchema } from '../../shared/protocol/materials.js';

const STATUS_OF = { forbidden: 403, 'not-found': 404, 'validation-failed': 400 } as const;

/** A write's result as the HTTP answer: the record, or the rejection with its status. */
function answer<T>(result: WriteResult<T>): T {
  if (result.status === 'applied') return result.record;
  if (result.status === 'rejected') throw new ApiFailure(STATUS_OF[result.reason], result.reason, result.message);
  throw new ApiFailure(409, 'validation-failed', 'the material changed meanwhile');
}

/**
 * Materials over HTTP. The secretariat stores a file's bytes under their
 * hash (PUT /api/material-blobs/:sha256, checked as they arrive), then
 * describes it (POST /api/materials); participants learn of materials by
 * pull and fetch the bytes with GET /api/materials/:id/content, in ranges,
 * resuming, with the hash as ETag.
 */
export function registerMaterialRoutes(
  app: FastifyInstance,
  options: {
    db: Database;
    blobs: BlobStore;
    requireParticipant: onRequestHookHandler;
    /** Largest file accepted (bytes). */
    maxBytes: number;
  },
) {
  const { db, blobs, requireParticipant, maxBytes } = options;
  const secretariatOnly: onRequestHookHandler = async (request) => {
    if (!request.participant?.roles.includes('secretariat'))
      throw new ApiFailure(403, 'forbidden', 'only the secretariat may do this');
  };

  // The upload route reads its body itself, as a stream: its own scope with a parser that leaves it alone.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/octet-stream', (_request, payload, done) => done(null, payload));
    scope.put(
      '/api/material-blobs/:sha256',
      // A body that arrives compressed is refused rather than inflated past the size cap.
      { onRequest: [requireParticipant, secretariatOnly], compress: false, decompress: false },
      async (request, reply) => {
        const { sha256 } = request.params as { sha256: string };
        if (!sha256Schema.safeParse(sha256).success)
          throw new ApiFailure(400, 'validation-failed', 'the address names the SHA-256 of the file, 64 hex digits');
        if (request.headers['content-encoding'] && request.headers['content-encoding'] !== 'identity')
          throw new ApiFailure(415, 'unsupported-media-type', 'send the file as it is, without content-encoding');
        const length = Number(request.headers['content-length'] ?? NaN);
        if (length > maxBytes)
          throw new ApiFailure(413, 'payload-too-large', `a material is at most ${maxBytes} bytes`, { maxBytes });
        const body = request.body as Readable | undefined;
        if (!body) throw new ApiFailure(415, 'unsupported-media-type', 'send the file as application/octet-stream');
        const existing = await blobs.stat(sha256);
        if (existing) {
          // Content-addressed: the same bytes are already there; the body is not needed.
          body.resume();
          return reply.status(200).send({ sha256, size: existing.size });
        }
        const { size } = await blobs.put(body, { sha256, maxBytes });
        return reply.status(201).send({ sha256, size });
      },
    );
  });

  // A video's subtitles in one language, as a WebVTT file; ?origin=original (the default) or human.
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'text/vtt',
      { parseAs: 'string', bodyLimit: WEBVTT_LIMITS.fileBytes },
      (_request, body, done) => done(null, body),
    );
    scope.put(
      '/api/materials/:id/subtitles/:lang',
      { onRequest: [requireParticipant, secretariatOnly] },
      async (request) => {
        const { id, lang } = request.params as { id: string; lang: string };
        const origin = (request.query as { origin?: string }).origin ?? 'original';
        if (!isLang(lang)) throw new ApiFailure(400, 'validation-failed', `unknown language ${JSON.stringify(lang)}`);
        if (origin === 'machine' || !(SUBTITLE_ORIGINS as readonly string[]).includes(origin))
          throw new ApiFailure(400, 'validation-failed', 'origin is original or human');
        if (typeof request.body !== 'string')
          throw new ApiFailure(415, 'unsupported-media-type', 'send the subtitles as text/vtt');
        let cues;
        try {
          cues = parseWebVtt(request.body);
        } catch (error) {
          if (error instanceof WebVttError) throw new ApiFailure(400, 'validation-failed', `WebVTT ${error.message}`);
          throw error;
        }
        const track = subtitleTrackSchema.safeParse({ language: lang, origin, engine: null, cues });
        if (!track.success) throw new ApiFailure(400, 'validation-failed', track.error.issues[0]!.message);
        return { material: answer(await commitWrite(db, (tx) => putSubtitlesTx(tx, id, track.data))) };
      },
    );
  });

  app.post('/api/materials', { onRequest: [requireParticipant, secretariatOnly] }, async (request) => {
    const input = (request.body ?? {}) as MaterialCreate;
    const sha256 = typeof input.sha256 === 'string' ? input.sha256 : '';
    const stored = sha256Schema.safeParse(sha256).success ? await blobs.stat(sha256) : null;
    if (sha256Schema.safeParse(sha256).success && !stored)
      throw new ApiFailure(
        400,
        'validation-failed',
        'no file with this SHA-256: PUT /api/material-blobs/:sha256 first',
      );
    return {
      material: answer(
        await commitWrite(db, (tx) => putMaterialTx(tx, request.participant!, input, stored?.size ?? 0)),
      ),
    };
  });

  app.delete('/api/materials/:id', { onRequest: [requireParticipant, secretariatOnly] }, async (request) => {
    const { id } = request.params as { id: string };
    return { material: answer(await commitWrite(db, (tx) => removeMaterialTx(tx, id))) };
  });

  app.get('/api/materials/:id/content', { onRequest: requireParticipant, compress: false }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const material = await readMaterial(db, id);
    // Another event's material answers as if it did not exist: its existence is the event's business too.
    if (!material || material.deleted || !(await mayReadMaterial(db, request.participant!.id, material.owner)))
      throw new ApiFailure(404, 'not-found', 'no such material');
    const etag = `"${material.sha256}"`;
    const decision = answerRange(
      request.headers as { range?: string; 'if-range'?: string; 'if-none-match'?: string },
      etag,
      material.size,
    );
    reply.header('etag', etag).header('accept-ranges', 'bytes');
    if (decision.status === 304) return reply.status(304).send();
    if (decision.status === 416)
      return reply
        .status(416)
        .header('content-range', `bytes */${material.size}`)
        .send({ error: { code: 'bad-request', message: `the file has ${material.size} bytes` } });
    // Never shown by a browser as a page of our origin: the app reads it with fetch.
    reply
      .header('content-type', material.mediaType)
      .header('content-disposition', `attachment; filename="${material.id}"`);
    if (decision.status === 206) {
      const { start, end } = decision.range;
      reply
        .status(206)
        .header('content-range', `bytes ${start}-${end}/${material.size}`)
        .header('content-length', end - start + 1);
      return reply.send(await blobs.read(material.sha256, decision.range));
    }
    reply.status(200).header('content-length', material.size);
    return reply.send(await blobs.read(material.sha256));
  });
}
