/**
 * A device whose access is revoked from another device of its owner: its
 * next sync says so in words, keeps what was not sent, stops knocking at the
 * server, and signing in again sends it all. Real server, real IndexedDB,
 * Debian's Chromium.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { connect, e2eServer, upToDate } from '../support/e2e-server.js';

const server = e2eServer('revoked');

/** Another device of the demo participant, signed in from this machine (loopback) as a script would. */
async function otherDevice(): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  const res = await fetch(`${server.url()}/api/demo/session`, { method: 'POST' });
  const { token } = (await res.json()) as { token: string };
  return (path, init = {}) => fetch(server.url() + path, { ...init, headers: { authorization: `Bearer ${token}` } });
}

describe('a revoked device', () => {
  it('says its access was revoked, keeps its unsent changes, stops syncing, and signs in again', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await connect(page, server.url());
      const token = await page.evaluate(() => sessionStorage.getItem('seminar-desk.token'));
      expect(token).not.toBeNull();

      const apiCalls: string[] = [];
      page.on('request', (request) => {
        if (new URL(request.url()).pathname.startsWith('/api/')) apiCalls.push(request.url());
      });
      // Revoked from another device: its id is the first 16 hex digits of the token's hash.
      const office = await otherDevice();
      const id = createHash('sha256').update(token!).digest('hex').slice(0, 16);
      expect((await office(`/api/devices/${id}`, { method: 'DELETE' })).status).toBe(200);

      // The device learns why it cannot sync: the server closes its event stream at revocation and the
      // next request (the pull that follows, or the next local write's push) is refused with the reason.
      await page.getByTestId('nav-agenda').click();
      await page.getByTestId('question-link').first().click();
      await page.getByTestId('contribution-item').first().click();
      await page.getByTestId('star-toggle').click();
      const banner = page.getByTestId('sign-in-again');
      await banner.waitFor({ timeout: 30_000 });
      expect(await banner.getAttribute('data-reason')).toBe('token-revoked');
      expect(await banner.textContent()).toContain('Your unsent changes are kept on this device');
      expect(await page.getByTestId('sync-status').textContent()).toMatch(/access was revoked/);
      await page.getByTestId('unsent-count').waitFor();
      expect(apiCalls.length).toBeGreaterThan(0);

      // No retry loop: the worker stays quiet (its first retry or reconnect would come within ~1 s).
      const settled = apiCalls.length;
      await page.waitForTimeout(3_000);
      expect(apiCalls.slice(settled)).toEqual([]);

      // Signed in again (the demo server's button): the star reaches the server.
      await page.getByTestId('sign-in-demo').click();
      await banner.waitFor({ state: 'detached' });
      await upToDate(page);
      await page.getByTestId('unsent-count').waitFor({ state: 'detached', timeout: 60_000 });
      expect(await page.evaluate(() => sessionStorage.getItem('seminar-desk.token'))).not.toBe(token);
    } finally {
      await browser.dispose();
    }
  });
});
