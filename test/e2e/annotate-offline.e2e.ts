/**
 * Annotating with no server: an expert highlights passages in Arabic and in
 * Chinese with the keyboard, restarts the app, finds the highlights where they
 * were, and exports the notes as W3C Web Annotation JSON-LD that parses back.
 * Real server (for the first sync only), real IndexedDB, Debian's Chromium.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseWebAnnotationCollection } from '../../shared/export/web-annotation.js';
import { launchChromium } from '../support/chromium.js';
import { connect, e2eServer } from '../support/e2e-server.js';

const server = e2eServer('annotate');

interface Saved {
  contribution: string;
  lang: string;
  quote: string;
}

/** Opens the first contribution of the n-th question of the agenda. */
async function openContribution(page: Page, n: number): Promise<string> {
  await page.getByTestId('nav-agenda').click();
  await page.getByTestId('question-link').nth(n).click();
  await page.getByTestId('contribution-item').first().click();
  await page.getByTestId('notes-panel').waitFor();
  return decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
}

/** Keyboard only: caret to the start of the text, Shift+End to select the first line, Enter to annotate. */
async function annotateFirstLine(page: Page, note: string): Promise<string> {
  const body = page.getByTestId('text-body').first();
  await body.focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Enter');
  const editor = page.getByTestId('annotation-editor');
  await editor.waitFor();
  const quote = (await editor.locator('blockquote').textContent()) ?? '';
  await editor.getByTestId('note-input').fill(note);
  await editor.getByTestId('visibility-seminar').check();
  await editor.getByTestId('save-annotation').click();
  await editor.waitFor({ state: 'detached' });
  return quote;
}

async function highlightTexts(page: Page): Promise<string[]> {
  return page.getByTestId('highlight').allTextContents();
}

describe('annotating offline', () => {
  it('annotates in Arabic and Chinese, keeps the highlights across a restart, and exports JSON-LD', async () => {
    const browser = await launchChromium();
    const url = server.url();
    const saved: Saved[] = [];
    try {
      let page = await browser.context.newPage();
      await connect(page, url);
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });

      // From here on there is no server.
      await server.stop();

      for (const [lang, n, note] of [
        ['ar', 0, 'ملاحظة: العناية الواجبة'],
        ['zh', 1, '笔记：归因问题'],
      ] as const) {
        await page.getByTestId('language-picker').selectOption(lang);
        const contribution = await openContribution(page, n);
        expect(await page.getByTestId('text-body').first().getAttribute('lang')).toBe(lang);
        const quote = await annotateFirstLine(page, note);
        expect(quote.length).toBeGreaterThan(3);
        expect(await highlightTexts(page)).toEqual([quote]);
        expect(await page.getByTestId('annotation-note').first().textContent()).toBe(note);
        saved.push({ contribution, lang, quote });
      }
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('ltr');
      await browser.close();

      // Restart the app on the same profile, server still gone.
      const reopened = await launchChromium(browser.profileDir);
      try {
        page = await reopened.context.newPage();
        await page.goto(`${url}/`);
        for (const { contribution, lang, quote } of saved) {
          await page.goto(`${url}/#/contributions/${encodeURIComponent(contribution)}`);
          await page.getByTestId('notes-panel').waitFor();
          await page.getByTestId('show-annotation').first().click();
          await expect.poll(() => page.getByTestId('text-body').first().getAttribute('lang')).toBe(lang);
          await expect.poll(() => highlightTexts(page)).toEqual([quote]);
          const card = page.getByTestId('annotation-card').first();
          expect(await card.getAttribute('data-status')).toBe('anchored');
        }

        await page.getByTestId('nav-notebook').click();
        await expect.poll(() => page.getByTestId('annotation-card').count()).toBe(2);
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId('export-jsonld').click(),
        ]);
        expect(download.suggestedFilename()).toMatch(/\.jsonld$/);
        const json: unknown = JSON.parse(readFileSync((await download.path())!, 'utf8'));
        const parsed = parseWebAnnotationCollection(json);
        if (!parsed.ok) throw new Error(`export does not parse back: ${JSON.stringify(parsed)}`);
        const quotes = parsed.annotations.map((a) => a.target.quote.exact).sort();
        expect(quotes).toEqual(saved.map((s) => s.quote).sort());
        expect(parsed.annotations.map((a) => a.target.language).sort()).toEqual(['ar', 'zh']);
      } finally {
        await reopened.dispose();
      }
    } finally {
      await browser.dispose();
    }
  });
});
