/**
 * The demo's sample video end to end, in Chromium on the built web renderer,
 * with the server gone: it plays from the stored bytes, with subtitles in the
 * user's language (another language one choice away), the transcript beside
 * it seeks the video, a time range is noted (Media Fragment t=start,end) and
 * reaches the server once it is back; the transcript is found by the search,
 * whose hit opens the video at that moment.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { connect, e2eServer, resync } from '../support/e2e-server.js';

const server = e2eServer('e2e-material-video');

const videoState = (page: Page) =>
  page.evaluate(`(() => {
    const video = document.querySelector('[data-testid=video]');
    const showing = [...video.textTracks].filter((t) => t.mode === 'showing');
    return {
      time: video.currentTime,
      readyState: video.readyState,
      showing: showing.map((t) => ({ language: t.language, cues: [...(t.cues || [])].map((c) => c.text) })),
    };
  })()`) as Promise<{ time: number; readyState: number; showing: { language: string; cues: string[] }[] }>;

describe('a video material offline', () => {
  it('plays with subtitles and transcript, notes a time range, and is found by the search', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await connect(page, server.url());
      await page.goto(`${server.url()}/#/questions/legal-I-i`);
      await page.getByTestId('material-demo-sample-video').locator('.status-done').waitFor({ timeout: 60_000 });
      await server.stop();

      await page.getByTestId('read-demo-sample-video').click();
      await page.locator('[data-testid=video-player][data-state=ready]').waitFor({ timeout: 30_000 });
      await expect.poll(async () => (await videoState(page)).readyState, { timeout: 30_000 }).toBeGreaterThan(0);
      expect((await videoState(page)).showing).toEqual([
        {
          language: 'en',
          cues: [
            'This sample video was generated for the demo.',
            'States owe due diligence in cyberspace.',
            'Pick a moment to write a note on it.',
          ],
        },
      ]);
      // It plays from the stored bytes.
      await page.evaluate(
        `(() => { const v = document.querySelector('[data-testid=video]'); v.muted = true; return v.play(); })()`,
      );
      await expect.poll(async () => (await videoState(page)).time, { timeout: 30_000 }).toBeGreaterThan(0.5);
      await page.evaluate(`document.querySelector('[data-testid=video]').pause()`);

      await page.getByTestId('subtitle-language').selectOption('fr');
      await expect.poll(async () => (await videoState(page)).showing.map((t) => t.language)).toEqual(['fr']);
      expect(await page.getByTestId('transcript-cue').nth(1).innerText()).toContain(
        'Les États sont tenus à la diligence raisonnable',
      );
      await page.getByTestId('subtitle-language').selectOption('en');

      await page.getByTestId('transcript-cue').nth(1).click();
      await expect.poll(async () => (await videoState(page)).time).toBeCloseTo(2.5, 1);
      await expect
        .poll(() => page.locator('[data-testid=transcript] li[aria-current=true]').innerText())
        .toContain('States owe due diligence');

      await page.getByTestId('note-video-range').click();
      await expect
        .poll(() => page.getByTestId('annotation-editor').locator('blockquote').innerText())
        .toContain('0:02–0:05');
      await page.getByTestId('note-input').fill('The duty, in one sentence.');
      await page.getByTestId('visibility-seminar').check();
      await page.getByTestId('save-annotation').click();
      await page.getByTestId('material-note').first().waitFor();
      expect(await page.getByTestId('material-note').first().innerText()).toContain('0:02–0:05');

      await server.ensureStarted();
      await resync(page);
      const rows = await server
        .current()
        .db.query<{ target: unknown }>(`SELECT target FROM material_notes WHERE material_id = 'demo-sample-video'`);
      expect(rows.map((r) => r.target)).toEqual([
        {
          kind: 'media',
          materialId: 'demo-sample-video',
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          start: 2.5,
          end: 5.5,
        },
      ]);

      await server.stop();
      await page.goto(`${server.url()}/#/search`);
      // The video's question is searched in all the participant's events (search is per event).
      await page.getByTestId('search-scope').selectOption('all');
      await page.getByTestId('search-input').fill('cyberspace diligence');
      const hit = page.getByTestId('material-hit').filter({ hasText: '0:02' });
      await hit.first().waitFor({ timeout: 30_000 });
      await hit.first().locator('a').click();
      await page.waitForURL(/#\/questions\/legal-I-i\/materials\/demo-sample-video\/time\/2\.5$/);
      await page.locator('[data-testid=video-player][data-state=ready]').waitFor({ timeout: 30_000 });
      await expect.poll(async () => (await videoState(page)).time, { timeout: 30_000 }).toBeCloseTo(2.5, 1);
    } finally {
      await browser.dispose();
      await server.ensureStarted();
    }
  });
});
