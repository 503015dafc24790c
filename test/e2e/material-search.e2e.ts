/**
 * PDF text in the offline search, end to end in Chromium: the sample study's
 * text is extracted once after its download (before anyone opens it), the
 * search screen finds words in it with the server gone, and a hit opens the
 * reader at that page. The extracted text is the reader's text layer's, so
 * offsets in one are offsets in the other.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { connect, e2eServer } from '../support/e2e-server.js';

const server = e2eServer('e2e-material-search');

/** The stored pages of a material's text, read from the app's IndexedDB (null while there is none). */
const storedPages = (page: Page, id: string) =>
  page.evaluate(
    (id) =>
      new Promise<string[] | null>((resolve, reject) => {
        const open = indexedDB.open('seminar-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('materialTexts')) return resolve(null);
          const get = db.transaction('materialTexts').objectStore('materialTexts').get(id);
          get.onsuccess = () => resolve((get.result as { pages: string[] } | undefined)?.pages ?? null);
          get.onerror = () => reject(get.error);
        };
      }),
    id,
  );

describe('PDF text in the offline search', () => {
  it('finds words of a downloaded PDF offline and opens the reader at the page', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await connect(page, server.url());
      await expect.poll(() => storedPages(page, 'demo-sample-study'), { timeout: 60_000 }).not.toBeNull();
      const extracted = (await storedPages(page, 'demo-sample-study'))!;
      expect(extracted).toHaveLength(4);
      expect(extracted[2]).toContain('Attribution, countermeasures and the duty to\ncooperate');
      await server.stop();

      await page.goto(`${server.url()}/#/search`);
      await page.getByTestId('search-input').fill('countermeasures cooperate');
      const hits = page.getByTestId('material-hit');
      await expect.poll(() => hits.count(), { timeout: 30_000 }).toBe(4);
      expect(await hits.nth(2).innerText()).toContain('Page 3');
      expect(await hits.nth(2).locator('mark').allInnerTexts()).toEqual(['countermeasures', 'cooperate']);

      await hits.nth(2).locator('a').click();
      await page.waitForURL(/#\/questions\/legal-I-i\/materials\/demo-sample-study\/page\/3$/);
      await page.locator('[data-testid=pdf-reader][data-text=ready]').waitFor({ timeout: 60_000 });
      // The page of the hit is the one in view.
      const top = await page.evaluate(() => {
        const pages = document.querySelector('.pdf-pages')!.getBoundingClientRect();
        const third = document.querySelector('.pdf-page[data-page="3"]')!.getBoundingClientRect();
        return Math.round(third.top - pages.top);
      });
      expect(Math.abs(top)).toBeLessThan(20);
      // What the search read is what the reader shows, character for character.
      const layers = await page.evaluate(`[...document.querySelectorAll('.pdf-page .textLayer')].map((layer) => {
        let text = '';
        const walker = document.createTreeWalker(layer, NodeFilter.SHOW_ALL);
        for (let node = walker.nextNode(); node; node = walker.nextNode())
          text += node.nodeName === 'BR' ? '\\n' : node.nodeType === Node.TEXT_NODE ? node.textContent : '';
        return text;
      })`);
      expect(layers).toEqual(extracted);
    } finally {
      await browser.dispose();
      await server.ensureStarted();
    }
  });
});
