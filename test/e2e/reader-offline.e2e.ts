/**
 * The expert's day, end to end: the built web renderer served by the real
 * seminar server, real IndexedDB in Debian's Chromium. First sync of the demo
 * corpus, then the server goes away and the app still reads, after a restart
 * too, in Arabic as in any language.
 */
import { describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { connect, e2eServer } from '../support/e2e-server.js';

const server = e2eServer('e2e-reader');

describe('reading offline', () => {
  it('syncs the demo corpus, then reads with the server stopped, after a restart, in Arabic', async () => {
    const browser = await launchChromium();
    try {
      let page = await browser.context.newPage();
      await connect(page, server.url());
      // The app shell is cached by the service worker once it controls the page.
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
      await page.getByTestId('nav-agenda').click();
      await expect.poll(() => page.getByTestId('agenda-day').count()).toBe(2);

      await server.stop();
      await browser.close();

      // Restart the "app": same profile, server gone.
      const reopened = await launchChromium(browser.profileDir);
      try {
        page = await reopened.context.newPage();
        await page.goto(`${server.url()}/`);
        await page.getByTestId('nav-agenda').click();
        await page.getByTestId('question-link').first().click();
        await page.getByTestId('contribution-item').first().waitFor();
        expect(await page.getByTestId('contribution-item').count()).toBeGreaterThan(0);

        await page.getByTestId('language-picker').selectOption('ar');
        await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ar');

        await page.getByTestId('contribution-item').first().click();
        const body = page.getByTestId('text-body').first();
        await body.waitFor();
        // Shown in the UI language: Arabic, right to left, labelled unless it is the original.
        expect(await body.getAttribute('lang')).toBe('ar');
        expect(await body.getAttribute('dir')).toBe('rtl');
        const block = page.getByTestId('text-block').first();
        if ((await block.getAttribute('data-origin')) !== 'original') {
          expect(await page.getByTestId('machine-badge').count()).toBeGreaterThan(0);
          await page.getByTestId('show-original').click();
          await expect.poll(() => page.getByTestId('text-block').first().getAttribute('data-origin')).toBe('original');
        }

        await page.getByTestId('language-picker').selectOption('zh');
        await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('ltr');
        await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('zh');
      } finally {
        await reopened.dispose();
      }
    } finally {
      await browser.dispose();
      await server.ensureStarted();
    }
  });
});
