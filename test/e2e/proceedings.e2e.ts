/**
 * The proceedings end to end (issue 20): two rapporteurs and the secretariat,
 * each on their own Chromium profile against the real server (the built
 * renderer, real IndexedDB), take a two-question proceedings of the February
 * seminar from draft to published, working offline and syncing after: the
 * rapporteurs submit their syntheses, comment on words and agree to be named
 * with the server down; the secretariat, offline too, resolves the comment,
 * approves and publishes. The edition is translated by the queue (an instant
 * fake provider), a paragraph of its Arabic corrected offline by the
 * secretariat, exported as a website from the app's button, and the site
 * is opened from disk in English and in Arabic: every quote links to its
 * source, only the consenting are named, Arabic is right to left.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { issueToken, upsertParticipant } from '../../server/auth/tokens.js';
import { writeTransaction } from '../../server/db/database.js';
import { addMemberTx } from '../../server/events/event-store.js';
import type { Translator } from '../../server/translate/translator.js';
import type { Role } from '../../shared/model/entities.js';
import type { CitationAttrs } from '../../shared/synthesis/document.js';
import type { Lang } from '../../shared/languages.js';
import { hashText } from '../../shared/anchoring/hash-text.js';
import { launchChromium } from '../support/chromium.js';
import { e2eServer, resync, upToDate } from '../support/e2e-server.js';
import { b64, yDocOf } from '../support/synthesis-yjs.js';

const instant: Translator = {
  engine: 'fake',
  maxChars: 5_000,
  translate: async (req) => `[${req.target}] ${req.text}`,
};
const server = e2eServer('proceedings', () => ({
  translator: instant,
  translationQueue: { pollMs: 50, concurrency: 4 },
}));
const EVENT = 'seminar';

const citation = (id: string, contributionId: string): CitationAttrs => ({
  citationId: id,
  contributionId,
  annotationId: null,
  authorName: 'Contributor',
  authorKind: 'legal-expert',
  language: 'en',
  origin: 'original',
  engine: null,
  originalLanguage: 'en',
  originalText: null,
  textHash: 'h',
  sourceVersion: 1,
  questionCode: 'PP',
});

async function person(id: string, name: string, roles: Role[]) {
  const { db } = server.current();
  await upsertParticipant(db, { id, name, roles, language: 'en' });
  await writeTransaction(db, (tx) => addMemberTx(tx, EVENT, id, roles));
  return issueToken(db, id);
}

async function push(token: string, mutations: unknown[]) {
  const res = await fetch(`${server.url()}/api/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ mutations }),
  });
  const { results } = (await res.json()) as { results: { status: string }[] };
  expect(results.map((r) => r.status)).toEqual(mutations.map(() => 'applied'));
}

async function signIn(page: Page, token: string) {
  await page.goto(`${server.url()}/`);
  await page.locator('input[type=url]').fill(server.url());
  await page.locator('input[type=password]').fill(token);
  await page.getByTestId('connect').click();
  await upToDate(page);
  await page.getByTestId('nav-proceedings').click();
  await page.getByTestId('proceedings').waitFor();
}

const section = (page: Page, id: string) => page.locator(`[data-testid=review-section][data-synthesis="${id}"]`);
const stateOf = (page: Page, id: string) => section(page, id).getByTestId('section-state').getAttribute('data-state');
const wholeState = (page: Page) => page.getByTestId('whole-state').getAttribute('data-state');

/** Selects characters [from, to) of a synthesis's first text run, as a reader's mouse would. */
async function selectWords(page: Page, synthesisId: string, from: number, to: number) {
  await page.evaluate(
    ({ synthesisId, from, to }) => {
      const run = document.querySelector(
        `[data-testid=review-section][data-synthesis="${synthesisId}"] [data-run="0"]`,
      )!;
      const walker = document.createTreeWalker(run, NodeFilter.SHOW_TEXT);
      const text = walker.nextNode()!;
      const range = document.createRange();
      range.setStart(text, from);
      range.setEnd(text, to);
      window.getSelection()!.removeAllRanges();
      window.getSelection()!.addRange(range);
      run.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    },
    { synthesisId, from, to },
  );
}

describe('proceedings', () => {
  it('go from draft to published offline-then-online, reviewed, translated, exported and readable from disk', async () => {
    const tokens = {
      first: await person('rap-1', 'Rapporteur Alpha', ['rapporteur']),
      second: await person('rap-2', 'Rapporteur Beta', ['rapporteur']),
      secretariat: await person('sec-1', 'Secretary Gamma', ['secretariat']),
    };
    // Two syntheses of two questions of the first session, written by the first rapporteur (on another device).
    const syntheses = [
      {
        id: 'syn-pp-i',
        question: 'seminar-PP-i',
        contribution: 'demo-c-001',
        text: 'States must exercise due diligence online.',
      },
      {
        id: 'syn-pp-ii',
        question: 'seminar-PP-ii',
        contribution: 'demo-c-002',
        text: 'Protection needs shared standards.',
      },
    ];
    // The first quote is of the contribution's text as it stands; the second's source changed since (another hash).
    const quoted = async (contributionId: string, current: boolean): Promise<CitationAttrs> => {
      const [row] = await server.current().db.query<{ language: Lang; text: string }>(
        `SELECT c.language, t.text FROM contributions c JOIN text_versions t ON t.contribution_id = c.id
           AND t.language = c.language WHERE c.id = $1`,
        [contributionId],
      );
      const base = citation(`cit-${contributionId}`, contributionId);
      return {
        ...base,
        language: row!.language,
        originalLanguage: row!.language,
        textHash: current ? hashText(row!.text) : 'changed',
      };
    };
    for (const [i, s] of syntheses.entries()) {
      const attrs = await quoted(s.contribution, i === 0);
      const doc = yDocOf({
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: s.text }] },
          {
            type: 'blockquote',
            content: [
              {
                type: 'paragraph',
                content: [
                  {
                    type: 'text',
                    text: 'a quoted passage',
                    marks: [{ type: 'citation', attrs }],
                  },
                ],
              },
            ],
          },
        ],
      });
      await push(tokens.first, [
        {
          id: randomUUID(),
          kind: 'synthesis-create',
          synthesis: {
            id: s.id,
            questionId: s.question,
            title: `Synthesis ${s.question}`,
            language: 'en',
            eventId: EVENT,
          },
        },
        { id: randomUUID(), kind: 'synthesis-update', synthesisId: s.id, update: b64(Y.encodeStateAsUpdate(doc)) },
      ]);
    }

    const browsers = await Promise.all([launchChromium(), launchChromium(), launchChromium()]);
    try {
      const [first, second, secretariat] = await Promise.all(browsers.map((b) => b.context.newPage()));
      await signIn(first!, tokens.first);
      await signIn(second!, tokens.second);
      await signIn(secretariat!, tokens.secretariat);
      for (const page of [first!, second!, secretariat!])
        await expect.poll(() => page.getByTestId('review-section').count(), { timeout: 30_000 }).toBe(2);
      // The quote whose source changed since it was quoted is flagged for the reviewers; the other is not.
      await expect.poll(() => section(secretariat!, 'syn-pp-ii').getByTestId('review-quote-flag').count()).toBe(1);
      expect(await section(secretariat!, 'syn-pp-i').getByTestId('review-quote-flag').count()).toBe(0);

      // Offline: the rapporteurs submit, comment and consent; nothing reaches anyone yet.
      await server.stop();
      for (const s of syntheses) {
        await section(first!, s.id).getByTestId('section-move-in-review').click();
        await expect.poll(() => stateOf(first!, s.id)).toBe('in-review');
      }
      await selectWords(first!, 'syn-pp-i', 7, 34); // "must exercise due diligence"
      await section(first!, 'syn-pp-i').getByTestId('review-comment-on-selection').click();
      await section(first!, 'syn-pp-i')
        .getByTestId('review-comment-body')
        .fill('Cite the 2015 report of the experts here.');
      await section(first!, 'syn-pp-i').getByTestId('review-comment-save').click();
      await expect
        .poll(() => section(first!, 'syn-pp-i').locator('.review-mark').textContent())
        .toBe('must exercise due diligence');
      // The box follows the stored change (the outbox), a moment after the click.
      for (const page of [first!, second!]) {
        await page.getByTestId('proceedings-consent').click();
        await expect.poll(() => page.getByTestId('proceedings-consent').isChecked()).toBe(true);
      }
      await section(second!, 'syn-pp-ii').getByTestId('review-comment-on-whole').click();
      await section(second!, 'syn-pp-ii').getByTestId('review-comment-body').fill('Agreed with the structure.');
      await section(second!, 'syn-pp-ii').getByTestId('review-comment-save').click();
      expect(await first!.getByTestId('proceedings-pending').textContent()).toContain('4');
      expect(await secretariat!.getByTestId('review-comment').count()).toBe(0);

      // Online: everyone syncs and sees everything.
      await server.start();
      for (const page of [first!, second!, secretariat!, first!, second!]) await resync(page);
      await resync(secretariat!);
      await expect.poll(() => secretariat!.getByTestId('review-comment').count(), { timeout: 30_000 }).toBe(2);
      for (const s of syntheses) expect(await stateOf(secretariat!, s.id)).toBe('in-review');

      // Offline again, the secretariat resolves the comment, approves both and publishes.
      await server.stop();
      const comment = section(secretariat!, 'syn-pp-i').getByTestId('review-comment').first();
      await comment.getByTestId('review-comment-resolve').click();
      await comment.getByTestId('review-comment-resolved').waitFor();
      for (const s of syntheses) {
        await section(secretariat!, s.id).getByTestId('section-move-approved').click();
        await expect.poll(() => stateOf(secretariat!, s.id)).toBe('approved');
      }
      for (const to of ['in-review', 'approved', 'published']) {
        await secretariat!.getByTestId(`whole-move-${to}`).click();
        await expect.poll(() => wholeState(secretariat!)).toBe(to);
      }
      expect(await secretariat!.getByTestId('edition').count()).toBe(0); // the edition is the server's to freeze
      await server.start();
      await resync(secretariat!);
      await secretariat!.getByTestId('edition').first().waitFor({ timeout: 30_000 });
      const hash = await secretariat!.getByTestId('edition-hash').getAttribute('title');
      expect(hash).toMatch(/^[0-9a-f]{64}$/);

      // The rapporteurs see it published, the comment resolved by the secretariat, the same edition.
      for (const page of [first!, second!]) {
        await resync(page);
        await expect.poll(() => wholeState(page), { timeout: 30_000 }).toBe('published');
        await expect.poll(() => page.getByTestId('edition-hash').getAttribute('title'), { timeout: 30_000 }).toBe(hash);
      }
      expect(await section(first!, 'syn-pp-i').getByTestId('review-comment-resolved').textContent()).toContain(
        'Secretary Gamma',
      );

      // Translated into the ten languages by the queue, then exported as a website from the app.
      await expect
        .poll(
          async () => {
            await resync(secretariat!);
            return secretariat!.getByTestId('edition-languages').getAttribute('data-count');
          },
          { timeout: 60_000, interval: 500 },
        )
        .toBe('10');

      // The secretariat corrects the Arabic of a paragraph offline: the paragraphs are kept on the device once
      // loaded, the correction waits in the outbox, and the paragraph's section says a person corrected it.
      const corrections = secretariat!.getByTestId('edition-corrections');
      await corrections.getByTestId('corrections-language').selectOption('ar');
      const paragraph = corrections
        .getByTestId('correction-unit')
        .filter({ hasText: 'States must exercise due diligence online.' });
      await expect.poll(() => paragraph.count(), { timeout: 30_000 }).toBe(1);
      // The section holding that paragraph (the inner locator is matched inside each section).
      const sectionOf = (text: string) =>
        corrections
          .locator('[data-testid=correction-section]', {
            has: secretariat!.getByTestId('correction-unit').filter({ hasText: text }),
          })
          .first()
          .getAttribute('data-origin');
      expect(await sectionOf('States must exercise due diligence online.')).toBe('machine');
      await server.stop();
      await corrections.getByTestId('corrections-reload').click();
      await expect
        .poll(() => corrections.getByTestId('corrections-status').textContent())
        .toContain('cannot be reached');
      // A correction that loses a quote's tag is refused on the spot, its text left in the field.
      const quoteUnit = corrections.getByTestId('correction-unit').filter({ hasText: 'a quoted passage' }).first();
      await quoteUnit.getByTestId('correction-edit').click();
      await quoteUnit.getByTestId('correction-text').fill('مقطع مقتبس بلا وسم');
      await quoteUnit.getByTestId('correction-save').click();
      await quoteUnit.getByTestId('correction-problem').waitFor();
      expect(await quoteUnit.getByTestId('correction-text').inputValue()).toBe('مقطع مقتبس بلا وسم');
      const corrected = 'يجب على الدول بذل العناية الواجبة على الإنترنت.';
      await paragraph.getByTestId('correction-edit').click();
      await paragraph.getByTestId('correction-text').fill(corrected);
      await paragraph.getByTestId('correction-save').click();
      await expect.poll(() => paragraph.getByTestId('correction-current').textContent()).toBe(corrected);
      expect(await paragraph.getByTestId('correction-state').textContent()).toBe('not sent yet');
      expect(await sectionOf('States must exercise due diligence online.')).toBe('human-corrected');
      await server.start();
      await resync(secretariat!);
      await expect
        .poll(() => paragraph.getByTestId('correction-state').textContent(), { timeout: 30_000 })
        .toContain('Secretary Gamma');

      const [download] = await Promise.all([
        secretariat!.waitForEvent('download'),
        secretariat!.getByTestId('edition-export-site').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.zip$/);
      const folder = mkdtempSync(join(tmpdir(), 'proceedings-site-'));
      for (const [path, bytes] of Object.entries(unzipSync(readFileSync((await download.path())!)))) {
        mkdirSync(dirname(join(folder, path)), { recursive: true });
        writeFileSync(join(folder, path), bytes);
      }
      const root = join(folder, 'proceedings');
      expect(readdirSync(root).sort()).toEqual(
        expect.arrayContaining(['ar', 'de', 'en', 'fr', 'index.html', 'ko', 'ru', 'zh']),
      );

      // Opened from disk, no server: in English, then in Arabic.
      const reader = await browsers[0]!.context.newPage();
      for (const lang of ['en', 'ar'] as const) {
        const pages = readdirSync(join(root, lang)).filter((f) => f.endsWith('.html'));
        const html = pages.map((f) => readFileSync(join(root, lang, f), 'utf8')).join('\n');
        expect(html, lang).toContain('Rapporteur Alpha');
        expect(html, lang).toContain('Rapporteur Beta');
        expect(html, lang).not.toContain('Secretary Gamma');
        expect(html, lang).not.toContain('Cite the 2015 report');
        await reader.goto(pathToFileURL(join(root, lang, pages.find((f) => f !== 'index.html') ?? pages[0]!)).href);
        expect(await reader.evaluate(() => document.documentElement.lang)).toBe(lang);
        expect(await reader.evaluate(() => document.documentElement.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      }
      // Every quote links to its source in the appendix, in both languages.
      for (const lang of ['en', 'ar'])
        for (const s of syntheses) {
          const html = readdirSync(join(root, lang))
            .map((f) => readFileSync(join(root, lang, f), 'utf8'))
            .join('\n');
          expect(html, `${lang} ${s.contribution}`).toContain(s.contribution);
        }
      const arabic = readdirSync(join(root, 'ar'))
        .map((f) => readFileSync(join(root, 'ar', f), 'utf8'))
        .join('\n');
      // The Arabic site has the secretariat's correction instead of the machine's words.
      expect(arabic).toContain(corrected);
      expect(arabic).not.toContain('[ar] States must exercise due diligence online.');
      expect(arabic).toContain('[ar] Protection needs shared standards.');
    } finally {
      await Promise.all(browsers.map((b) => b.dispose()));
      await server.ensureStarted();
    }
  });
});
