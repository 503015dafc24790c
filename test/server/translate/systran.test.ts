import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../shared/languages.js';
import { createSystranTranslator } from '../../../server/translate/adapters/systran.js';
import { FAKE_SYSTRAN_KEY, startFakeSystran, type FakeTranslator } from '../../support/fake-translators.js';
import { CONFIDENTIAL, describeErrorContract, expectFailure } from './error-contract.js';

describe('systran adapter, requests', () => {
  let fake: FakeTranslator;
  beforeAll(async () => {
    fake = await startFakeSystran();
  });
  afterAll(() => fake?.close());
  const systran = () => createSystranTranslator({ url: fake.url, apiKey: FAKE_SYSTRAN_KEY });

  it('posts to /translation/text/translate with the key header, the languages in the query and the text in a form body', async () => {
    fake.requests.length = 0;
    const out = await systran().translate({ text: 'Bonjour le monde.', source: 'fr', target: 'en' });
    expect(out).toBe('[en] Bonjour le monde.');
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/translation/text/translate' });
    expect(request!.headers.authorization).toBe(`Key ${FAKE_SYSTRAN_KEY}`);
    expect(request!.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(request!.query)).toEqual({ source: 'fr', target: 'en' });
    // The text is in the body only: no access log along the way sees it.
    expect(new URLSearchParams(request!.body).getAll('input')).toEqual(['Bonjour le monde.']);
    expect(request!.query.has('key')).toBe(false);
  });

  it('sends each of the ten languages by its ISO 639-1 code', async () => {
    fake.requests.length = 0;
    for (const target of LANGUAGES.filter((l) => l !== 'fr'))
      await systran().translate({ text: 'Bonjour.', source: 'fr', target });
    expect(fake.requests.map((r) => r.target)).toEqual(['de', 'en', 'ar', 'zh', 'ko', 'es', 'it', 'pt', 'ru']);
    expect(new Set(fake.requests.map((r) => r.source))).toEqual(new Set(['fr']));
  });

  it('sends each paragraph as its own input and keeps the layout between them exactly', async () => {
    fake.requests.length = 0;
    const text = '\n  Premier paragraphe.\nAvec une ligne.\n\n\nDeuxième.  \n \n Troisième.\n';
    const out = await systran().translate({ text, source: 'fr', target: 'de' });
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.texts).toEqual(['Premier paragraphe.\nAvec une ligne.', 'Deuxième.', 'Troisième.']);
    expect(out).toBe('\n  [de] Premier paragraphe.\nAvec une ligne.\n\n\n[de] Deuxième.  \n \n [de] Troisième.\n');
  });

  it('sends nothing for a text with nothing to translate', async () => {
    fake.requests.length = 0;
    expect(await systran().translate({ text: ' \n\n ', source: 'fr', target: 'en' })).toBe(' \n\n ');
    expect(fake.requests).toHaveLength(0);
  });

  it('trims a trailing slash of the configured URL', async () => {
    const out = await createSystranTranslator({ url: `${fake.url}/`, apiKey: FAKE_SYSTRAN_KEY }).translate({
      text: 'Oui.',
      source: 'fr',
      target: 'en',
    });
    expect(out).toBe('[en] Oui.');
    expect(fake.requests.at(-1)!.path).toBe('/translation/text/translate');
  });

  it('a wrong key is an auth failure', async () => {
    const wrong = createSystranTranslator({ url: fake.url, apiKey: 'not-the-key' });
    const error = await expectFailure(wrong.translate({ text: CONFIDENTIAL, source: 'fr', target: 'en' }), 'auth', {
      key: 'not-the-key',
    });
    expect(error.status).toBe(401);
    expect(error.message).toContain('Invalid API key');
  });

  it('a language pair the server does not serve is unsupported, not retryable', async () => {
    const small = await startFakeSystran({ languages: ['fr', 'en'] });
    try {
      const translator = createSystranTranslator({ url: small.url, apiKey: FAKE_SYSTRAN_KEY });
      const error = await expectFailure(
        translator.translate({ text: 'Bonjour.', source: 'fr', target: 'ko' }),
        'unsupported',
      );
      expect(error.retryable).toBe(false);
    } finally {
      await small.close();
    }
  });

  it('an output carrying an error instead of a translation fails the request', async () => {
    fake.fail({ status: 200, body: { outputs: [{ error: 'Language pair not supported' }] } });
    await expectFailure(systran().translate({ text: 'Bonjour.', source: 'fr', target: 'ko' }), 'unsupported');
    fake.fail({ status: 200, body: { outputs: [{ error: 'engine crashed' }] } });
    await expectFailure(systran().translate({ text: 'Bonjour.', source: 'fr', target: 'ko' }), 'unavailable');
  });

  it('fewer outputs than inputs is malformed', async () => {
    fake.fail({ status: 200, body: { outputs: [{ output: 'one' }] } });
    const error = await expectFailure(
      systran().translate({ text: 'Un.\n\nDeux.', source: 'fr', target: 'en' }),
      'malformed',
    );
    expect(error.message).toContain('1 outputs for 2 inputs');
  });
});

describeErrorContract({
  name: 'systran',
  start: () => startFakeSystran(),
  translator: (url, options) => createSystranTranslator({ url, apiKey: FAKE_SYSTRAN_KEY, ...options }),
  errorBody: (status, message) => ({ error: { message, statusCode: status } }),
  secret: FAKE_SYSTRAN_KEY,
});
