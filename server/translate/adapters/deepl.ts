import { z } from 'zod';
import type { Lang } from '../../../shared/languages.js';
import { jsonUtf8Length, joinPieces, splitParagraphs, utf8Length } from '../split-text.js';
import {
  DEFAULT_TIMEOUT_MS,
  TranslatorError,
  malformed,
  postToProvider,
  type TranslatorErrorKind,
  type Translator,
} from '../translator.js';

/**
 * DeepL API (developers.deepl.com: "Translate text", "Usage and limits",
 * "Error handling", "Supported languages"):
 *
 * - `POST {url}/v2/translate`, `Authorization: DeepL-Auth-Key <key>`, JSON
 *   `{text: [...], source_lang, target_lang}`, at most 50 texts per request;
 * - answer `{translations: [{detected_source_language, text}]}`, in order;
 * - the total request size is at most 128 KiB (413 beyond); 429 too many
 *   requests; 456 quota exceeded (the Free plan's monthly characters, or a Pro
 *   account's cost-control cap); 403 a wrong key, or a key for the other
 *   endpoint; errors carry `{"message": "…"}`;
 * - source codes are plain (`EN`, `PT`, `ZH`); target codes name a variant
 *   where DeepL has several: `EN-GB`/`EN-US`, `PT-PT`/`PT-BR`, `ZH-HANS`
 *   (plain `EN`, `PT` are deprecated, `ZH` an alias of `ZH-HANS`);
 * - Free-plan keys end in `:fx` and only work on api-free.deepl.com.
 */

export const DEEPL_REQUEST_LIMIT = 128 * 1024;
/** Texts per request. */
export const DEEPL_MAX_TEXTS = 50;
/**
 * Pieces are measured as JSON-escaped UTF-8 bytes (`jsonUtf8Length`), which
 * bounds what they add to the body; the rest of the limit is for the envelope.
 */
export const DEEPL_MAX_BYTES = DEEPL_REQUEST_LIMIT - 2 * 1024;

export interface DeepLOptions {
  authKey: string;
  /** api-free.deepl.com for a `:fx` key, api.deepl.com otherwise. */
  url?: string;
  timeoutMs?: number;
  maxChars?: number;
  /** Which English and Portuguese to write: British and European by default (the consultation is European). */
  english?: 'EN-GB' | 'EN-US';
  portuguese?: 'PT-PT' | 'PT-BR';
}

export function deeplDefaultUrl(authKey: string): string {
  return authKey.trim().endsWith(':fx') ? 'https://api-free.deepl.com' : 'https://api.deepl.com';
}

export function deeplSourceCode(lang: Lang): string {
  return lang.toUpperCase();
}

export function deeplTargetCode(lang: Lang, options: Pick<DeepLOptions, 'english' | 'portuguese'> = {}): string {
  if (lang === 'en') return options.english ?? 'EN-GB';
  if (lang === 'pt') return options.portuguese ?? 'PT-PT';
  if (lang === 'zh') return 'ZH-HANS';
  return lang.toUpperCase();
}

const answerSchema = z.object({
  translations: z.array(z.object({ text: z.string(), detected_source_language: z.string().optional() })),
});

export function createDeepLTranslator(options: DeepLOptions): Translator {
  const engine = 'deepl';
  const url = `${(options.url ?? deeplDefaultUrl(options.authKey)).replace(/\/+$/, '')}/v2/translate`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function send(texts: string[], source: Lang, target: Lang, signal: AbortSignal | undefined) {
    const body = JSON.stringify({
      text: texts,
      source_lang: deeplSourceCode(source),
      target_lang: deeplTargetCode(target, options),
    });
    const bytes = utf8Length(body);
    // DeepL would answer 413; saying so here spares the request and tells the caller to split.
    if (bytes > DEEPL_REQUEST_LIMIT)
      throw new TranslatorError('too-large', `the request would be ${bytes} bytes, over DeepL's 128 KiB`, { engine });
    const answer = answerSchema.safeParse(
      await postToProvider({
        engine,
        url,
        headers: {
          authorization: `DeepL-Auth-Key ${options.authKey}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body,
        timeoutMs,
        signal,
        apiKey: options.authKey,
        texts,
        errorMessage,
        classify,
      }),
    );
    if (!answer.success) throw malformed(engine, 'answered without the documented `translations` list');
    const { translations } = answer.data;
    if (translations.length !== texts.length)
      throw malformed(engine, `answered ${translations.length} translations for ${texts.length} texts`);
    return translations.map((t) => t.text);
  }

  return {
    engine,
    maxChars: options.maxChars ?? DEEPL_MAX_BYTES,
    measure: jsonUtf8Length,
    async translate({ text, source, target, signal }) {
      const layout = splitParagraphs(text);
      if (layout.pieces.length === 0) return text;
      const translated: string[] = [];
      for (let i = 0; i < layout.pieces.length; i += DEEPL_MAX_TEXTS)
        translated.push(...(await send(layout.pieces.slice(i, i + DEEPL_MAX_TEXTS), source, target, signal)));
      return joinPieces(layout, translated);
    },
  };
}

function errorMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { message, detail } = body as { message?: unknown; detail?: unknown };
  if (typeof message === 'string') return typeof detail === 'string' ? `${message} (${detail})` : message;
  return undefined;
}

function classify(status: number, message: string): TranslatorErrorKind | undefined {
  if (status === 400 && /(source_lang|target_lang|language).*not supported|unsupported/i.test(message))
    return 'unsupported';
  return undefined;
}
