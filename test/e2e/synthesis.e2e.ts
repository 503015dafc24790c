/**
 * Two rapporteurs' devices (two Chromium profiles) write one synthesis: a
 * quote inserted from a note carries its citation; both edit the same
 * paragraph offline; after reconnecting both hold the same merged document;
 * the citation opens the quoted passage. Real server, real IndexedDB.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/start.js';
import { launchChromium } from '../support/chromium.js';

const STATIC_DIR = join(import.meta.dirname, '..', '..', 'dist', 'renderer');

let dataDir: string;
let port = 0;
let server: Awaited<ReturnType<typeof startServer>> | undefined;

async function start() {
  server = await startServer({ port, dataDir, demo: true, staticDir: STATIC_DIR, translator: null });
  port = Number(new URL(server.url).port);
}
async function stop() {
  await server?.close();
  server = undefined;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'seminar-desk-synthesis-'));
  await start();
});
afterAll(async () => {
  await stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const url = () => `http://127.0.0.1:${port}`;
const upToDate = (page: Page) =>
  page.locator('[data-testid=sync-status][data-up-to-date="true"]').waitFor({ timeout: 60_000 });

async function connect(page: Page) {
  await page.goto(`${url()}/`);
  await page.getByTestId('use-demo-server').click();
  await upToDate(page);
}

/** Back online: sync now, and wait until nothing is left to send. */
async function resync(page: Page) {
  await page
    .getByTestId('sync-now')
    .click({ timeout: 2_000 })
    .catch(() => undefined);
  await upToDate(page);
  await page.getByTestId('unsent-count').waitFor({ state: 'detached', timeout: 60_000 });
}

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
      if (!server) await start();
    }
  });
});
