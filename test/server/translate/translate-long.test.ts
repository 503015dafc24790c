import { afterEach, describe, expect, it } from 'vitest';
import { createLibreTranslateTranslator } from '../../../server/translate/adapters/libretranslate.js';
import { splitForTranslation, translateLong } from '../../../server/translate/split-text.js';
import { startFakeLibreTranslate, type FakeTranslator } from '../../support/fake-translators.js';
import { expectFailure } from './error-contract.js';
import { frenchText } from './texts.js';

describe('translateLong', () => {
  let fake: FakeTranslator | undefined;
  afterEach(() => fake?.close());
  const chars = (request: FakeTranslator['requests'][number]) => request.texts.join('').length;

  it('translates a 20,000-character text in requests under the limit and restores every paragraph break', async () => {
    fake = await startFakeLibreTranslate();
    const translator = createLibreTranslateTranslator({ url: fake.url, maxChars: 2_000 });
    const text = `${frenchText(20_000)}\n`;
    const out = await translateLong(translator, { text, source: 'fr', target: 'en' });
    expect(fake.requests.length).toBeGreaterThanOrEqual(10);
    for (const request of fake.requests) expect(chars(request)).toBeLessThanOrEqual(2_000);
    const paragraphs = text.trimEnd().split('\n\n');
    expect(out).toBe(`${paragraphs.map((p) => `[en] ${p}`).join('\n\n')}\n`);
  });

  it('sends nothing for an empty text', async () => {
    fake = await startFakeLibreTranslate();
    const translator = createLibreTranslateTranslator({ url: fake.url });
    expect(await translateLong(translator, { text: '\n', source: 'fr', target: 'en' })).toBe('\n');
    expect(fake.requests).toHaveLength(0);
  });

  it('joins sentences cut from Chinese with the spaces French needs', async () => {
    fake = await startFakeLibreTranslate();
    const translator = createLibreTranslateTranslator({ url: fake.url, maxChars: 20 });
    const text = '国际法适用于网络空间。各国应当如何应对网络攻击？我们建议设立独立机制！';
    const out = await translateLong(translator, { text, source: 'zh', target: 'fr' });
    const sentences = ['国际法适用于网络空间。', '各国应当如何应对网络攻击？', '我们建议设立独立机制！'];
    expect(out).toBe(sentences.map((s) => `[fr] ${s}`).join(' '));
  });

  it('halves a piece the provider refuses as too large, at a sentence boundary, and tries once more', async () => {
    // The server's limit is lower than the translator was told: 300 characters pieces meet a 200 limit.
    fake = await startFakeLibreTranslate({ charLimit: 200 });
    const translator = createLibreTranslateTranslator({ url: fake.url, maxChars: 300 });
    const text = frenchText(1_500);
    const out = await translateLong(translator, { text, source: 'fr', target: 'en' });
    const pieces = splitForTranslation(text, 300, { lang: 'fr' }).pieces;
    const refused = fake.requests.filter((r) => chars(r) > 200);
    expect(refused.length).toBeGreaterThan(0);
    // Each refused piece was followed by its two halves, which together are the piece.
    for (const r of refused) {
      const at = fake.requests.indexOf(r);
      const [first, second] = [fake.requests[at + 1]!, fake.requests[at + 2]!];
      expect(`${first.texts.join('\n\n')} ${second.texts.join('\n\n')}`.replace(/\s+/g, ' ')).toBe(
        r.texts.join('\n\n').replace(/\s+/g, ' '),
      );
      expect(first.texts.at(-1)).toMatch(/[.?!]$/);
    }
    expect(fake.requests).toHaveLength(pieces.length + 2 * refused.length);
    expect(out.split('\n\n')).toHaveLength(text.split('\n\n').length);
    expect(out.replaceAll('[en] ', '')).toBe(text);
  });

  it('gives up with too-large when a half is still refused: only one more try', async () => {
    fake = await startFakeLibreTranslate({ charLimit: 20 });
    const translator = createLibreTranslateTranslator({ url: fake.url, maxChars: 1_000 });
    const text = 'Une première phrase assez longue. Une deuxième phrase assez longue.';
    await expectFailure(translateLong(translator, { text, source: 'fr', target: 'en' }), 'too-large');
    expect(fake.requests.map((r) => r.texts)).toEqual([
      [text],
      ['Une première phrase assez longue.'], // refused too: no third try
    ]);
  });

  it('does not split on any other failure', async () => {
    fake = await startFakeLibreTranslate({ failures: [{ status: 503, body: { error: 'busy' } }] });
    const translator = createLibreTranslateTranslator({ url: fake.url, maxChars: 300 });
    await expectFailure(
      translateLong(translator, { text: frenchText(1_000), source: 'fr', target: 'en' }),
      'unavailable',
    );
    expect(fake.requests).toHaveLength(1);
  });

  it("stops between pieces when the caller's signal is aborted", async () => {
    const controller = new AbortController();
    fake = await startFakeLibreTranslate({
      translate: (text, _, target) => {
        controller.abort(new Error('job cancelled'));
        return `[${target}] ${text}`;
      },
    });
    const translator = createLibreTranslateTranslator({ url: fake.url, maxChars: 300 });
    const text = frenchText(2_000);
    await expect(
      translateLong(translator, { text, source: 'fr', target: 'en', signal: controller.signal }),
    ).rejects.toThrow('job cancelled');
    expect(fake.requests).toHaveLength(1);
  });
});
