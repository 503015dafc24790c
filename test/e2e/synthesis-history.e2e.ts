/**
 * One rapporteur's synthesis in the browser: a quote inserted mid-text keeps
 * the paragraph whole and what is typed next out of the quote; the history
 * says when, who and how much changed, with the differences; a citation shows
 * its provenance on hover; a restore is undone by Undo. In English, Arabic
 * and Chinese (screenshots go to SCREENSHOT_DIR when it is set).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { connect, e2eServer, resync } from '../support/e2e-server.js';

const server = e2eServer('synthesis-history', () => ({ translator: null }));
const shots = process.env.SCREENSHOT_DIR;
const shot = async (page: Page, name: string) => {
  if (shots) await page.screenshot({ path: `${shots}/${name}.png`, fullPage: false });
};

describe('the history and the citations of a synthesis', () => {
  it('shows time, author, summary and differences; a citation its provenance; Undo reverts a restore', async () => {
    const { context } = await launchChromium();
    const page = await context.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    await connect(page, server.url());

    await page.getByTestId('nav-agenda').click();
    await page.getByTestId('question-link').first().click();
    const questionId = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1)!);
    await page.getByTestId('contribution-item').first().click();
    const body = page.getByTestId('text-body').first();
    await body.focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Enter');
    await page.getByTestId('note-input').fill('To quote.');
    await page.getByTestId('save-annotation').click();
    await page.getByTestId('annotation-editor').waitFor({ state: 'detached' });

    await page.getByTestId('nav-syntheses').click();
    await page.getByTestId('new-synthesis-question').selectOption(questionId);
    await page.getByTestId('new-synthesis-title').fill('Due diligence');
    await page.getByTestId('new-synthesis-language').selectOption('en');
    await page.getByTestId('create-synthesis').click();
    const editor = page.getByTestId('synthesis-text');
    await editor.click();
    await page.keyboard.type('Due diligence is an obligation of conduct.');
    // The caret in the middle of the sentence: the quote goes after the paragraph, not inside it.
    await page.keyboard.press('Home');
    for (let i = 0; i < 12; i++) await page.keyboard.press('ArrowRight');
    await page.getByTestId('insert-quote').first().click();
    await page.keyboard.type('My own comment.');
    await expect.poll(() => editor.locator('p').first().innerText()).toBe('Due diligence is an obligation of conduct.');
    expect(await editor.locator('blockquote').innerText()).not.toContain('My own comment.');
    expect(await editor.locator(':scope > p').last().innerText()).toBe('My own comment.');

    // The toolbar from the keyboard: Shift+Tab from the text reaches it, arrows move, Enter formats the selection.
    // The paragraph is selected with the mouse once the saves have settled: a selection made with Shift+Home
    // right after typing was sometimes gone when Enter came (two runs in five; cause not found).
    await page.waitForTimeout(1_000);
    await editor.locator(':scope > p').last().click({ clickCount: 3 });
    await page.keyboard.press('Shift+Tab');
    const inToolbar = () => page.evaluate(`!!document.activeElement?.closest('[data-testid=synthesis-toolbar]')`);
    expect(await inToolbar()).toBe(true);
    const focusedId = () => page.evaluate(`document.activeElement?.dataset.testid ?? ''`);
    for (let presses = 0; presses < 20 && (await focusedId()) !== 'format-bold'; presses++)
      await page.keyboard.press('ArrowLeft');
    expect(await focusedId()).toBe('format-bold');
    await page.keyboard.press('Enter');
    await expect.poll(() => editor.locator(':scope > p strong').last().innerText()).toBe('My own comment.');
    expect(await page.getByTestId('format-bold').getAttribute('aria-pressed')).toBe('true');
    await page.waitForTimeout(1_000);
    await resync(page);

    for (const lang of ['en', 'ar', 'zh'] as const) {
      await page.getByTestId('language-picker').selectOption(lang);
      await page.getByTestId('panel-history').click();
      await page.getByTestId('load-history').click();
      const entry = page.getByTestId('history-entry').first();
      await entry.waitFor();
      if (lang === 'en') {
        expect(await entry.getByTestId('history-summary').innerText()).toMatch(
          /\d+ words added, 0 words removed, \d+ paragraphs touched/,
        );
        expect(await entry.locator('time').innerText()).toMatch(/\d{1,2}:\d{2}/);
      }
      // Still open from the language before.
      if ((await page.getByTestId('version-diff').count()) === 0) await entry.getByTestId('history-show-diff').click();
      await page.getByTestId('version-diff').waitFor();
      await shot(page, `history-${lang}`);

      await editor.getByTestId('citation').first().hover();
      const details = page.getByTestId('citation-details');
      await details.waitFor();
      if (lang === 'en') expect(await details.innerText()).toMatch(/version/);
      await shot(page, `citation-${lang}`);
      await page.mouse.move(0, 0);
    }

    // A restore of the first version, then Undo: the text from before the restore is back.
    await page.getByTestId('language-picker').selectOption('en');
    await editor.locator(':scope > p').last().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' More words.');
    const before = await editor.innerText();
    await page.getByTestId('panel-history').click();
    await page.getByTestId('load-history').click();
    await page.getByTestId('history-entry').last().getByRole('button', { name: 'Restore this version' }).click();
    await expect.poll(() => editor.innerText()).not.toBe(before);
    await page.getByTestId('format-undo').click();
    await expect.poll(() => editor.innerText()).toBe(before);

    // The same restore again, undone from the toast that announces it.
    await page.getByTestId('history-entry').last().getByRole('button', { name: 'Restore this version' }).click();
    await expect.poll(() => editor.innerText()).not.toBe(before);
    await page.getByTestId('restored-toast').last().getByTestId('toast-action').click();
    await expect.poll(() => editor.innerText()).toBe(before);
    await context.close();
  });
});
