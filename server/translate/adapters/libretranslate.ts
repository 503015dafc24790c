import { z } from 'zod';
import type { Lang } from '../../../shared/languages.js';
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
 * LibreTranslate (its `/translate` route in libretranslate/app.py and the
 * swagger spec it serves):
 *
 * - `POST {url}/translate`, JSON `{q, source, target, format: "text", api_key?}`;
 *   `q` may be a list (one translation per item, in order);
 * - answer `{"translatedText": "…"}` (a list for a list);
 * - errors `{"error": "…"}`: 400 for a bad request, a language it does not
 *   have ("xx is not supported", "… is not available as a target language
 *   from …"), a text over the server's `--char-limit` ("request (N) exceeds
 *   text limit (M)") or a missing key; 403 for a wrong key, or an address
 *   banned for too many limit violations; 429 to slow down; 500 when the
 *   engine failed.
 *
 * Language codes are ISO 639-1, but Chinese differs between servers: a
 * self-hosted one with Argos models says `zh`, libretranslate.com `zh-Hans`.
 * We send `zh` and, if the server says it does not know it, switch to
 * `zh-Hans` (or back) once, and keep whichever worked.
 */

/**
 * Self-hosted servers have no limit by default; public ones allow a few
 * thousand characters. LibreTranslate translates on the server's CPU, so
 * smaller requests also keep each answer within the timeout.
 */
export const LIBRETRANSLATE_MAX_CHARS = 5_000;

export interface LibreTranslateOptions {
  url: string;
  apiKey?: string;
  timeoutMs?: number;
  maxChars?: number;
  /** The server's code for Chinese, when known; otherwise found out on the first refusal. */
  chinese?: ChineseCode;
}

type ChineseCode = 'zh' | 'zh-Hans';

const answerSchema = z.object({ translatedText: z.union([z.string(), z.array(z.string())]) });

export function createLibreTranslateTranslator(options: LibreTranslateOptions): Translator {
  const engine = 'libretranslate';
  const url = `${options.url.replace(/\/+$/, '')}/translate`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let chinese: ChineseCode = options.chinese ?? 'zh';
  let chineseSettled = options.chinese !== undefined;
  const code = (lang: Lang) => (lang === 'zh' ? chinese : lang);

  async function send(pieces: string[], source: Lang, target: Lang, signal: AbortSignal | undefined) {
    const q = pieces.length === 1 ? pieces[0] : pieces;
    const body = { q, source: code(source), target: code(target), format: 'text', api_key: options.apiKey };
    const answer = answerSchema.safeParse(
      await postToProvider({
        engine,
        url,
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(body),
        timeoutMs,
        signal,
        apiKey: options.apiKey,
        texts: pieces,
        errorMessage,
        classify,
      }),
    );
    if (!answer.success) throw malformed(engine, 'answered without the documented `translatedText`');
    const translated = answer.data.translatedText;
    if (typeof translated === 'string') {
      if (pieces.length !== 1) throw malformed(engine, `answered one text for ${pieces.length}`);
      return [translated];
    }
    if (translated.length !== pieces.length)
      throw malformed(engine, `answered ${translated.length} texts for ${pieces.length}`);
    return translated;
  }

  return {
    engine,
    maxChars: options.maxChars ?? LIBRETRANSLATE_MAX_CHARS,
    async translate({ text, source, target, signal }) {
      const layout = splitParagraphs(text);
      if (layout.pieces.length === 0) return text;
      let translated: string[];
      try {
        translated = await send(layout.pieces, source, target, signal);
      } catch (error) {
        const chineseRefused =
          error instanceof TranslatorError && error.kind === 'unsupported' && (source === 'zh' || target === 'zh');
        if (!chineseRefused || chineseSettled) throw error;
        const tried = chinese;
        chinese = tried === 'zh' ? 'zh-Hans' : 'zh';
        try {
          translated = await send(layout.pieces, source, target, signal);
        } catch (retryError) {
          // Neither code: the refusal was about the other language, or the server has no Chinese at all.
          chinese = tried;
          throw retryError;
        }
      }
      if (source === 'zh' || target === 'zh') chineseSettled = true;
      return joinPieces(layout, translated);
    },
  };
}

function errorMessage(body: unknown): string | undefined {
  const error = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  return typeof error === 'string' ? error : undefined;
}

function classify(status: number, message: string): TranslatorErrorKind | undefined {
  if (status === 400) {
    if (/exceeds text limit/i.test(message)) return 'too-large';
    if (/is not supported|is not available as a target language/i.test(message)) return 'unsupported';
    if (/api key/i.test(message)) return 'auth';
    return 'rejected';
  }
  // A ban for repeated limit violations, not a bad key: it lifts with time.
  if (status === 403 && /too many request limits/i.test(message)) return 'rate-limited';
  return undefined;
}
