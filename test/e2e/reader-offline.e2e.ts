/**
 * The expert's day, end to end: the built web renderer served by the real
 * seminar server, real IndexedDB in Debian's Chromium. First sync of the demo
 * corpus, then the server goes away and the app still reads, after a restart
 * too, in Arabic as in any language.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../server/start.js';
import { launchChromium } from '../support/chromium.js';

const STATIC_DIR = join(import.meta.dirname, '..', '..', 'dist', 'renderer');

type Server = Awaited<ReturnType<typeof startServer>>;

let dataDir: string;
let server: Server | undefined;
let port = 0;

async function start(): Promise<Server> {
  server = await startServer({ port, dataDir, demo: true, staticDir: STATIC_DIR });
  port = Number(new URL(server.url).port);
  return server;
}

async function waitUpToDate(page: Page): Promise<void> {
  await page.locator('[data-testid=sync-status][data-up-to-date="true"]').waitFor({ timeout: 60_000 });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'seminar-desk-e2e-'));
  await start();
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('reading offline', () => {
  it('syncs the demo corpus, then reads with the server stopped, after a restart, in Arabic', async () => {
    const browser = await launchChromium();
    try {
      let page = await browser.context.newPage();
      await page.goto(`${server!.url}/`);
      await page.getByTestId('use-demo-server').click();
      await waitUpToDate(page);
      // The app shell is cached by the service worker once it controls the page.
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
      await page.getByTestId('nav-agenda').click();
      await expect.poll(() => page.getByTestId('agenda-day').count()).toBe(2);

      await server!.close();
      server = undefined;
      await browser.close();

      // Restart the "app": same profile, server gone.
      const reopened = await launchChromium(browser.profileDir);
      try {
        page = await reopened.context.newPage();
        await page.goto(`http://127.0.0.1:${port}/`);
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
      if (!server) await start();
    }
  });
});
