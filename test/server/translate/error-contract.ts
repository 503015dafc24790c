import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TranslatorError, type Translator, type TranslatorErrorKind } from '../../../server/translate/translator.js';
import type { FakeTranslator } from '../../support/fake-translators.js';

/**
 * What every adapter must make of a provider's failures, run against its fake:
 * the failures are scripted answers of the real HTTP server, so the adapter's
 * whole path (fetch, timeout, status, body) is exercised.
 */
export interface ErrorContract {
  name: string;
  start(): Promise<FakeTranslator>;
  translator(url: string, options?: { timeoutMs?: number }): Translator;
  /** The provider's documented error body, carrying `message`. */
  errorBody(status: number, message: string): unknown;
  /** The credential the adapter sends, which no error message may show. */
  secret: string;
}

/** A contribution's text: no error message may show it either. */
export const CONFIDENTIAL = 'Le texte confidentiel de la contribution numéro 1042.';

/** Asserts the failure's kind, and that its message holds neither the key nor the text. */
export async function expectFailure(
  promise: Promise<unknown>,
  kind: TranslatorErrorKind,
  secrets: { key?: string; text?: string } = {},
): Promise<TranslatorError> {
  const error = await promise.then(
    () => expect.fail(`expected a ${kind} failure, got a translation`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TranslatorError);
  const failure = error as TranslatorError;
  expect({ kind: failure.kind, message: failure.message }).toMatchObject({ kind });
  if (secrets.key) expect(failure.message).not.toContain(secrets.key);
  if (secrets.text) expect(failure.message).not.toContain(secrets.text);
  expect(failure.message).not.toContain(CONFIDENTIAL.slice(0, 20));
  return failure;
}

export function describeErrorContract(contract: ErrorContract) {
  describe(`${contract.name} adapter, failures`, () => {
    let fake: FakeTranslator;
    let translator: Translator;
    beforeAll(async () => {
      fake = await contract.start();
      translator = contract.translator(fake.url);
    });
    afterAll(() => fake?.close());

    const translate = (t: Translator = translator, signal?: AbortSignal) =>
      t.translate({ text: CONFIDENTIAL, source: 'fr', target: 'en', signal });
    const fails = (kind: TranslatorErrorKind, t?: Translator) =>
      expectFailure(translate(t), kind, { key: contract.secret, text: CONFIDENTIAL });

    it.each([
      [401, 'auth', false],
      [403, 'auth', false],
      [413, 'too-large', false],
      [500, 'unavailable', true],
      [502, 'unavailable', true],
      [503, 'unavailable', true],
    ] as const)(
      'HTTP %i is %s (retryable: %s) and carries the status and the provider message',
      async (status, kind, retryable) => {
        fake.fail({ status, body: contract.errorBody(status, 'the provider says why') });
        const error = await fails(kind);
        expect(error.retryable).toBe(retryable);
        expect(error.status).toBe(status);
        expect(error.engine).toBe(contract.name);
        expect(error.message).toContain(`HTTP ${status}`);
        expect(error.message).toContain('the provider says why');
      },
    );

    it('429 with Retry-After in seconds is rate-limited, to retry after that delay', async () => {
      fake.fail({ status: 429, body: contract.errorBody(429, 'slow down'), headers: { 'retry-after': '7' } });
      const error = await fails('rate-limited');
      expect(error.retryable).toBe(true);
      expect(error.retryAfterMs).toBe(7000);
    });

    it('429 with Retry-After as an HTTP-date gives the delay until that date', async () => {
      const at = new Date(Date.now() + 90_000).toUTCString();
      fake.fail({ status: 429, body: contract.errorBody(429, 'slow down'), headers: { 'retry-after': at } });
      const error = await fails('rate-limited');
      // HTTP-dates have whole seconds: up to one second less, plus the time the request took.
      expect(error.retryAfterMs).toBeGreaterThan(85_000);
      expect(error.retryAfterMs).toBeLessThanOrEqual(90_000);
    });

    it('429 without Retry-After leaves the delay to the caller', async () => {
      fake.fail({ status: 429, body: contract.errorBody(429, 'slow down') });
      expect((await fails('rate-limited')).retryAfterMs).toBeNull();
    });

    it('an error body that is not JSON still gives the kind of the status', async () => {
      fake.fail({ status: 502, body: '<html>Bad Gateway</html>' });
      expect((await fails('unavailable')).status).toBe(502);
    });

    it('no answer within the timeout is a retryable timeout', async () => {
      const quick = contract.translator(fake.url, { timeoutMs: 300 });
      fake.fail({ hang: true });
      const started = Date.now();
      const error = await fails('timeout', quick);
      expect(error.retryable).toBe(true);
      expect(error.status).toBeNull();
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it("the caller's abort rejects with the caller's reason, not a provider failure", async () => {
      fake.fail({ hang: true });
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('shutting down')), 50);
      await expect(translate(translator, controller.signal)).rejects.toThrow('shutting down');
    });

    it('a dropped connection is unavailable, and retryable', async () => {
      fake.fail({ drop: true });
      expect((await fails('unavailable')).retryable).toBe(true);
    });

    it('a refused connection is unavailable, and names the cause without the URL or key', async () => {
      const url = await closedPort();
      const error = await fails('unavailable', contract.translator(url));
      expect(error.message).toContain('ECONNREFUSED');
      expect(error.message).not.toContain(url);
    });

    it.each([
      ['an empty object', {}],
      ['a list', []],
      ['a body that is not JSON', 'Bonjour'],
      ['null', null],
    ])('a 200 with %s is malformed, and retryable', async (_, body) => {
      fake.fail({ status: 200, body: body === null ? 'null' : body });
      expect((await fails('malformed')).retryable).toBe(true);
    });

    it('a redirect is not followed: the URL is to be configured as it is', async () => {
      fake.fail({ status: 308, headers: { location: 'https://elsewhere.example/' } });
      const error = await fails('rejected');
      expect(error.retryable).toBe(false);
      expect(error.message).toContain('https://elsewhere.example/');
    });

    it('a provider message quoting the text or the key is not repeated', async () => {
      const echo = `Cannot translate text: ${CONFIDENTIAL} with key ${contract.secret}`;
      fake.fail({ status: 500, body: contract.errorBody(500, echo) });
      const error = await fails('unavailable');
      expect(error.message).toContain('withheld');
      fake.fail({ status: 500, body: contract.errorBody(500, `engine down for key ${contract.secret}`) });
      expect((await fails('unavailable')).message).toContain('engine down for key [key]');
    });

    it('serves normally again once the scripted failures are spent', async () => {
      expect(await translate()).toContain(CONFIDENTIAL);
    });
  });
}

/** The address of a port nothing listens on any more. */
async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
