/**
 * The whole of an expert's first hour, with the keyboard only (no click, no
 * mouse, no `fill`): first run → a question → a contribution → highlight a
 * passage → write a note → tag it → save → find it in the notebook → export.
 * Each step moves focus with Tab (or Shift+Tab) and acts with Enter or Space,
 * as a keyboard user would; a step that cannot be reached fails the test.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseWebAnnotationCollection } from '../../shared/export/web-annotation.js';
import { launchChromium } from '../support/chromium.js';
import { e2eServer, upToDate } from '../support/e2e-server.js';

const server = e2eServer('keyboard', () => ({ translator: null }));

/** More than any screen's number of stops: going round the whole page means the target is not reachable. */
const MAX_TABS = 250;

/**
 * Presses Tab until the focused element matches the selector; fails if it
 * never does. Returns how many presses it took.
 */
async function tabTo(page: Page, selector: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<number> {
  for (let presses = 1; presses <= MAX_TABS; presses++) {
    await page.keyboard.press(key);
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return presses;
  }
  throw new Error(`${selector} cannot be reached with ${key}`);
}

const hash = (page: Page) => page.evaluate(() => window.location.hash);

describe('keyboard only', () => {
  it('goes from the first run to an exported note without the mouse', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`${server.url()}/`);

      // First run: the demo server.
      await page.getByTestId('use-demo-server').waitFor();
      await tabTo(page, '[data-testid=use-demo-server]');
      await page.keyboard.press('Enter');
      await upToDate(page);

      // The agenda: skip to the content, then the first question.
      await tabTo(page, 'a[href^="#/questions/"]');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.location.hash.startsWith('#/questions/'));

      // The question: its first contribution.
      await page.getByTestId('contribution-item').first().waitFor();
      await tabTo(page, 'a[href^="#/contributions/"]');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.location.hash.startsWith('#/contributions/'));
      const contribution = decodeURIComponent((await hash(page)).split('/')[2]!);

      // Read it: into the text, caret at the start, select the first line, Enter to annotate.
      await page.getByTestId('text-body').first().waitFor();
      await tabTo(page, '[data-testid=text-body]');
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Shift+End');
      await page.keyboard.press('Enter');
      const editor = page.getByTestId('annotation-editor');
      await editor.waitFor();
      const quote = ((await editor.locator('blockquote').textContent()) ?? '').trim();
      expect(quote.length).toBeGreaterThan(3);

      // The note field has the focus: write, then tag with Space, then save with Enter.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('note-input');
      const note = 'Due diligence as an obligation of conduct — keyboard only.';
      await page.keyboard.type(note);
      await tabTo(page, '[data-testid=tag-choice]');
      await page.keyboard.press('Space');
      const tagId = await page.evaluate(() => document.activeElement?.getAttribute('data-tag-id'));
      expect(tagId).toBeTruthy();
      await tabTo(page, '[data-testid=save-annotation]');
      await page.keyboard.press('Enter');
      await editor.waitFor({ state: 'detached' });
      expect(await page.getByTestId('highlight').allTextContents()).toEqual([quote]);

      // The notebook, from the navigation (Shift+Tab back up to it).
      await tabTo(page, '[data-testid=nav-notebook]', 'Shift+Tab');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.location.hash === '#/notebook');
      const card = page.getByTestId('annotation-card');
      await expect.poll(() => card.count()).toBe(1);
      expect(await card.first().textContent()).toContain(note);

      // Export as W3C Web Annotations.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        tabTo(page, '[data-testid=export-jsonld]').then(() => page.keyboard.press('Enter')),
      ]);
      const parsed = parseWebAnnotationCollection(JSON.parse(readFileSync((await download.path())!, 'utf8')));
      if (!parsed.ok) throw new Error(`the export does not parse back: ${JSON.stringify(parsed)}`);
      expect(parsed.annotations).toHaveLength(1);
      const [exported] = parsed.annotations;
      expect(exported!.target.quote.exact).toBe(quote);
      expect(exported!.note).toBe(note);
      expect(exported!.tags.map((tag) => tag.id)).toEqual([tagId]);
      expect(exported!.target.contributionId).toBe(contribution);
    } finally {
      await browser.dispose();
    }
  });
});
