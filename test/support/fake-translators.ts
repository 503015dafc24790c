import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Fake translation providers: real HTTP servers on 127.0.0.1 that read
 * requests the way each provider documents them, refuse what it would refuse
 * (wrong key, unknown language code, missing parameter, over-size request)
 * with its status codes and error bodies, and otherwise translate
 * deterministically: `[${target}] ${text}` for each text, with the provider's
 * own target code.
 *
 * `failures` scripts the next answers, one request each, before normal
 * service resumes: a status with a body and headers, a request left
 * unanswered (`hang`), a connection dropped (`drop`), or a normal answer
 * after a delay (`delayMs`). Every request is recorded in `requests`, with
 * what the provider would have read from it.
 *
 * Each fake can also run on its own for another process: see
 * fake-translator-server.ts.
 */

export type FakeFailure =
  | { status: number; body?: unknown; headers?: Record<string, string> }
  | { hang: true }
  | { drop: true }
  | { delayMs: number };

export interface ReceivedRequest {
  method: string;
  /** The URL's path, without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The raw body. */
  body: string;
  /** What the provider would read: the texts, the language codes and the credential, as sent. */
  texts: string[];
  source: string | undefined;
  target: string | undefined;
  apiKey: string | undefined;
}

export interface FakeTranslatorOptions {
  failures?: FakeFailure[];
  translate?: (text: string, source: string | undefined, target: string) => string;
  /** The key the fake accepts (LibreTranslate: none by default, so any request is served). */
  apiKey?: string;
  /** Port to listen on; a free one by default. */
  port?: number;
}

export interface FakeTranslator {
  /** The base URL to configure the adapter with (no trailing slash). */
  url: string;
  requests: ReceivedRequest[];
  /** Scripts more answers for the next requests. */
  fail(...failures: FakeFailure[]): void;
  close(): Promise<void>;
}

export const defaultFakeTranslation = (text: string, _source: string | undefined, target: string) =>
  `[${target}] ${text}`;

export const FAKE_SYSTRAN_KEY = 'fake-systran-key';
export const FAKE_DEEPL_KEY = 'fake-deepl-key:fx';

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

interface Provider {
  read(request: Omit<ReceivedRequest, 'texts' | 'source' | 'target' | 'apiKey'>): Parsed;
  serve(request: ReceivedRequest, parsed: Parsed): Answer;
}

interface Parsed {
  texts: string[];
  source: string | undefined;
  target: string | undefined;
  apiKey: string | undefined;
  /** Whatever else the provider needs to answer. */
  [extra: string]: unknown;
}

// ---------------------------------------------------------------- SYSTRAN

/** ISO 639-1 codes, as SYSTRAN names the ten languages of the consultation. */
const SYSTRAN_LANGUAGES = ['de', 'en', 'ar', 'zh', 'ko', 'es', 'fr', 'it', 'pt', 'ru'];

export function startFakeSystran(options: FakeTranslatorOptions & { languages?: string[] } = {}) {
  const apiKey = options.apiKey ?? FAKE_SYSTRAN_KEY;
  const languages = new Set(options.languages ?? SYSTRAN_LANGUAGES);
  const translate = options.translate ?? defaultFakeTranslation;
  const error = (status: number, message: string): Answer => ({
    status,
    body: { error: { message, statusCode: status } },
  });
  return startFake(options, {
    read(request) {
      const params = new URLSearchParams(request.query);
      if (/x-www-form-urlencoded/.test(request.headers['content-type'] ?? ''))
        for (const [name, value] of new URLSearchParams(request.body)) params.append(name, value);
      const header = request.headers.authorization?.match(/^Key (.*)$/)?.[1];
      return {
        texts: params.getAll('input'),
        source: params.get('source') ?? undefined,
        target: params.get('target') ?? undefined,
        apiKey: header ?? params.get('key') ?? undefined,
      };
    },
    serve(request, { texts, source, target, apiKey: key }) {
      if (request.method !== 'POST' || request.path !== '/translation/text/translate')
        return error(404, `Cannot ${request.method} ${request.path}`);
      if (key !== apiKey) return error(401, 'Invalid API key');
      if (texts.length === 0) return error(400, 'Missing parameter: input');
      if (!target) return error(400, 'Missing parameter: target');
      if ((source && source !== 'auto' && !languages.has(source)) || !languages.has(target))
        return error(400, `Language pair not supported: ${source ?? 'auto'} > ${target}`);
      return { status: 200, body: { outputs: texts.map((text) => ({ output: translate(text, source, target) })) } };
    },
  });
}

// ---------------------------------------------------------------- LibreTranslate

export function startFakeLibreTranslate(
  options: FakeTranslatorOptions & {
    /** The server's code for Chinese: a self-hosted Argos install says `zh`, libretranslate.com `zh-Hans`. */
    chinese?: 'zh' | 'zh-Hans';
    /** The server's `--char-limit` (none by default). */
    charLimit?: number;
    languages?: string[];
  } = {},
) {
  const chinese = options.chinese ?? 'zh';
  const languages = new Set(options.languages ?? SYSTRAN_LANGUAGES.map((l) => (l === 'zh' ? chinese : l)));
  const translate = options.translate ?? defaultFakeTranslation;
  const error = (status: number, message: string): Answer => ({ status, body: { error: message } });
  return startFake(options, {
    read(request) {
      let fields: Record<string, unknown> = {};
      if (/application\/json/.test(request.headers['content-type'] ?? '')) {
        try {
          const parsed: unknown = JSON.parse(request.body);
          fields = parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as typeof fields) : {};
        } catch {
          return { texts: [], source: undefined, target: undefined, apiKey: undefined, invalidJson: true };
        }
      } else fields = Object.fromEntries(new URLSearchParams(request.body));
      const q = fields.q;
      const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
      return {
        texts: typeof q === 'string' ? [q] : Array.isArray(q) ? q.filter((t) => typeof t === 'string') : [],
        batch: Array.isArray(q),
        source: str(fields.source),
        target: str(fields.target),
        apiKey: str(fields.api_key),
        format: str(fields.format),
      };
    },
    serve(request, { texts, source, target, apiKey, batch, format, invalidJson }) {
      if (request.method !== 'POST' || request.path !== '/translate') return error(404, 'Not Found');
      if (invalidJson) return error(400, 'Invalid JSON format');
      if (options.apiKey !== undefined) {
        if (apiKey === undefined) return error(400, 'Please contact the server operator to get an API key');
        if (apiKey !== options.apiKey) return error(403, 'Invalid API key');
      }
      if (texts.length === 0 || texts.every((t) => t === '')) return error(400, 'Invalid request: missing q parameter');
      if (!source) return error(400, 'Invalid request: missing source parameter');
      if (!target) return error(400, 'Invalid request: missing target parameter');
      const chars = texts.reduce((n, t) => n + [...t].length, 0);
      if (options.charLimit !== undefined && chars > options.charLimit)
        return error(400, `Invalid request: request (${chars}) exceeds text limit (${options.charLimit})`);
      if (source !== 'auto' && !languages.has(source))
        return error(400, `{'confidence': 100.0, 'language': '${source}'} is not supported`);
      if (!languages.has(target)) return error(400, `${target} is not supported`);
      if (format !== undefined && format !== 'text' && format !== 'html')
        return error(400, `${format} format is not supported`);
      const translated = texts.map((text) => translate(text, source, target));
      return { status: 200, body: { translatedText: batch ? translated : translated[0] } };
    },
  });
}

// ---------------------------------------------------------------- DeepL

const DEEPL_SOURCES = ['AR', 'DE', 'EN', 'ES', 'FR', 'IT', 'JA', 'KO', 'PT', 'RU', 'ZH'];
const DEEPL_TARGETS = [
  ...['AR', 'DE', 'ES', 'FR', 'IT', 'JA', 'KO', 'RU'],
  ...['EN', 'EN-GB', 'EN-US', 'PT', 'PT-PT', 'PT-BR', 'ZH', 'ZH-HANS', 'ZH-HANT'],
];

export function startFakeDeepL(options: FakeTranslatorOptions = {}) {
  const apiKey = options.apiKey ?? FAKE_DEEPL_KEY;
  const translate = options.translate ?? defaultFakeTranslation;
  const error = (status: number, message: string): Answer => ({ status, body: { message } });
  return startFake(options, {
    read(request) {
      let fields: Record<string, unknown> = {};
      if (/application\/json/.test(request.headers['content-type'] ?? '')) {
        try {
          fields = JSON.parse(request.body) as typeof fields;
        } catch {
          return { texts: [], source: undefined, target: undefined, apiKey: undefined, invalidJson: true };
        }
      } else {
        const form = new URLSearchParams(request.body);
        fields = { ...Object.fromEntries(form), text: form.getAll('text') };
      }
      const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
      const text = fields.text;
      return {
        texts: Array.isArray(text) ? text.filter((t) => typeof t === 'string') : [],
        textIsList: Array.isArray(text),
        source: str(fields.source_lang),
        target: str(fields.target_lang),
        apiKey: request.headers.authorization?.match(/^DeepL-Auth-Key (.*)$/)?.[1],
      };
    },
    serve(request, { texts, source, target, apiKey: key, textIsList, invalidJson }) {
      if (Buffer.byteLength(request.body) > 128 * 1024) return error(413, 'Request Entity Too Large');
      if (request.method !== 'POST' || request.path !== '/v2/translate') return error(404, 'Not found');
      if (key !== apiKey) return error(403, 'Authorization failure, check auth_key');
      if (invalidJson) return error(400, 'Bad request. Reason: invalid JSON');
      if (!textIsList || texts.length === 0) return error(400, "Parameter 'text' not specified.");
      if (texts.length > 50) return error(400, 'Bad request. Reason: Too many texts');
      if (!target) return error(400, "Value for 'target_lang' not supported.");
      if (!DEEPL_TARGETS.includes(target)) return error(400, "Value for 'target_lang' not supported.");
      if (source !== undefined && !DEEPL_SOURCES.includes(source))
        return error(400, "Value for 'source_lang' not supported.");
      return {
        status: 200,
        body: {
          translations: texts.map((text) => ({
            detected_source_language: source ?? 'EN',
            text: translate(text, source, target),
          })),
        },
      };
    },
  });
}

// ---------------------------------------------------------------- the server

async function startFake(options: FakeTranslatorOptions, provider: Provider): Promise<FakeTranslator> {
  const failures = [...(options.failures ?? [])];
  const requests: ReceivedRequest[] = [];

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    const parsed = provider.read(raw);
    const request: ReceivedRequest = {
      ...raw,
      texts: parsed.texts,
      source: parsed.source,
      target: parsed.target,
      apiKey: parsed.apiKey,
    };
    requests.push(request);

    const scripted = failures.shift();
    if (scripted && 'hang' in scripted) return; // closed by close()
    if (scripted && 'drop' in scripted) return void req.socket.destroy();
    if (scripted && 'delayMs' in scripted) await new Promise((resolve) => setTimeout(resolve, scripted.delayMs));
    const answer = scripted && 'status' in scripted ? scripted : provider.serve(request, parsed);
    const body =
      answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    const type = typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
    res.writeHead(answer.status, { 'content-type': type, ...answer.headers }).end(body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    fail: (...more) => void failures.push(...more),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
