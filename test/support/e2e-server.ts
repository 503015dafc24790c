import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { startServer, type StartOptions } from '../../server/start.js';

/** The built web renderer the end-to-end tests load. */
export const STATIC_DIR = join(import.meta.dirname, '..', '..', 'dist', 'renderer');

/** A data folder of its own, a copy of the run's demo folder (demo-folder-global-setup.ts): seeded already. */
export function demoDataDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `seminar-desk-${name}-`));
  cpSync(inject('demoDataDir'), dir, { recursive: true });
  return dir;
}

/**
 * The real seminar server for an end-to-end test file, in a data folder of
 * its own (the demo's, seeded), stopped and started again on the same port (the browser's app
 * keeps its server URL) to take the devices offline and back.
 */
export function e2eServer(name: string, options: () => Partial<StartOptions> = () => ({})) {
  let dataDir = '';
  let port = 0;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  const handle = {
    async start() {
      server = await startServer({ port, dataDir, demo: true, staticDir: STATIC_DIR, ...options() });
      port = Number(new URL(server.url).port);
      return server;
    },
    async stop() {
      await server?.close();
      server = undefined;
    },
    /** Started again if a test left it stopped. */
    async ensureStarted() {
      if (!server) await handle.start();
    },
    url: () => `http://127.0.0.1:${port}`,
    /** The running server (its database, for a test's own fixtures). */
    current() {
      if (!server) throw new Error('the e2e server is stopped');
      return server;
    },
  };
  beforeAll(async () => {
    dataDir = demoDataDir(name);
    await handle.start();
  });
  afterAll(async () => {
    await handle.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return handle;
}

export const upToDate = (page: Page) =>
  page.locator('[data-testid=sync-status][data-up-to-date="true"]').waitFor({ timeout: 60_000 });

/** First run in web mode: the demo sign-in, then the first sync. */
export async function connect(page: Page, url: string) {
  await page.goto(`${url}/`);
  await page.getByTestId('use-demo-server').click();
  await upToDate(page);
}

/** Back online: sync now rather than wait for the retry timer, until nothing is left to send. */
export async function resync(page: Page) {
  // The button is there only while offline; a retry in the background may get there first.
  await page
    .getByTestId('sync-now')
    .click({ timeout: 2_000 })
    .catch(() => undefined);
  await upToDate(page);
  await page.getByTestId('unsent-count').waitFor({ state: 'detached', timeout: 60_000 });
}
