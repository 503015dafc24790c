import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translatorFromEnv } from '../../../server/translate/translator-from-env.js';
import { DEEPL_MAX_BYTES } from '../../../server/translate/adapters/deepl.js';
import { LIBRETRANSLATE_MAX_CHARS } from '../../../server/translate/adapters/libretranslate.js';
import { SYSTRAN_MAX_CHARS } from '../../../server/translate/adapters/systran.js';
import {
  FAKE_DEEPL_KEY,
  FAKE_SYSTRAN_KEY,
  startFakeDeepL,
  startFakeLibreTranslate,
  startFakeSystran,
  type FakeTranslator,
} from '../../support/fake-translators.js';
import { expectFailure } from './error-contract.js';

describe('translatorFromEnv', () => {
  let systran: FakeTranslator;
  let libre: FakeTranslator;
  let deepl: FakeTranslator;
  beforeAll(async () => {
    [systran, libre, deepl] = await Promise.all([
      startFakeSystran(),
      startFakeLibreTranslate({ apiKey: 'lt-key' }),
      startFakeDeepL(),
    ]);
  });
  afterAll(() => Promise.all([systran, libre, deepl].map((f) => f?.close())));

  const hello = { text: 'Bonjour.', source: 'fr', target: 'en' } as const;

  it('is null when no translator is configured (empty values count as unset)', () => {
    expect(translatorFromEnv({})).toBeNull();
    expect(translatorFromEnv({ SYSTRAN_API_KEY: '', DEEPL_AUTH_KEY: '  ', PATH: '/usr/bin' })).toBeNull();
  });

  it('infers the provider whose variables are set, and the translator it builds calls it', async () => {
    const fromSystran = translatorFromEnv({ SYSTRAN_URL: systran.url, SYSTRAN_API_KEY: FAKE_SYSTRAN_KEY });
    expect(fromSystran).toMatchObject({ engine: 'systran', maxChars: SYSTRAN_MAX_CHARS });
    expect(await fromSystran!.translate(hello)).toBe('[en] Bonjour.');
    expect(systran.requests.at(-1)!.apiKey).toBe(FAKE_SYSTRAN_KEY);

    const fromLibre = translatorFromEnv({ LIBRETRANSLATE_URL: libre.url, LIBRETRANSLATE_API_KEY: 'lt-key' });
    expect(fromLibre).toMatchObject({ engine: 'libretranslate', maxChars: LIBRETRANSLATE_MAX_CHARS });
    expect(await fromLibre!.translate(hello)).toBe('[en] Bonjour.');
    expect(libre.requests.at(-1)!.apiKey).toBe('lt-key');

    const fromDeepL = translatorFromEnv({ DEEPL_URL: deepl.url, DEEPL_AUTH_KEY: FAKE_DEEPL_KEY });
    expect(fromDeepL).toMatchObject({ engine: 'deepl', maxChars: DEEPL_MAX_BYTES });
    expect(await fromDeepL!.translate(hello)).toBe('[EN-GB] Bonjour.');
  });

  it('takes TRANSLATOR as the choice, whatever else is set', async () => {
    const env = {
      TRANSLATOR: 'LibreTranslate',
      LIBRETRANSLATE_URL: libre.url,
      LIBRETRANSLATE_API_KEY: 'lt-key',
      DEEPL_AUTH_KEY: 'unused',
    };
    expect(translatorFromEnv(env)?.engine).toBe('libretranslate');
  });

  it('applies TRANSLATOR_TIMEOUT_MS and TRANSLATOR_MAX_CHARS', async () => {
    const translator = translatorFromEnv({
      LIBRETRANSLATE_URL: libre.url,
      LIBRETRANSLATE_API_KEY: 'lt-key',
      TRANSLATOR_TIMEOUT_MS: '200',
      TRANSLATOR_MAX_CHARS: '1234',
    })!;
    expect(translator.maxChars).toBe(1234);
    libre.fail({ hang: true });
    const started = Date.now();
    await expectFailure(translator.translate(hello), 'timeout');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it.each([
    [{ TRANSLATOR: 'deepl' }, /^DEEPL_AUTH_KEY is not set/],
    [{ TRANSLATOR: 'systran', SYSTRAN_URL: 'https://mt.example.org' }, /^SYSTRAN_API_KEY is not set/],
    [{ SYSTRAN_URL: 'https://mt.example.org' }, /^SYSTRAN_API_KEY is not set/],
    [{ TRANSLATOR: 'libretranslate' }, /^LIBRETRANSLATE_URL is not set/],
    [{ LIBRETRANSLATE_API_KEY: 'k' }, /^LIBRETRANSLATE_URL is not set/],
    [{ DEEPL_URL: 'https://api.deepl.com' }, /^DEEPL_AUTH_KEY is not set/],
    [{ TRANSLATOR: 'google' }, /^TRANSLATOR=google is not a known translator: use systran, libretranslate, deepl/],
    [{ SYSTRAN_API_KEY: 'k1', DEEPL_AUTH_KEY: 'k2' }, /SYSTRAN_API_KEY, DEEPL_AUTH_KEY.*set TRANSLATOR/],
    [{ DEEPL_AUTH_KEY: 'k', TRANSLATOR_TIMEOUT_MS: '30s' }, /^TRANSLATOR_TIMEOUT_MS must be a positive integer/],
    [{ DEEPL_AUTH_KEY: 'k', TRANSLATOR_TIMEOUT_MS: '0' }, /^TRANSLATOR_TIMEOUT_MS must be a positive integer/],
    [{ DEEPL_AUTH_KEY: 'k', TRANSLATOR_MAX_CHARS: '-5' }, /^TRANSLATOR_MAX_CHARS must be a positive integer/],
    [{ LIBRETRANSLATE_URL: 'localhost:5000' }, /^LIBRETRANSLATE_URL must be an http or https URL/],
    [{ LIBRETRANSLATE_URL: 'not a url' }, /^LIBRETRANSLATE_URL is not a URL/],
  ])('refuses a half or wrong configuration, naming the variable: %o', (env, message) => {
    expect(() => translatorFromEnv(env)).toThrow(message);
  });

  it('never repeats a key or a URL credential in its errors', () => {
    const secret = 'sk-very-secret-0123';
    const attempts = [
      { SYSTRAN_URL: `https://user:${secret}@mt.example.org` },
      { SYSTRAN_URL: `https://mt.example.org/?key=${secret}`, SYSTRAN_API_KEY: 'k' },
      { SYSTRAN_API_KEY: secret, DEEPL_AUTH_KEY: secret },
    ];
    for (const env of attempts) {
      expect(() => translatorFromEnv(env)).toThrow();
      try {
        translatorFromEnv(env);
      } catch (error) {
        expect((error as Error).message).not.toContain(secret);
      }
    }
  });
});
