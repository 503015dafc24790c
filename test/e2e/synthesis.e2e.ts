/**
 * Two rapporteurs' devices (two Chromium profiles) write one synthesis: a
 * quote inserted from a note carries its citation; both edit the same
 * paragraph offline; after reconnecting both hold the same merged document;
 * the citation opens the quoted passage. Real server, real IndexedDB.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { connect as connectTo, e2eServer, resync } from '../support/e2e-server.js';

const server = e2eServer('synthesis', () => ({ translator: null }));
const { start, stop } = server;
const url = server.url;
const connect = (page: Page) => connectTo(page, url());

const editorText = (page: Page) => page.getByTestId('synthesis-text').innerText();

describe('a synthesis written on two devices', () => {
  it('quotes a note with its citation, merges concurrent offline edits, and the citation opens the passage', async () => {
    const a = await launchChromium();
    const b = await launchChromium();
    try {
      const pa = await a.context.newPage();
      const pb = await b.context.newPage();
      await connect(pa);
      await connect(pb);

      // Device A notes a passage of the first question's first contribution.
      await pa.getByTestId('nav-agenda').click();
      await pa.getByTestId('question-link').first().click();
      const questionId = decodeURIComponent(new URL(pa.url()).hash.split('/').at(-1)!);
      await pa.getByTestId('contribution-item').first().click();
      const body = pa.getByTestId('text-body').first();
      await body.focus();
      await pa.keyboard.press('Control+Home');
      await pa.keyboard.press('Shift+End');
      await pa.keyboard.press('Enter');
      await pa.getByTestId('note-input').fill('À citer dans la synthèse.');
      await pa.getByTestId('save-annotation').click();
      await pa.getByTestId('annotation-editor').waitFor({ state: 'detached' });

      // A starts a synthesis of that question, writes a sentence and inserts the quote.
      await pa.getByTestId('nav-syntheses').click();
      await pa.getByTestId('new-synthesis-question').selectOption(questionId);
      await pa.getByTestId('new-synthesis-title').fill('Synthèse de la question');
      await pa.getByTestId('new-synthesis-language').selectOption('fr');
      await pa.getByTestId('create-synthesis').click();
      const editor = pa.getByTestId('synthesis-text');
      await editor.click();
      await pa.keyboard.type('La diligence raisonnable est une obligation de comportement.');
      await pa.getByTestId('insert-quote').first().click();
      await expect.poll(() => pa.getByTestId('citation').count()).toBeGreaterThan(0);
      const synthesisHash = new URL(pa.url()).hash;
      await resync(pa);

      // B opens it and sees the same document.
      await resync(pb);
      await pb.goto(`${url()}/${synthesisHash}`);
      await expect.poll(() => editorText(pb), { timeout: 30_000 }).toBe(await editorText(pa));

      // Both offline; A adds at the end of the sentence, B at its start.
      await stop();
      await pa.getByTestId('synthesis-text').locator('p').first().click();
      await pa.keyboard.press('End');
      await pa.keyboard.type(' Elle ne garantit pas un résultat.');
      await pb.getByTestId('synthesis-text').locator('p').first().click();
      await pb.keyboard.press('Home');
      await pb.keyboard.type('En droit international, ');
      // Edits are written a moment after typing stops (and at once when the page is left).
      for (const page of [pa, pb]) {
        await page.waitForTimeout(1_000);
        await expect.poll(() => page.getByTestId('synthesis-saved').textContent()).toContain('Saved on this device');
      }
      await start();
      await resync(pa);
      await resync(pb);
      await resync(pa);
      const merged =
        'En droit international, La diligence raisonnable est une obligation de comportement. Elle ne garantit pas un résultat.';
      await expect.poll(async () => (await editorText(pa)).split('\n')[0], { timeout: 30_000 }).toBe(merged);
      await expect.poll(async () => (await editorText(pb)).split('\n')[0], { timeout: 30_000 }).toBe(merged);
      expect(await editorText(pb)).toBe(await editorText(pa));

      // The citation opens the quoted passage, at its highlight.
      await pb.getByTestId('citation').first().click();
      await expect.poll(() => new URL(pb.url()).hash).toMatch(/^#\/contributions\/[^/]+\/notes\/[^/]+$/);
      await pb.locator('.highlight-focused').first().waitFor({ timeout: 30_000 });
    } finally {
      await a.dispose();
      await b.dispose();
      await server.ensureStarted();
    }
  });
});
