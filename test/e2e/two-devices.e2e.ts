/**
 * One expert, two devices (two Chromium profiles), one note. Both go offline,
 * both edit the note, both come back: edits that do not overlap merge on both
 * devices; edits of the same words keep both texts for the author to choose,
 * and nothing is lost. Real server, real IndexedDB, Debian's Chromium.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { connect as connectTo, e2eServer, resync } from '../support/e2e-server.js';

const server = e2eServer('two-devices');
const { start, stop } = server;
const url = server.url;
const connect = (page: Page) => connectTo(page, url());

async function editNote(page: Page, text: string) {
  await page.getByTestId('annotation-card').first().getByTestId('edit-annotation').click();
  await page.getByTestId('note-input').fill(text);
  await page.getByTestId('save-annotation').click();
  await page.getByTestId('annotation-editor').waitFor({ state: 'detached' });
}

const noteOf = (page: Page) => page.getByTestId('annotation-note').first().textContent();

describe('two devices of one expert', () => {
  it('merges offline edits that do not overlap and keeps both texts of those that do', async () => {
    const a = await launchChromium();
    const b = await launchChromium();
    try {
      const pa = await a.context.newPage();
      const pb = await b.context.newPage();
      await connect(pa);
      await connect(pb);

      // Device A highlights a passage and writes a note; device B receives it.
      await pa.getByTestId('nav-agenda').click();
      await pa.getByTestId('question-link').first().click();
      await pa.getByTestId('contribution-item').first().click();
      const contribution = new URL(pa.url()).hash;
      const body = pa.getByTestId('text-body').first();
      await body.focus();
      await pa.keyboard.press('Control+Home');
      await pa.keyboard.press('Shift+End');
      await pa.keyboard.press('Enter');
      await pa.getByTestId('note-input').fill('Due diligence applies. Attribution is political.');
      await pa.getByTestId('save-annotation').click();
      await resync(pa);

      await pb.goto(`${url()}/${contribution}`);
      await expect.poll(() => noteOf(pb), { timeout: 30_000 }).toBe('Due diligence applies. Attribution is political.');

      // Both offline; each edits a different sentence.
      await stop();
      await editNote(pa, 'Due diligence clearly applies. Attribution is political.');
      await editNote(pb, 'Due diligence applies. Attribution is a political act.');
      await start();
      await resync(pa);
      await resync(pb);
      await resync(pa);
      const merged = 'Due diligence clearly applies. Attribution is a political act.';
      await expect.poll(() => noteOf(pa), { timeout: 30_000 }).toBe(merged);
      await expect.poll(() => noteOf(pb), { timeout: 30_000 }).toBe(merged);

      // Both offline again; both rewrite the same words.
      await stop();
      await editNote(pa, 'Due diligence is a duty of conduct. Attribution is a political act.');
      await editNote(pb, 'Due diligence is a duty of result. Attribution is a political act.');
      await start();
      await resync(pa);
      await resync(pb);
      // Whichever device pushed second (a background retry may beat the click) holds both texts, side by side.
      let second: Page | null = null;
      await expect
        .poll(
          async () => {
            if (await pa.getByTestId('note-conflict').count()) second = pa;
            else if (await pb.getByTestId('note-conflict').count()) second = pb;
            return second !== null;
          },
          { timeout: 30_000 },
        )
        .toBe(true);
      const loser: Page = second!;
      const [own, other] = loser === pb ? ['duty of result', 'duty of conduct'] : ['duty of conduct', 'duty of result'];
      const conflict = loser.getByTestId('note-conflict');
      expect(await conflict.getByTestId('conflict-local').textContent()).toContain(own);
      expect(await conflict.getByTestId('conflict-server').textContent()).toContain(other);
      await conflict.getByTestId('merged-input').fill('Due diligence is a duty of conduct, not of result.');
      await conflict.getByTestId('save-merged').click();
      await resync(loser);
      await resync(loser === pb ? pa : pb);
      await expect
        .poll(() => noteOf(pa), { timeout: 30_000 })
        .toBe('Due diligence is a duty of conduct, not of result.');
      await expect
        .poll(() => noteOf(pb), { timeout: 30_000 })
        .toBe('Due diligence is a duty of conduct, not of result.');
    } finally {
      await a.dispose();
      await b.dispose();
      await server.ensureStarted();
    }
  });
});
