import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import compress from '@fastify/compress';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import { constants as zlib } from 'node:zlib';
import { PROTOCOL_HEADER, PROTOCOL_VERSION, pullQuerySchema, type Health } from '../shared/protocol/pull.js';
import { LIMITS } from '../shared/protocol/schemas.js';
import type { Participant } from '../shared/model/entities.js';
import { ApiFailure } from './api-failure.js';
import { currentHead, type Database } from './db/database.js';
import { readEpoch } from './db/migrations.js';
import { buildPullPage } from './pull/changes.js';
import { pullScopeFor } from './pull/pull-scope.js';
import { CorpusPageCache, PullFactsCache } from './pull/corpus-pages.js';
import { chooseCompression, encodePage, PageBuildGate, type PullCompression } from './pull/pull-answer.js';
import { registerPushRoute } from './push/push-route.js';
import {
  DEMO_PARTICIPANT,
  hashToken,
  issueToken,
  sessionForToken,
  TokenRevoked,
  upsertParticipant,
} from './auth/tokens.js';
import { registerContributionRoutes } from './contributions/contribution-routes.js';
import { registerSynthesisRoutes } from './synthesis/synthesis-routes.js';
import { registerProceedingsRoutes } from './proceedings/proceedings-routes.js';
import { registerAuthRoutes } from './auth/auth-routes.js';
import { ruleFor } from './security/route-rules.js';
import { securityHeaders } from './security/headers.js';
import { EventStreams, STREAMS_PER_ADDRESS, STREAMS_PER_TOKEN } from './live/event-streams.js';
import { clientErrorHandler, frameworkErrors, registerErrorAnswers } from './security/error-answers.js';
import { AUTH_FAILURES_PER_MINUTE, RateLimiter, REQUESTS_PER_TOKEN_PER_MINUTE } from './security/rate-limit.js';
import { SignInLimits } from './security/sign-in-limits.js';
import { fastifyTrustProxy, type TrustProxy } from './security/trust-proxy.js';
import { startTranslationWorker, type TranslationWorkerOptions } from './translate/translation-worker.js';
import type { Translator } from './translate/translator.js';
import { costDefaultsFromEnv, type CostDefaults } from './translate/translation-costs.js';
import { registerCostRoutes } from './translate/cost-routes.js';
import type { BlobStore } from './materials/blob-store.js';
import { openFileBlobStore } from './materials/file-blob-store.js';
import { registerMaterialRoutes } from './materials/material-routes.js';
import { MATERIAL_LIMITS } from '../shared/protocol/materials.js';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface AppOptions {
  db: Database;
  demo?: boolean;
  staticDir?: string;
  allowedOrigins?: string[];
  logger?: boolean;
  /** Where the log goes (standard output when not given); tests read it. */
  logStream?: { write(line: string): void };
  /** The machine-translation provider; none: contributions wait, "awaiting translation", until one is configured. */
  translator?: Translator | null;
  /** Rate limits (tests lower them; see security/rate-limit.ts for the defaults). */
  limits?: {
    authFailuresPerMinute?: number;
    requestsPerTokenPerMinute?: number;
    /** Open event streams (live/event-streams.ts). */
    streamsPerToken?: number;
    streamsPerAddress?: number;
  };
  /**
   * Proxies whose X-Forwarded-For is believed (security/trust-proxy.ts); off by
   * default. Rate limits and the demo sign-in then see the client's address.
   */
  trustProxy?: TrustProxy;
  /** Tuning of the translation queue (tests, benchmarks). */
  translationQueue?: Omit<TranslationWorkerOptions, 'db' | 'translator'>;
  /** Translation prices and budget; from TRANSLATOR_PRICE_PER_MILLION and TRANSLATOR_BUDGET when not given. */
  costs?: CostDefaults;
  /** Tuning of pull answers (pull/pull-answer.ts); the benchmarks try other compressions on a running server. */
  pull?: PullOptions;
  /**
   * Where materials' files are kept (materials/blob-store-from-env.ts); none:
   * a temporary folder, as for an in-memory database.
   */
  blobs?: BlobStore;
  /** Largest material file accepted, in bytes (MATERIAL_LIMITS.defaultMaxBytes when not given). */
  materialMaxBytes?: number;
}

export interface PullOptions {
  /** Pages built at once; more wait in line (default PAGE_BUILDS); read at each request. */
  builds?: number;
  /** Compressions in order of preference (default PULL_COMPRESSION); read at each request. */
  compression?: readonly PullCompression[];
  /** Compressed corpus pages kept, in bytes (default PAGE_CACHE_BYTES); 0 builds every page for its request. Read at each request. */
  cacheBytes?: number;
}

/** Pages built at once: enough to keep both cores and the database busy, few enough to bound memory. */
const PAGE_BUILDS = 4;

/**
 * The corpus pages kept compressed: the 10,000-contribution corpus is about
 * 30 MB as zstd 3 (61 pages of 500), 50 MB as gzip 1; this keeps a few such
 * corpora's worth (encodings, page limits) well inside the server's memory.
 */
const PAGE_CACHE_BYTES = 256 * 1024 * 1024;

export const SERVER_VERSION = '0.1.0';

/** Kept exported here for route modules written against app.ts; new ones import ./api-failure.js. */
export { ApiFailure };

declare module 'fastify' {
  interface FastifyRequest {
    participant?: Participant;
    /** The hash of the token the participant signed in with (it names their device). */
    tokenHash?: string;
    /** The events the token's device signed out of, read with the token. */
    leftEvents?: string[];
  }
  interface FastifyInstance {
    /** Every route as registered, for the authorization matrix test. */
    routeTable: { method: string; url: string }[];
    /** The corpus page cache (pull/corpus-pages.ts); tests and benchmarks read its stats. */
    corpusPages: CorpusPageCache;
    /** The open event streams (tests and benchmarks count them). */
    eventStreams: EventStreams;
  }
}

const isLoopback = (ip: string) => ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { db } = options;
  const epoch = await readEpoch(db);
  const app = Fastify({
    bodyLimit: 1024 * 1024,
    frameworkErrors,
    clientErrorHandler,
    ...(options.trustProxy !== undefined ? { trustProxy: fastifyTrustProxy(options.trustProxy) } : {}),
    // Request logs carry no headers (tokens) and no bodies (texts).
    logger: options.logger
      ? { redact: ['req.headers.authorization'], ...(options.logStream ? { stream: options.logStream } : {}) }
      : false,
  });

  // Every API route has a rule in security/route-rules.ts, or the server does not start.
  const routeTable: { method: string; url: string }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (route.url.startsWith('/api/') && !ruleFor(method, route.url))
        throw new Error(`route ${method} ${route.url} has no rule in server/security/route-rules.ts`);
      routeTable.push({ method, url: route.url });
    }
  });
  app.addHook('onSend', async (request, reply) => securityHeaders(request.url, reply));

  registerErrorAnswers(app);

  await app.register(compress, {
    global: true,
    encodings: ['gzip', 'deflate'],
    // Level 1: pull pages are large and mostly text; speed matters more than the last few percent.
    zlibOptions: { level: 1 },
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 1 } },
  });
  const allowed = new Set(options.allowedOrigins ?? ['app://seminar-desk']);
  await app.register(cors, { origin: (origin, cb) => cb(null, origin !== undefined && allowed.has(origin)) });

  app.addHook('onRequest', async (request) => {
    const sent = request.headers[PROTOCOL_HEADER];
    if (sent !== undefined && String(sent) !== String(PROTOCOL_VERSION)) {
      throw new ApiFailure(409, 'protocol-mismatch', 'the server speaks another protocol version', {
        server: PROTOCOL_VERSION,
      });
    }
  });

  const signIns = new SignInLimits(options.limits?.authFailuresPerMinute ?? AUTH_FAILURES_PER_MINUTE);
  const tokenRequests = new RateLimiter(
    options.limits?.requestsPerTokenPerMinute ?? REQUESTS_PER_TOKEN_PER_MINUTE,
    60_000,
  );
  const requireParticipant = async (request: FastifyRequest) => {
    const match = /^Bearer ([A-Za-z0-9_-]{16,128})$/.exec(request.headers.authorization ?? '');
    const secret = { kind: 'token', value: match?.[1] ?? '' } as const;
    // Failures are counted and refused (see security/sign-in-limits.ts); a valid token always gets in.
    const refuse = (failure: ApiFailure) => {
      signIns.check(request, secret);
      signIns.fail(request, secret);
      return failure;
    };
    const session = match
      ? await sessionForToken(db, match[1]!).catch((error: unknown) => {
          throw error instanceof TokenRevoked ? refuse(error) : error;
        })
      : undefined;
    if (!session) throw refuse(new ApiFailure(401, 'unauthorized', 'a valid bearer token is required'));
    const wait = tokenRequests.hit(match![1]!);
    if (wait)
      throw new ApiFailure(
        429,
        'rate-limited',
        `too many requests with this token; try again in ${Math.ceil(wait / 1000)} s`,
        {
          retryAfterSeconds: Math.ceil(wait / 1000),
        },
      );
    request.participant = session.participant;
    request.tokenHash = hashToken(match![1]!);
    request.leftEvents = session.leftEvents;
  };

  app.get(
    '/api/health',
    async () =>
      ({
        ok: true,
        protocol: PROTOCOL_VERSION,
        version: SERVER_VERSION,
        demo: !!options.demo,
        // 'full': writes are refused (507 insufficient-storage) until space is freed; reads still work.
        storage: db.storageStatus(),
      }) satisfies Health,
  );

  app.get('/api/me', { onRequest: requireParticipant }, async (request) => ({ participant: request.participant }));

  const pageBuilds = new PageBuildGate(() => options.pull?.builds ?? PAGE_BUILDS);
  const cacheBytes = () => options.pull?.cacheBytes ?? PAGE_CACHE_BYTES;
  const corpusPages = new CorpusPageCache(cacheBytes);
  const pullFacts = new PullFactsCache();
  app.decorate('corpusPages', corpusPages);
  app.get('/api/changes', { onRequest: requireParticipant }, async (request, reply) => {
    const parsed = pullQuerySchema.safeParse(request.query);
    if (!parsed.success)
      throw new ApiFailure(400, 'invalid-checkpoint', 'since must be a whole number and limit a positive one', {
        issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    const compression = chooseCompression(request.headers['accept-encoding'], options.pull?.compression);
    const participantId = request.participant!.id;
    const { since } = parsed.data;
    const limit = Math.min(parsed.data.limit ?? LIMITS.pullPageDefault, LIMITS.pullPageMax);
    const build = <T>(fn: () => Promise<T>) => pageBuilds.run(fn);
    // The participant's own head: what they may not see is no change for them (pull/visibility.ts).
    const scope = await pullScopeFor(db, participantId, request.leftEvents ?? [], parsed.data);
    const known = corpusPages.knownPosition;
    const shared = cacheBytes() > 0 && !scope.catchUp && (known === 0 || since < known);
    const facts = shared ? await pullFacts.facts(db, scope, since) : null;
    const head = facts ? facts.head : await currentHead(db, scope);
    if (since > head) throw new ApiFailure(409, 'checkpoint-ahead', 'the checkpoint is ahead of the server', { head });
    const cached = facts && (await corpusPages.answer(db, { since, limit, epoch, scope, facts, compression }, build));
    const { body, encoding } =
      cached ??
      (await build(async () =>
        encodePage(await buildPullPage(db, { since, limit, head, epoch, ...scope, participantId }), compression),
      ));
    // Compressed here, whole: @fastify/compress leaves an answer that has its Content-Encoding alone.
    reply.header('vary', 'accept-encoding').type('application/json; charset=utf-8');
    if (encoding) reply.header('content-encoding', encoding);
    return reply.send(body);
  });

  const events = new EventStreams({
    db,
    epoch,
    limits: {
      perToken: options.limits?.streamsPerToken ?? STREAMS_PER_TOKEN,
      perAddress: options.limits?.streamsPerAddress ?? STREAMS_PER_ADDRESS,
    },
    log: (error) => app.log.error(error),
  });
  app.decorate('eventStreams', events);
  // Open event streams end before the server closes, or close() would wait on them forever.
  app.addHook('preClose', async () => events.close());
  app.get('/api/events', { onRequest: requireParticipant }, (request, reply) =>
    events.serve(request, reply, request.participant!.id, request.tokenHash!),
  );

  registerAuthRoutes(app, { db, requireParticipant, signIns, closeStreams: (hashes) => events.closeTokens(hashes) });
  registerPushRoute(app, { db, requireParticipant });
  const costs = options.costs ?? costDefaultsFromEnv();
  registerCostRoutes(app, { db, requireParticipant, costs });
  const translations = options.translator
    ? startTranslationWorker({
        db,
        translator: options.translator,
        costs,
        log: (message) => app.log.warn(message),
        ...options.translationQueue,
      })
    : null;
  app.addHook('onClose', async () => translations?.stop());
  registerSynthesisRoutes(app, { db, requireParticipant });
  registerProceedingsRoutes(app, { db, requireParticipant });
  registerContributionRoutes(app, { db, requireParticipant, wakeTranslations: () => translations?.wake() });
  registerMaterialRoutes(app, {
    db,
    requireParticipant,
    blobs: options.blobs ?? (await openFileBlobStore(await mkdtemp(join(tmpdir(), 'seminar-materials-')))),
    maxBytes: options.materialMaxBytes ?? MATERIAL_LIMITS.defaultMaxBytes,
  });

  app.post('/api/demo/session', async (request) => {
    if (!options.demo || !isLoopback(request.ip)) throw new ApiFailure(404, 'not-found', 'no such route');
    const participant = await upsertParticipant(db, DEMO_PARTICIPANT);
    return { token: await issueToken(db, participant.id), participant };
  });

  if (options.staticDir) {
    await app.register(fastifyStatic, { root: options.staticDir });
  }

  app.setNotFoundHandler(async (request, reply) => {
    if (options.staticDir && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.sendFile('index.html');
    }
    return reply.status(404).send({ error: { code: 'not-found', message: 'no such route' } });
  });

  return app;
}
