import type { Lang } from '../../shared/languages.js';
import { meterSent } from './translation-usage.js';

/**
 * A machine-translation provider, as the translation queue sees it: one text,
 * one language pair, one answer or one TranslatorError that says what to do
 * next (retry, wait, split, or give up and tell the secretariat).
 *
 * Adapters keep the text's layout themselves: whitespace around the text and
 * the blank lines between its paragraphs come back exactly as sent, whatever
 * the provider does with them. Texts longer than `maxChars` go through
 * translateLong (split-text.ts), which cuts them into requests that fit.
 */
export interface TranslationRequest {
  text: string;
  source: Lang;
  target: Lang;
  /** The caller's cancellation (shutdown, job cancelled): rejects with its reason, not a TranslatorError. */
  signal?: AbortSignal;
}

/** How a provider counts the size of a text against its per-request limit. */
export type TextMeasure = (text: string) => number;

export interface Translator {
  /** The engine's name, as machine text versions record it (`origin: machine`), e.g. 'systran'. */
  readonly engine: string;
  /** The largest text one request carries, in the unit of `measure`: the provider's limit with a margin. */
  readonly maxChars: number;
  /** How `maxChars` counts; UTF-16 code units (`text.length`) when absent. DeepL counts bytes. */
  readonly measure?: TextMeasure;
  translate(req: TranslationRequest): Promise<string>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Why a translation failed, for the queue to act on:
 *
 * | kind           | from                                   | what to do                          |
 * |----------------|----------------------------------------|-------------------------------------|
 * | `auth`         | 401, 403                               | stop: the key is wrong or revoked   |
 * | `too-large`    | 413, a provider's own size refusal     | split the text smaller              |
 * | `rate-limited` | 429 (`retryAfterMs` from Retry-After)  | wait, then retry                    |
 * | `quota`        | DeepL 456: the month's characters used | retry much later (or raise the cap) |
 * | `unavailable`  | 5xx, network error                     | retry with backoff                  |
 * | `timeout`      | no complete answer within the timeout  | retry with backoff                  |
 * | `malformed`    | 2xx whose body is not the documented shape | retry later                     |
 * | `unsupported`  | the provider does not serve the pair   | stop for this pair                  |
 * | `rejected`     | any other refusal (400, 404, redirect) | stop: a configuration or a bug      |
 */
export type TranslatorErrorKind =
  | 'auth'
  | 'too-large'
  | 'rate-limited'
  | 'quota'
  | 'unavailable'
  | 'timeout'
  | 'malformed'
  | 'unsupported'
  | 'rejected';

const RETRYABLE: Readonly<Record<TranslatorErrorKind, boolean>> = {
  auth: false,
  'too-large': false,
  'rate-limited': true,
  // A quota comes back (next month, or when the secretariat raises it): the texts must still be translated.
  quota: true,
  unavailable: true,
  timeout: true,
  malformed: true,
  unsupported: false,
  rejected: false,
};

/**
 * A failed translation. Its message names the engine, the HTTP status and the
 * provider's own words, but never the API key or the text being translated:
 * these messages end up in logs, and logs must not hold contributions.
 */
export class TranslatorError extends Error {
  override readonly name = 'TranslatorError';
  readonly retryable: boolean;
  readonly engine: string;
  /** The provider's HTTP status, null when there was no answer (network error, timeout) or it was not sent. */
  readonly status: number | null;
  /** How long the provider asked us to wait (Retry-After), null when it did not say. */
  readonly retryAfterMs: number | null;

  constructor(
    readonly kind: TranslatorErrorKind,
    message: string,
    details: { engine: string; status?: number | null; retryAfterMs?: number | null; cause?: unknown },
  ) {
    super(`${details.engine}: ${message}`, details.cause === undefined ? undefined : { cause: details.cause });
    this.retryable = RETRYABLE[kind];
    this.engine = details.engine;
    this.status = details.status ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
  }
}

/**
 * A Retry-After header in milliseconds: either delay-seconds or an HTTP-date
 * (RFC 9110 §10.2.3). A date in the past means "now" (0); anything else is null.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  const trimmed = value?.trim();
  if (!trimmed) return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // Only the date forms: Date.parse would also accept "5" or "tomorrow"-like strings on some engines.
  if (!/^[A-Za-z]{3,9},? /.test(trimmed)) return null;
  // HTTP-dates are GMT, the asctime form without saying so: Date.parse would read it as local time.
  const at = Date.parse(/\b(GMT|UTC)$/.test(trimmed) ? trimmed : `${trimmed} GMT`);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** One POST to a provider, as an adapter describes it. */
export interface ProviderCall {
  engine: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Never to appear in an error message: the API key, if any. */
  apiKey?: string;
  /** Never to appear in an error message either: the texts sent. */
  texts: readonly string[];
  /** The provider's own explanation in an error body, when it has one. */
  errorMessage: (body: unknown) => string | undefined;
  /** A provider's reading of a refusal, where its status alone is not enough (e.g. LibreTranslate's 400s). */
  classify?: (status: number, message: string) => TranslatorErrorKind | undefined;
}

/**
 * Sends a provider request and returns its parsed JSON body (2xx), or throws a
 * TranslatorError. The timeout covers the whole exchange, body included.
 */
export async function postToProvider(call: ProviderCall): Promise<unknown> {
  const { engine } = call;
  const timeout = AbortSignal.timeout(call.timeoutMs);
  const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
  let response: Response;
  let text: string;
  // Counted as it leaves: once on its way the provider may bill it, whatever it answers.
  meterSent(call.texts);
  try {
    // Redirects are refused rather than followed: a key or a text must not travel to a host nobody configured.
    response = await fetch(call.url, {
      method: 'POST',
      headers: call.headers,
      body: call.body,
      signal,
      redirect: 'manual',
    });
    text = await response.text();
  } catch (error) {
    if (call.signal?.aborted) throw call.signal.reason;
    if (timeout.aborted)
      throw new TranslatorError('timeout', `no complete answer within ${call.timeoutMs} ms`, { engine, cause: error });
    throw new TranslatorError('unavailable', `cannot reach the provider (${networkReason(error)})`, {
      engine,
      cause: error,
    });
  }

  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  let body: unknown;
  let isJson = true;
  try {
    body = JSON.parse(text);
  } catch {
    isJson = false;
  }

  if (status >= 200 && status < 300) {
    if (!isJson) throw malformed(engine, `answered HTTP ${status} with a body that is not JSON`);
    return body;
  }

  const raw = (isJson ? call.errorMessage(body) : undefined) ?? '';
  const said = sanitize(raw, call);
  if (status >= 300 && status < 400) {
    const location = sanitize(response.headers.get('location') ?? '', call);
    throw new TranslatorError(
      'rejected',
      `answered HTTP ${status} (redirect${location ? ` to ${location}` : ''}): configure the final URL`,
      { engine, status },
    );
  }
  const kind = call.classify?.(status, raw) ?? kindOfStatus(status);
  throw new TranslatorError(kind, `${DESCRIPTIONS[kind]} (HTTP ${status})${said ? `: ${said}` : ''}`, {
    engine,
    status,
    retryAfterMs,
  });
}

export function malformed(engine: string, what: string): TranslatorError {
  return new TranslatorError('malformed', what, { engine, status: null });
}

function kindOfStatus(status: number): TranslatorErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 413) return 'too-large';
  if (status === 429) return 'rate-limited';
  if (status === 456) return 'quota';
  if (status === 408 || status >= 500) return 'unavailable';
  return 'rejected';
}

const DESCRIPTIONS: Readonly<Record<TranslatorErrorKind, string>> = {
  auth: 'authentication refused',
  'too-large': 'request too large',
  'rate-limited': 'too many requests',
  quota: 'quota exceeded',
  unavailable: 'provider unavailable',
  timeout: 'timed out',
  malformed: 'malformed answer',
  unsupported: 'language pair not supported',
  rejected: 'request refused',
};

const MAX_MESSAGE = 300;
/** A provider message sharing this many characters in a row with the text is taken to quote it. */
const QUOTE_WINDOW = 12;

/**
 * The provider's message, fit for a log: short, one line, the key redacted,
 * and withheld altogether when it quotes the text (LibreTranslate's 500 says
 * "Cannot translate text: …" with whatever the engine raised).
 */
function sanitize(message: string, call: Pick<ProviderCall, 'apiKey' | 'texts'>): string {
  let clean = message.replace(/\s+/g, ' ').trim();
  if (call.apiKey) clean = clean.replaceAll(call.apiKey, '[key]');
  if (clean.length > MAX_MESSAGE) clean = `${clean.slice(0, MAX_MESSAGE)}…`;
  if (call.texts.some((text) => quotes(clean, text))) return '(message withheld: it quotes the text)';
  return clean;
}

function quotes(message: string, text: string): boolean {
  const window = Math.min(QUOTE_WINDOW, text.length);
  if (window === 0) return false;
  for (let i = 0; i + window <= message.length; i++) if (text.includes(message.slice(i, i + window))) return true;
  return false;
}

/** The cause of a failed fetch, in a word (ECONNREFUSED, ENOTFOUND…); never a URL or a header. */
function networkReason(error: unknown): string {
  let cause: unknown = error;
  for (let depth = 0; depth < 4 && cause instanceof Error; depth++) {
    const code = (cause as Error & { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cause = cause.cause;
  }
  return 'network error';
}
