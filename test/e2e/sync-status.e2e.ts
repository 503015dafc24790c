/**
 * Issue 16, item 3: the sync status tells the truth within a second, both
 * ways. The network goes away (the browser's offline event): "Offline" at
 * once, not "Synchronising…" until a request fails. It comes back: no
 * "Offline" left while a retry timer runs out. The server goes away while the
 * network stays (its live channel drops): "Offline" within a second too.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { connect, e2eServer, upToDate } from '../support/e2e-server.js';

const server = e2eServer('e2e-sync-status');

const phase = (page: Page) => page.getByTestId('sync-status').getAttribute('data-phase');

/** Milliseconds until the status's phase satisfies `ok`, polled every 20 ms (the figure is printed for the report). */
async function msUntil(page: Page, ok: (phase: string | null) => boolean, budgetMs: number, what: string) {
  const start = Date.now();
  await page.waitForFunction(
    (wanted) => {
      const value = document.querySelector('[data-testid=sync-status]')?.getAttribute('data-phase') ?? null;
      return (wanted as string[]).includes(String(value));
    },
    ['idle', 'pulling', 'live', 'offline', 'error', 'starting', 'signed-out'].filter((p) => ok(p)),
    { timeout: budgetMs, polling: 20 },
  );
  const ms = Date.now() - start;
  console.log(`sync status: ${what} in ${ms} ms`);
  return ms;
}

describe('the sync status', () => {
  it('says offline and back within a second of the network going and returning', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await connect(page, server.url());
      expect(await phase(page)).toBe('live');
      // Let the live channel settle, as a user reading would.
      await page.waitForTimeout(1500);

      for (let round = 0; round < 2; round++) {
        await browser.context.setOffline(true);
        await msUntil(page, (p) => p === 'offline', 1000, 'offline after the network went');
        expect(await page.getByTestId('sync-now').count()).toBe(1);
        // And it stays so: nothing claims to be synchronising while there is no network.
        await page.waitForTimeout(1500);
        expect(await phase(page)).toBe('offline');

        await browser.context.setOffline(false);
        await msUntil(page, (p) => p !== 'offline', 1000, 'no longer offline after the network returned');
        await upToDate(page);
        await page.waitForTimeout(500);
      }
    } finally {
      await browser.dispose();
    }
  });

  it('says offline within a second when the server goes away, and up to date once it is back', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await connect(page, server.url());
      await page.waitForTimeout(1500);
      // Gone as a crashed or unplugged server is: its connections cut, not left to finish a graceful close.
      const running = server.current();
      const stopping = server.stop();
      running.app.server.closeAllConnections();
      await stopping;
      // A request that got in while it was closing is cut too, as a dead process's would be.
      running.app.server.closeAllConnections();
      await msUntil(page, (p) => p === 'offline', 1000, 'offline after the server stopped');
      await server.start();
      await upToDate(page);
    } finally {
      await browser.dispose();
      await server.ensureStarted();
    }
  });
});
