/**
 * Notes on a PDF material end to end, in Chromium on the built web renderer:
 * a passage of the demo's sample study selected in pdf.js's text layer and
 * noted with a codebook tag while the server is gone, highlighted there;
 * back online it reaches the server with its quote and page; after a reload
 * it is found again by its quote and highlighted; it exports as a W3C
 * Web Annotation with its page and quote selectors; and a rapporteur quotes
 * it in the question's synthesis, where it keeps its document and page.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { connect, e2eServer, resync } from '../support/e2e-server.js';

const server = e2eServer('e2e-material-notes');

/** Selects `words` in the text layer of PDF page `page` as a user would, and lets the reader see it. */
async function selectInPdf(page: Page, pdfPage: number, words: string) {
  await page.evaluate(
    ([pdfPage, words]) => {
      const layer = document.querySelector(`.pdf-page[data-page="${pdfPage}"] .textLayer`)!;
      const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(words as string);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + (words as string).length);
        document.getSelection()!.removeAllRanges();
        document.getSelection()!.addRange(range);
        return;
      }
      throw new Error(`"${words}" is not on page ${pdfPage}`);
    },
    [pdfPage, words] as const,
  );
  await page.locator('.pdf-pages').dispatchEvent('mouseup');
}

const highlighted = (page: Page) =>
  page.evaluate(() => {
    const highlight = CSS.highlights.get('material-note');
    return highlight ? [...highlight].map((range) => (range as Range).toString()) : [];
  });

async function openStudy(page: Page, url: string) {
  await page.goto(`${url}/#/questions/legal-I-i`);
  await page.getByTestId('material-demo-sample-study').locator('.status-done').waitFor({ timeout: 60_000 });
  await page.getByTestId('read-demo-sample-study').click();
  await page.locator('[data-testid=pdf-reader][data-text=ready]').waitFor({ timeout: 60_000 });
}

describe('notes on a PDF material', () => {
  it('notes a passage offline, syncs it, re-anchors it after a reload, exports it, and quotes it in a synthesis with its page', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await connect(page, server.url());
      await openStudy(page, server.url());
      await server.stop();

      await selectInPdf(page, 2, 'countermeasures');
      await page.getByTestId('note-pdf-passage').click();
      const editor = page.getByTestId('annotation-editor');
      await expect.poll(() => editor.locator('blockquote').innerText()).toBe('countermeasures');
      await page.getByTestId('note-input').fill('Countermeasures need attribution first.');
      const tag = page.getByTestId('tag-choice').first();
      const tagId = await tag.getAttribute('data-tag-id');
      await tag.check();
      await page.getByTestId('visibility-seminar').check();
      await page.getByTestId('save-annotation').click();
      const note = page.getByTestId('material-note');
      await note.first().waitFor();
      expect(await note.first().innerText()).toContain('Page 2');
      expect(await highlighted(page)).toEqual(['countermeasures']);

      await server.ensureStarted();
      await resync(page);
      // The sync rewrote the materials' rows (the download queue's turn): the open reader stays as it was.
      await page.waitForTimeout(1_000);
      expect(await page.getByTestId('pdf-reader').getAttribute('data-state')).toBe('ready');
      // Ready with its first page; the others follow one by one.
      await expect.poll(() => page.locator('.pdf-page').count()).toBe(4);
      expect(await highlighted(page)).toEqual(['countermeasures']);
      const rows = await server
        .current()
        .db.query<{ target: { page: number; quote: { exact: string } }; note: string; tags: string[] }>(
          `SELECT target, note, tags FROM material_notes WHERE material_id = 'demo-sample-study'`,
        );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        note: 'Countermeasures need attribution first.',
        tags: [tagId],
        target: { page: 2, quote: { exact: 'countermeasures' } },
      });

      await page.reload();
      await openStudy(page, server.url());
      await expect.poll(() => highlighted(page)).toEqual(['countermeasures']);
      expect(await page.getByTestId('material-note').getAttribute('data-state')).toBe('anchored');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-material-notes').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.jsonld$/);
      const json = JSON.parse(readFileSync((await download.path())!, 'utf8'));
      expect(json.first.items[0].target).toMatchObject({
        source: 'urn:seminar-desk:material:demo-sample-study',
        selector: [
          { type: 'TextQuoteSelector', exact: 'countermeasures' },
          { type: 'FragmentSelector', value: 'page=2', refinedBy: { type: 'TextPositionSelector' } },
        ],
      });

      // A rapporteur quotes the passage in the question's synthesis: it keeps its document and page.
      await page.goto(`${server.url()}/#/syntheses`);
      await page.getByTestId('new-synthesis-question').selectOption('legal-I-i');
      await page.getByTestId('new-synthesis-title').fill('Countermeasures');
      await page.getByTestId('new-synthesis-language').selectOption('en');
      await page.getByTestId('create-synthesis').click();
      await page.getByTestId('synthesis-text').click();
      await page.getByTestId('insert-document-quote').first().click();
      const quoted = page.getByTestId('material-quote');
      await expect.poll(() => quoted.innerText()).toBe('countermeasures');
      expect(await quoted.getAttribute('href')).toBe('#/questions/legal-I-i/materials/demo-sample-study/page/2');
      await page.getByTestId('panel-quotes').click();
      expect(await page.getByTestId('document-quote-check').innerText()).toMatch(/Sample study.*p\. 2/s);
      await page.getByTestId('toolbar-export').click();
      const [markdown] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-md').click()]);
      const exported = readFileSync((await markdown.path())!, 'utf8');
      expect(exported).toContain('> countermeasures[^1]');
      expect(exported).toMatch(/\[\^1\]: “Sample study \(generated for the demo\)”, p\. 2\./);
    } finally {
      await browser.dispose();
      await server.ensureStarted();
    }
  });
});
