/**
 * Issue 23: the platform was a forum. With the server gone, the app shows
 * what a contribution answers (author, kind, language, excerpt in the
 * reader's language) and its answers, one click apart; a question's list
 * folds its threads, keeps an answer under a withdrawn contribution it has
 * never seen ("withdrawn by the secretariat"), and remembers threads or flat.
 * An answer written offline, the answered text beside it, reaches the server
 * once online with its link. Real server, real IndexedDB, Debian's Chromium.
 */
import { describe, expect, it } from 'vitest';
import { launchChromium } from '../support/chromium.js';
import { connect, e2eServer, resync } from '../support/e2e-server.js';
import { upsertParticipant } from '../../server/auth/tokens.js';
import { withdrawContributionTx } from '../../server/contributions/moderation.js';
import { commitWrite } from '../../server/write-result.js';

// A budget of nothing: translations wait, and the reader says why (issue 23, part 2).
const server = e2eServer('e2e-threads', () => ({ costs: { pricePerMillion: { '*': 10 }, budget: 0 } }));
const ANSWER = 'Nous partageons cette analyse, mais la coopération doit rester volontaire et transparente.';

describe('threads offline', () => {
  it('reads a thread and writes an answer offline that reaches the server once online', async () => {
    // Withdrawn before this device ever syncs: it never holds demo-c-021, which demo-c-022 answers.
    const db = server.current().db;
    const secretariat = await upsertParticipant(db, { id: 'sec', name: 'Sec', roles: ['secretariat'], language: 'en' });
    const withdrawn = await commitWrite(db, (tx) =>
      withdrawContributionTx(tx, secretariat, 'demo-c-021', { reason: 'duplicate' }),
    );
    expect(withdrawn.status).toBe('applied');

    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      await connect(page, server.url());
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, { timeout: 30_000 });
      await server.stop();

      // What an answer answers, in the reader's language (English), one click away.
      await page.goto(`${server.url()}/#/contributions/demo-c-019`);
      const parent = page.getByTestId('thread-parent');
      await parent.waitFor();
      expect(await parent.locator('q').getAttribute('lang')).toBe('en');
      expect(await parent.textContent()).toContain('Individual');
      await parent.click();
      await expect.poll(() => new URL(page.url()).hash).toBe('#/contributions/demo-c-017');
      // ...and, from there, its answers.
      const answer = page.getByTestId('thread-answer');
      await answer.first().waitFor();
      expect(await answer.getAttribute('href')).toBe('#/contributions/demo-c-019');

      // Search keeps the thread context: a result that is an answer says what it answers.
      // The answer's question is not on the current event's agenda: search all the participant's events.
      await page.goto(`${server.url()}/#/search`);
      await page.getByTestId('search-scope').selectOption('all');
      await page.getByTestId('search-input').fill('fragmented');
      const result = page.locator('[data-testid=search-result][data-contribution-id="demo-c-019"]');
      await result.waitFor({ timeout: 30_000 });
      expect(await result.getByTestId('in-answer-to').locator('a').getAttribute('href')).toBe(
        '#/contributions/demo-c-017',
      );

      // An answer to a contribution withdrawn before this device saw it keeps its place.
      await page.goto(`${server.url()}/#/contributions/demo-c-022`);
      await page.getByTestId('thread-parent-withdrawn').waitFor();
      await page.goto(`${server.url()}/#/questions/public-3`);
      const items = page.getByTestId('contribution-list').locator('li');
      await page.getByTestId('thread-withdrawn-item').waitFor();
      expect(await items.first().getAttribute('data-depth')).toBe('0');
      expect(await items.nth(1).getAttribute('data-depth')).toBe('1');
      expect(await page.getByTestId('threads-toggle').getAttribute('aria-pressed')).toBe('true');
      // Flat, remembered across a reload (still offline).
      await page.getByTestId('threads-toggle').click();
      await page.getByTestId('thread-withdrawn-item').waitFor({ state: 'detached' });
      await page.reload();
      await page.getByTestId('threads-toggle').waitFor();
      expect(await page.getByTestId('threads-toggle').getAttribute('aria-pressed')).toBe('false');
      expect(await page.getByTestId('thread-withdrawn-item').count()).toBe(0);

      // Answering offline: the composer shows the answered text beside the draft.
      await page.goto(`${server.url()}/#/contributions/demo-c-017`);
      await page.getByTestId('answer-contribution').click();
      await page.getByTestId('answered-text').waitFor();
      expect(await page.getByTestId('answered-text').locator('blockquote').getAttribute('lang')).toBe('en');
      await page.getByTestId('compose-text').fill(ANSWER);
      await page.getByTestId('draft-saved').waitFor();
      const id = decodeURIComponent(new URL(page.url()).hash.split('/').at(-1)!);
      await page.getByTestId('submit-draft').click();
      await page.getByTestId('draft-queued').waitFor();

      // Back online: the push carries the link, the server keeps it.
      await server.start();
      await resync(page);
      await page.getByTestId('draft-gone').waitFor({ timeout: 60_000 });
      const [row] = await server
        .current()
        .db.query<{ reply_to: string; question_id: string }>(
          'SELECT reply_to, question_id FROM contributions WHERE id=$1',
          [id],
        );
      expect(row).toEqual({ reply_to: 'demo-c-017', question_id: 'public-1' });
      await page.goto(`${server.url()}/#/contributions/${encodeURIComponent(id)}`);
      expect(await page.getByTestId('thread-parent').getAttribute('href')).toBe('#/contributions/demo-c-017');
      // Not translated into English: awaiting translation, and why.
      await page.getByTestId('awaiting-budget').waitFor();
    } finally {
      await browser.dispose();
      await server.ensureStarted();
    }
  });
});
