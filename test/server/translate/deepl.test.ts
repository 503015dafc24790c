import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../../shared/languages.js';
import {
  DEEPL_REQUEST_LIMIT,
  createDeepLTranslator,
  deeplDefaultUrl,
} from '../../../server/translate/adapters/deepl.js';
import { jsonUtf8Length, translateLong } from '../../../server/translate/split-text.js';
import { FAKE_DEEPL_KEY, startFakeDeepL, type FakeTranslator } from '../../support/fake-translators.js';
import { describeErrorContract, expectFailure } from './error-contract.js';

describe('deepl adapter, requests', () => {
  let fake: FakeTranslator;
  beforeAll(async () => {
    fake = await startFakeDeepL();
  });
  afterAll(() => fake?.close());
  const deepl = (options: Partial<Parameters<typeof createDeepLTranslator>[0]> = {}) =>
    createDeepLTranslator({ url: fake.url, authKey: FAKE_DEEPL_KEY, ...options });

  it('posts JSON {text: [...], source_lang, target_lang} to /v2/translate with the DeepL-Auth-Key header', async () => {
    fake.requests.length = 0;
    expect(await deepl().translate({ text: 'Buongiorno.', source: 'it', target: 'de' })).toBe('[DE] Buongiorno.');
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/v2/translate' });
    expect(request!.headers.authorization).toBe(`DeepL-Auth-Key ${FAKE_DEEPL_KEY}`);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request!.body)).toEqual({ text: ['Buongiorno.'], source_lang: 'IT', target_lang: 'DE' });
  });

  it('sends plain source codes and the target variants DeepL asks for', async () => {
    fake.requests.length = 0;
    for (const lang of LANGUAGES) {
      await deepl().translate({ text: 'x', source: lang, target: lang === 'fr' ? 'en' : 'fr' });
      await deepl().translate({ text: 'x', source: lang === 'fr' ? 'en' : 'fr', target: lang });
    }
    const sources = fake.requests.filter((_, i) => i % 2 === 0).map((r) => r.source);
    const targets = fake.requests.filter((_, i) => i % 2 === 1).map((r) => r.target);
    expect(sources).toEqual(['DE', 'EN', 'AR', 'ZH', 'KO', 'ES', 'FR', 'IT', 'PT', 'RU']);
    expect(targets).toEqual(['DE', 'EN-GB', 'AR', 'ZH-HANS', 'KO', 'ES', 'FR', 'IT', 'PT-PT', 'RU']);
  });

  it('writes American English or Brazilian Portuguese when told to', async () => {
    fake.requests.length = 0;
    const american = deepl({ english: 'EN-US', portuguese: 'PT-BR' });
    await american.translate({ text: 'Bonjour.', source: 'fr', target: 'en' });
    await american.translate({ text: 'Bonjour.', source: 'fr', target: 'pt' });
    expect(fake.requests.map((r) => r.target)).toEqual(['EN-US', 'PT-BR']);
  });

  it('chooses the Free endpoint for a :fx key, the Pro one otherwise', () => {
    expect(deeplDefaultUrl('0f1e2d3c-aaaa-bbbb-cccc-0123456789ab:fx')).toBe('https://api-free.deepl.com');
    expect(deeplDefaultUrl('0f1e2d3c-aaaa-bbbb-cccc-0123456789ab')).toBe('https://api.deepl.com');
  });

  it('sends paragraphs as separate texts, at most 50 per request, and keeps the layout exactly', async () => {
    fake.requests.length = 0;
    const paragraphs = Array.from({ length: 120 }, (_, i) => `Absatz ${i + 1}.`);
    const text = `${paragraphs.join('\n\n')}\n`;
    const out = await deepl().translate({ text, source: 'de', target: 'es' });
    expect(fake.requests.map((r) => r.texts.length)).toEqual([50, 50, 20]);
    expect(fake.requests.flatMap((r) => r.texts)).toEqual(paragraphs);
    expect(out).toBe(`${paragraphs.map((p) => `[ES] ${p}`).join('\n\n')}\n`);
  });

  it('refuses to send a body over 128 KiB, as too-large, without a request', async () => {
    fake.requests.length = 0;
    const text = '文'.repeat(50_000); // 150,000 bytes in UTF-8
    const error = await expectFailure(deepl().translate({ text, source: 'zh', target: 'fr' }), 'too-large');
    expect(error.message).toContain('128 KiB');
    expect(fake.requests).toHaveLength(0);
  });

  it('counts its limit in JSON-escaped UTF-8 bytes, so translateLong cuts requests that fit', async () => {
    fake.requests.length = 0;
    const translator = deepl();
    expect(translator.measure).toBe(jsonUtf8Length);
    const paragraph = `${'深度学习的国际法问题与网络安全。'.repeat(200)}"引号"\n`; // ~9.6 KB of UTF-8, plus escapes
    const text = Array.from({ length: 40 }, () => paragraph.trim()).join('\n\n');
    const out = await translateLong(translator, { text, source: 'zh', target: 'en' });
    expect(fake.requests.length).toBeGreaterThan(2);
    for (const request of fake.requests)
      expect(Buffer.byteLength(request.body)).toBeLessThanOrEqual(DEEPL_REQUEST_LIMIT);
    expect(out.split('\n\n')).toHaveLength(40);
  });

  it('456 is quota exceeded: retryable later, not an auth failure', async () => {
    fake.fail({ status: 456, body: { message: 'Quota exceeded' } });
    const error = await expectFailure(deepl().translate({ text: 'Hallo.', source: 'de', target: 'fr' }), 'quota');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('Quota exceeded');
  });

  it('a key refused by the endpoint (403) is an auth failure that shows DeepL’s explanation, not the key', async () => {
    const wrong = deepl({ authKey: 'wrong-key-123' });
    const error = await expectFailure(wrong.translate({ text: 'Hallo.', source: 'de', target: 'fr' }), 'auth', {
      key: 'wrong-key-123',
    });
    expect(error.message).toContain('Authorization failure');
  });

  it('a target language DeepL does not have is unsupported', async () => {
    fake.fail({ status: 400, body: { message: "Value for 'target_lang' not supported." } });
    await expectFailure(deepl().translate({ text: 'Hallo.', source: 'de', target: 'ar' }), 'unsupported');
  });

  it('fewer translations than texts is malformed', async () => {
    fake.fail({ status: 200, body: { translations: [{ detected_source_language: 'DE', text: 'Hello.' }] } });
    await expectFailure(deepl().translate({ text: 'Hallo.\n\nTschüss.', source: 'de', target: 'en' }), 'malformed');
  });
});

describeErrorContract({
  name: 'deepl',
  start: () => startFakeDeepL(),
  translator: (url, options) => createDeepLTranslator({ url, authKey: FAKE_DEEPL_KEY, ...options }),
  errorBody: (_, message) => ({ message }),
  secret: FAKE_DEEPL_KEY,
});
