import { z } from 'zod';
import { joinPieces, splitParagraphs } from '../split-text.js';
import {
  DEFAULT_TIMEOUT_MS,
  TranslatorError,
  malformed,
  postToProvider,
  type TranslatorErrorKind,
  type Translator,
} from '../translator.js';

/**
 * SYSTRAN Translate REST API (docs.systran.net/translateAPI/translation, and
 * SYSTRAN's generated clients, e.g. translation-api-nodejs-client):
 *
 * - `POST {url}/translation/text/translate`, the key in `Authorization: Key <key>`
 *   (the docs also allow `?key=`, which would put it in access logs);
 * - `source`, `target`: ISO 639-1 codes (Chinese is `zh`; its locale is a
 *   matter of the account's profile); `input`: the text, "can be repeated",
 *   one output per input, in order;
 * - answer `{"outputs":[{"output":"…"}]}`, where an output may carry its own
 *   `error` instead; errors `{"error":{"message":"…","statusCode":…}}` (older
 *   servers: `"error":"…"`).
 *
 * The docs describe the parameters as query parameters. Only the languages go
 * in the URL here: the inputs go in an `application/x-www-form-urlencoded`
 * body, so that no proxy's access log holds a contribution and long texts do
 * not meet URL length limits. Each paragraph is one `input`, so the blank
 * lines between them come back exactly.
 */

export const SYSTRAN_DEFAULT_URL = 'https://api-translate.systran.net';

/**
 * The docs allow far more per request (100,000 paragraphs or 50 MB); pieces
 * this size are answered well within the timeout, so a retry is not a retry
 * of a request that cannot finish.
 */
export const SYSTRAN_MAX_CHARS = 10_000;

export interface SystranOptions {
  apiKey: string;
  url?: string;
  timeoutMs?: number;
  maxChars?: number;
}

const answerSchema = z.object({
  outputs: z.array(z.object({ output: z.string().optional(), error: z.unknown().optional() })),
});

export function createSystranTranslator(options: SystranOptions): Translator {
  const engine = 'systran';
  const base = (options.url ?? SYSTRAN_DEFAULT_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    engine,
    maxChars: options.maxChars ?? SYSTRAN_MAX_CHARS,
    async translate({ text, source, target, signal }) {
      const layout = splitParagraphs(text);
      if (layout.pieces.length === 0) return text;
      const url = new URL(`${base}/translation/text/translate`);
      url.searchParams.set('source', source);
      url.searchParams.set('target', target);
      const form = new URLSearchParams();
      for (const piece of layout.pieces) form.append('input', piece);
      const call = {
        engine,
        url: url.toString(),
        headers: {
          authorization: `Key ${options.apiKey}`,
          'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
          accept: 'application/json',
        },
        body: form.toString(),
        timeoutMs,
        signal,
        apiKey: options.apiKey,
        texts: layout.pieces,
        errorMessage,
        classify,
      };
      const answer = answerSchema.safeParse(await postToProvider(call));
      if (!answer.success) throw malformed(engine, 'answered without the documented `outputs` list');
      const { outputs } = answer.data;
      if (outputs.length !== layout.pieces.length)
        throw malformed(engine, `answered ${outputs.length} outputs for ${layout.pieces.length} inputs`);
      const translated = outputs.map((o) => {
        if (typeof o.output === 'string') return o.output;
        // An error for one input in a 200 answer: as if the whole request had been refused with it.
        const said = errorMessage({ error: o.error }) ?? '';
        const kind = classify(200, said) ?? 'unavailable';
        throw new TranslatorError(kind, 'an input came back with an error instead of an output', {
          engine,
          status: 200,
        });
      });
      return joinPieces(layout, translated);
    },
  };
}

function errorMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object') {
    const message = (error as { message?: unknown }).message;
    if (typeof message === 'string') return message;
  }
  return undefined;
}

/** A refused language pair is a 400 whose message says so, in one of several wordings. */
function classify(status: number, message: string): TranslatorErrorKind | undefined {
  if (status !== 400 && status !== 200) return undefined;
  if (/not supported|unsupported|language pair|no queue defined|no route|no profile/i.test(message))
    return 'unsupported';
  return undefined;
}
