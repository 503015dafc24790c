/**
 * Briefing materials end to end, in Chromium on the built web renderer: the
 * background download after the first sync, cut mid-file and resumed after a
 * restart from the chunks already stored (a Range request, not from zero),
 * then, with the server gone and the browser restarted, the files still on
 * the device with the hash the server announced.
 */
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueToken, upsertParticipant } from '../../server/auth/tokens.js';
import { MATERIAL_CHUNK_BYTES } from '../../shared/bridge.js';
import { launchChromium } from '../support/chromium.js';
import { connect, e2eServer } from '../support/e2e-server.js';

const server = e2eServer('e2e-materials');
const video = randomBytes(Math.round(3.5 * MATERIAL_CHUNK_BYTES));
const hash = createHash('sha256').update(video).digest('hex');

/** The file as the page holds it in its Cache API, hashed in the page. */
const cachedHash = (sha: string) => `(async () => {
  const cache = await caches.open('seminar-materials');
  const keys = (await cache.keys()).filter((r) => r.url.includes('/materials-cache/${sha}/'));
  keys.sort((a, b) => Number(a.url.split('/').at(-1)) - Number(b.url.split('/').at(-1)));
  const parts = [];
  for (const key of keys) parts.push(new Uint8Array(await (await cache.match(key)).arrayBuffer()));
  const digest = await crypto.subtle.digest('SHA-256', await new Blob(parts).arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
})()`;

describe('materials offline', () => {
  it('downloads after the corpus, resumes a cut download after a restart, and keeps the files with the server gone', async () => {
    const { db, url } = server.current();
    await upsertParticipant(db, { id: 'sec', name: 'Secretariat', roles: ['secretariat'], language: 'en' });
    const token = await issueToken(db, 'sec');
    const headers = { authorization: `Bearer ${token}` };
    const put = await fetch(`${url}/api/material-blobs/${hash}`, {
      method: 'PUT',
      headers: { ...headers, 'content-type': 'application/octet-stream' },
      body: new Uint8Array(video),
    });
    expect(put.status).toBe(201);
    const created = await fetch(`${url}/api/materials`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'e2e-video',
        owner: { kind: 'question', id: 'legal-I-i' },
        title: { en: 'Presentation video' },
        mediaType: 'video/webm',
        sha256: hash,
      }),
    });
    expect(created.status).toBe(200);

    const browser = await launchChromium();
    try {
      let page = await browser.context.newPage();
      // The first answer for the video stops after two and a half chunks; later ones fail (the link is gone)
      // until `cut` is lifted. The route stays in place: after the cut it passes every request on to the
      // server and notes its Range header and the server's status, whichever page (before or after the
      // reload) sent it, so no request can slip between an unroute and the reload unseen.
      let answers = 0;
      let cut = true;
      const resumed: { range: string; status: number }[] = [];
      await page.route('**/api/materials/e2e-video/content', async (route) => {
        if (!cut) {
          const range = route.request().headers()['range'] ?? 'whole';
          const response = await route.fetch().catch(() => null);
          if (!response) return;
          resumed.push({ range, status: response.status() });
          return route.fulfill({ response }).catch(() => undefined); // the reload may have cut it
        }
        answers += 1;
        if (answers > 1) return route.abort('connectionreset');
        const response = await route.fetch();
        const body = (await response.body()).subarray(0, Math.round(2.5 * MATERIAL_CHUNK_BYTES));
        return route.fulfill({ response, body });
      });
      await connect(page, server.url());
      await page.goto(`${server.url()}/#/questions/legal-I-i`);
      const item = page.getByTestId('material-e2e-video');
      // "Waiting to download" is also the state before the first try: wait for the cut and the failed retry first.
      await expect.poll(() => answers, { timeout: 60_000 }).toBeGreaterThan(1);
      await item.getByText('Waiting to download').waitFor({ timeout: 60_000 });
      // The sample study (small, first) is whole already.
      await page.getByTestId('material-demo-sample-study').locator('.status-done').waitFor();
      // Restart: a reload starts the app anew (the web mode keeps its token for the session only,
      // so a reload rather than a new browser); the download goes on from the third chunk: every
      // request from here on resumes at a chunk boundary at or after the two whole chunks stored
      // before the cut, none starts from zero, and the server answers them with part of the file.
      cut = false;
      await page.reload();
      await page.getByTestId('material-e2e-video').locator('.status-done').waitFor({ timeout: 60_000 });
      const seen = JSON.stringify(resumed);
      expect(resumed.length, seen).toBeGreaterThan(0);
      for (const { range, status } of resumed) {
        const start = /^bytes=(\d+)-$/.exec(range)?.[1];
        expect(start, `request with ${range}: ${seen}`).toBeDefined();
        expect(Number(start) % MATERIAL_CHUNK_BYTES, seen).toBe(0);
        expect(Number(start), seen).toBeGreaterThanOrEqual(2 * MATERIAL_CHUNK_BYTES);
        expect(status, seen).toBe(206);
      }
      expect(await page.evaluate(cachedHash(hash))).toBe(hash);
      await browser.close();

      // Server gone, browser restarted: the files are still here, and say so.
      await server.stop();
      const offline = await launchChromium(browser.profileDir);
      try {
        page = await offline.context.newPage();
        await page.goto(`${server.url()}/#/questions/legal-I-i`);
        await page.getByTestId('material-e2e-video').getByText('Available offline').waitFor({ timeout: 60_000 });
        expect(await page.evaluate(cachedHash(hash))).toBe(hash);
        // The sample study reads with pdf.js from the stored chunks, its text selectable in the text layer.
        await page.getByTestId('read-demo-sample-study').click();
        await page.locator('[data-testid=pdf-reader][data-state=ready]').waitFor({ timeout: 120_000 });
        await expect
          .poll(() => page.locator('.pdf-page[data-page="1"] .textLayer').innerText())
          .toContain('Sample material - generated for the demo');
        // Ready with its first page; the others follow one by one.
        await expect.poll(() => page.locator('.pdf-page').count()).toBe(4);
        await page.goto(`${server.url()}/#/settings`);
        await page.getByTestId('material-storage').getByText('100 %').first().waitFor();
      } finally {
        await offline.close();
      }
    } finally {
      await browser.dispose();
      await server.ensureStarted();
    }
  });
});
