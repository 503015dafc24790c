import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLibreTranslateTranslator } from '../../../server/translate/adapters/libretranslate.js';
import { startFakeLibreTranslate, type FakeTranslator } from '../../support/fake-translators.js';
import { describeErrorContract, expectFailure } from './error-contract.js';

describe('libretranslate adapter, requests', () => {
  let fake: FakeTranslator;
  beforeAll(async () => {
    fake = await startFakeLibreTranslate();
  });
  afterAll(() => fake?.close());
  const libre = (apiKey?: string) => createLibreTranslateTranslator({ url: fake.url, apiKey });

  it('posts JSON {q, source, target, format: "text"} to /translate and reads translatedText', async () => {
    fake.requests.length = 0;
    expect(await libre().translate({ text: 'Guten Tag.', source: 'de', target: 'fr' })).toBe('[fr] Guten Tag.');
    const [request] = fake.requests;
    expect(request).toMatchObject({ method: 'POST', path: '/translate' });
    expect(request!.headers['content-type']).toBe('application/json');
    // Without a key configured, no api_key field at all (a server with keys answers 400, which is clearer).
    expect(JSON.parse(request!.body)).toEqual({ q: 'Guten Tag.', source: 'de', target: 'fr', format: 'text' });
  });

  it('sends the key as api_key in the body, never in the URL', async () => {
    const keyed = await startFakeLibreTranslate({ apiKey: 'lt-key' });
    try {
      const translator = createLibreTranslateTranslator({ url: keyed.url, apiKey: 'lt-key' });
      expect(await translator.translate({ text: 'Hola.', source: 'es', target: 'it' })).toBe('[it] Hola.');
      expect(JSON.parse(keyed.requests[0]!.body)).toMatchObject({ api_key: 'lt-key' });
      expect(keyed.requests[0]!.query.size).toBe(0);

      const wrong = createLibreTranslateTranslator({ url: keyed.url, apiKey: 'wrong-key' });
      const refused = await expectFailure(wrong.translate({ text: 'Hola.', source: 'es', target: 'it' }), 'auth', {
        key: 'wrong-key',
      });
      expect(refused.status).toBe(403);
      // A server that wants a key answers 400 when there is none: still an auth failure.
      const missing = createLibreTranslateTranslator({ url: keyed.url });
      expect(
        (await expectFailure(missing.translate({ text: 'Hola.', source: 'es', target: 'it' }), 'auth')).status,
      ).toBe(400);
    } finally {
      await keyed.close();
    }
  });

  it('sends several paragraphs as a list and keeps the layout between them exactly', async () => {
    fake.requests.length = 0;
    const text = 'Первый абзац.\n\nВторой абзац.\r\n\r\nТретий.';
    const out = await libre().translate({ text, source: 'ru', target: 'ko' });
    expect(JSON.parse(fake.requests[0]!.body).q).toEqual(['Первый абзац.', 'Второй абзац.', 'Третий.']);
    expect(out).toBe('[ko] Первый абзац.\n\n[ko] Второй абзац.\r\n\r\n[ko] Третий.');
  });

  it('sends nothing for an empty text (LibreTranslate would refuse a missing q)', async () => {
    fake.requests.length = 0;
    expect(await libre().translate({ text: '', source: 'fr', target: 'en' })).toBe('');
    expect(fake.requests).toHaveLength(0);
  });

  it('uses zh for Chinese, and zh-Hans on a server that only knows that, once found out', async () => {
    fake.requests.length = 0;
    await libre().translate({ text: '你好。', source: 'zh', target: 'en' });
    expect(fake.requests.map((r) => r.source)).toEqual(['zh']);

    const hosted = await startFakeLibreTranslate({ chinese: 'zh-Hans' });
    try {
      const translator = createLibreTranslateTranslator({ url: hosted.url });
      expect(await translator.translate({ text: 'Bonjour.', source: 'fr', target: 'zh' })).toBe('[zh-Hans] Bonjour.');
      expect(await translator.translate({ text: '你好。', source: 'zh', target: 'fr' })).toBe('[fr] 你好。');
      // One refused request to find out, then zh-Hans straight away.
      expect(hosted.requests.map((r) => [r.source, r.target])).toEqual([
        ['fr', 'zh'],
        ['fr', 'zh-Hans'],
        ['zh-Hans', 'fr'],
      ]);
    } finally {
      await hosted.close();
    }
  });

  it('a server without the language says unsupported, after trying the other Chinese code once', async () => {
    const noChinese = await startFakeLibreTranslate({ languages: ['fr', 'en'] });
    try {
      const translator = createLibreTranslateTranslator({ url: noChinese.url });
      const error = await expectFailure(
        translator.translate({ text: 'Oui.', source: 'fr', target: 'zh' }),
        'unsupported',
      );
      expect(error.retryable).toBe(false);
      expect(noChinese.requests.map((r) => r.target)).toEqual(['zh', 'zh-Hans']);
      await expectFailure(translator.translate({ text: 'Oui.', source: 'fr', target: 'ko' }), 'unsupported');
      expect(noChinese.requests).toHaveLength(3);
    } finally {
      await noChinese.close();
    }
  });

  it("a text over the server's --char-limit is too-large, so the caller splits it", async () => {
    const limited = await startFakeLibreTranslate({ charLimit: 10 });
    try {
      const translator = createLibreTranslateTranslator({ url: limited.url });
      const error = await expectFailure(
        translator.translate({ text: 'Un texte trop long.', source: 'fr', target: 'en' }),
        'too-large',
      );
      expect(error.status).toBe(400);
      expect(error.message).toContain('exceeds text limit (10)');
    } finally {
      await limited.close();
    }
  });

  it('a ban for too many limit violations (403) is rate-limited, not a bad key', async () => {
    fake.fail({ status: 403, body: { error: 'Too many request limits violations' } });
    const error = await expectFailure(libre().translate({ text: 'Oui.', source: 'fr', target: 'en' }), 'rate-limited');
    expect(error.retryable).toBe(true);
  });

  it('any other 400 is rejected, not retryable', async () => {
    fake.fail({ status: 400, body: { error: 'Invalid request: missing q parameter' } });
    const error = await expectFailure(libre().translate({ text: 'Oui.', source: 'fr', target: 'en' }), 'rejected');
    expect(error.retryable).toBe(false);
  });

  it('a list answered for one text, or a count that differs, is malformed', async () => {
    fake.fail({ status: 200, body: { translatedText: ['a', 'b'] } });
    await expectFailure(libre().translate({ text: 'Un.\n\nDeux.\n\nTrois.', source: 'fr', target: 'en' }), 'malformed');
    fake.fail({ status: 200, body: { translatedText: 42 } });
    await expectFailure(libre().translate({ text: 'Un.', source: 'fr', target: 'en' }), 'malformed');
  });
});

describeErrorContract({
  name: 'libretranslate',
  start: () => startFakeLibreTranslate({ apiKey: 'lt-secret-key' }),
  translator: (url, options) => createLibreTranslateTranslator({ url, apiKey: 'lt-secret-key', ...options }),
  errorBody: (_, message) => ({ error: message }),
  secret: 'lt-secret-key',
});
