/**
 * A delegate writes a contribution in Korean on a plane: offline, the app is
 * closed and reopened (the draft is still there), submitted offline, sent when
 * the server is back; the server translates it through a LibreTranslate-shaped
 * local provider, and a second client reads it in English, machine
 * translation said, original one click away. Real server, real IndexedDB,
 * Debian's Chromium.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLibreTranslateTranslator } from '../../server/translate/adapters/libretranslate.js';
import { launchChromium } from '../support/chromium.js';
import { connect as connectTo, e2eServer } from '../support/e2e-server.js';
import { startFakeLibreTranslate, type FakeTranslator } from '../support/fake-translators.js';

const KOREAN =
  '국가는 사이버 공간에서 상당한 주의 의무를 다해야 한다.\n\n특히 중요 기반 시설에 대한 공격을 막기 위해 서로 협력해야 한다.';

let provider: FakeTranslator;
// The provider starts first: the server is configured with its URL.
beforeAll(async () => {
  provider = await startFakeLibreTranslate();
});
afterAll(() => provider?.close());

const server = e2eServer('contribute', () => ({
  translator: createLibreTranslateTranslator({ url: provider.url }),
  translationQueue: { pollMs: 100 },
}));
const { start, stop } = server;
const url = server.url;
const connect = (page: Page) => connectTo(page, url());

/** What the page keeps in localStorage and sessionStorage, as plain objects. */
const browserStorage = (page: Page) =>
  page.evaluate(() => ({
    local: { ...localStorage } as Record<string, string>,
    session: { ...sessionStorage } as Record<string, string>,
  }));

describe('a contribution written offline', () => {
  it('survives a restart, is sent when back online, and reaches another client translated', async () => {
    const laptop = await launchChromium();
    const other = await launchChromium();
    try {
      let page = await laptop.context.newPage();
      await connect(page);
      // The app shell is cached by the service worker once it controls the page: it opens offline.
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
      await page.getByTestId('nav-agenda').click();
      await page.getByTestId('question-link').first().click();
      const questionHash = new URL(page.url()).hash;

      // On the plane.
      await stop();
      await page.getByTestId('write-contribution').click();
      await page.getByTestId('compose-text').fill(KOREAN);
      await page.getByTestId('draft-saved').waitFor();
      expect(await page.getByTestId('compose-language').inputValue()).toBe('ko');
      const composeHash = new URL(page.url()).hash;
      const id = decodeURIComponent(composeHash.split('/').at(-1)!);

      // In web mode the token lives in this browser session only, never in localStorage.
      const token = (await browserStorage(page)).session['seminar-desk.token'];
      expect(token).toMatch(/^[A-Za-z0-9_-]{16,}$/);
      expect(JSON.stringify((await browserStorage(page)).local)).not.toContain(token!);

      // The app is closed and opened again, still offline: the draft is there, the token is not.
      await laptop.close();
      const reopened = await launchChromium(laptop.profileDir);
      page = await reopened.context.newPage();
      await page.goto(`${url()}/${composeHash}`);
      await expect.poll(() => page.getByTestId('compose-text').inputValue(), { timeout: 30_000 }).toBe(KOREAN);
      const after = await browserStorage(page);
      expect(JSON.stringify(after)).not.toContain(token!);
      expect(after.session['seminar-desk.token']).toBeUndefined();
      expect(await page.getByTestId('sign-in-again').getAttribute('data-reason')).toBe('session');
      expect(await page.getByTestId('sync-status').getAttribute('data-phase')).toBe('signed-out');
      // Everything synced before reads from the device, signed in or not.
      await page.getByTestId('nav-agenda').click();
      await expect.poll(() => page.getByTestId('agenda-day').count()).toBe(2);
      await page.goBack();
      await expect.poll(() => page.getByTestId('compose-text').inputValue()).toBe(KOREAN);

      // Submitted offline; sent once the server is back and the user signed in again for this session.
      await page.getByTestId('submit-draft').click();
      await page.getByTestId('draft-queued').waitFor();
      await start();
      await page.getByTestId('sign-in-demo').click();
      await page.getByTestId('sign-in-again').waitFor({ state: 'detached' });
      await page.getByTestId('draft-gone').waitFor({ timeout: 60_000 });
      expect((await browserStorage(page)).local['seminar-desk.settings']).not.toContain('token');

      // Another client, reading in English, gets it with its machine translations.
      const reader = await other.context.newPage();
      await connect(reader);
      await reader.goto(`${url()}/#/contributions/${encodeURIComponent(id)}`);
      const block = reader.getByTestId('text-block').first();
      await expect.poll(async () => (await block.getAttribute('data-lang')) === 'en', { timeout: 60_000 }).toBe(true);
      expect(await block.getAttribute('data-origin')).toBe('machine');
      expect(await reader.getByTestId('machine-badge').textContent()).toContain('libretranslate');
      expect(await block.textContent()).toContain('[en] 국가는');
      await reader.getByTestId('show-original').click();
      await expect.poll(() => reader.getByTestId('text-block').first().getAttribute('data-origin')).toBe('original');
      expect(provider.requests.filter((r) => r.source === 'ko')).toHaveLength(9);
      expect(questionHash).toMatch(/^#\/questions\//);
      await reopened.close();
    } finally {
      await laptop.dispose();
      await other.dispose();
      await server.ensureStarted();
    }
  });
});
