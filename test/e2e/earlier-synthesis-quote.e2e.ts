/**
 * Carrying work forward (issue 18), end to end: the demo server's three
 * meetings, real IndexedDB in Debian's Chromium. The demo user, a rapporteur
 * of the post-conference seminar who was at the February seminar, opens the
 * February seminar's synthesis from the later event's synthesis, quotes a
 * passage of it, and the quote carries its provenance (event, synthesis,
 * paragraph and its version) in the editor and in the Markdown and Word
 * exports. A rapporteur of the later seminar who was not at the February one
 * never sees it: not in the panel, not by its address, not on the wire.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { hashText } from '../../shared/anchoring/hash-text.js';
import type { SynthesisQuoteAttrs } from '../../shared/synthesis/synthesis-quote.js';
import { issueToken, upsertParticipant } from '../../server/auth/tokens.js';
import { writeTransaction } from '../../server/db/database.js';
import { addMemberTx } from '../../server/events/event-store.js';
import { launchChromium } from '../support/chromium.js';
import { connect, e2eServer, resync, upToDate } from '../support/e2e-server.js';
import { b64, yDocOf } from '../support/synthesis-yjs.js';
import { recordWire } from '../support/wire.js';
import * as Y from 'yjs';

const server = e2eServer('e2e-earlier-quote', () => ({ translator: null }));

const FEBRUARY = {
  id: 'february-synthesis-pp-i',
  title: 'FEBRUARY-SYNTHESIS-TITLE due diligence',
  quoted: 'The February participants held that due diligence is an obligation of conduct, not of result, for States.',
  unquoted: 'FEBRUARY-UNQUOTED: the second paragraph, which nobody quotes.',
  rapporteur: 'February Rapporteur',
};
const CONFERENCE = {
  id: 'conference-synthesis-i-i',
  title: 'CONFERENCE-SYNTHESIS-TITLE',
  text: 'CONFERENCE-PASSAGE: the conference heard the panel on governance.',
};
/** The words the demo user selects in the February passage and quotes. */
const WORDS = 'due diligence is an obligation of conduct';

/** A synthesis written and pushed by `author` (a rapporteur of `eventId`) from another device. */
async function pushSynthesis(
  token: string,
  s: { id: string; questionId: string; title: string; eventId: string; paragraphs: string[] },
) {
  const doc = yDocOf({
    type: 'doc',
    content: s.paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  });
  const response = await fetch(`${server.url()}/api/push`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      mutations: [
        {
          id: randomUUID(),
          kind: 'synthesis-create',
          synthesis: { id: s.id, questionId: s.questionId, title: s.title, language: 'en', eventId: s.eventId },
        },
        { id: randomUUID(), kind: 'synthesis-update', synthesisId: s.id, update: b64(Y.encodeStateAsUpdate(doc)) },
      ],
    }),
  });
  const results = ((await response.json()) as { results: { status: string }[] }).results;
  expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
}

async function signInWithToken(page: Page, token: string) {
  await page.goto(`${server.url()}/`);
  await page.locator('input[type=url]').fill(server.url());
  await page.locator('input[type=password]').fill(token);
  await page.getByTestId('connect').click();
  await upToDate(page);
}

async function chooseEvent(page: Page, id: string) {
  await page.getByTestId('event-switcher-button').click();
  await page.getByTestId(`event-option-${id}`).click();
}

/** Opens the side pane's "Earlier events" tab of the synthesis on screen. */
async function earlierPanel(page: Page) {
  await page.getByTestId('panel-earlier').click();
  await page.getByTestId('earlier-panel').waitFor();
  return page.getByTestId('earlier-panel');
}

describe('quoting an earlier event’s synthesis', () => {
  it('carries its provenance into the editor and the exports, and never reaches someone who was not there', async () => {
    const { db } = server.current();
    // The February seminar's synthesis, by one of its rapporteurs (the demo user was at that seminar too).
    await upsertParticipant(db, {
      id: 'feb-rapporteur',
      name: FEBRUARY.rapporteur,
      roles: ['rapporteur'],
      language: 'en',
    });
    await writeTransaction(db, (tx) => addMemberTx(tx, 'seminar', 'feb-rapporteur', ['rapporteur']));
    await pushSynthesis(await issueToken(db, 'feb-rapporteur'), {
      id: FEBRUARY.id,
      questionId: 'seminar-PP-i',
      title: FEBRUARY.title,
      eventId: 'seminar',
      paragraphs: [FEBRUARY.quoted, FEBRUARY.unquoted],
    });
    // The conference's, by a rapporteur of the conference.
    await upsertParticipant(db, {
      id: 'conf-rapporteur',
      name: 'Conference Rapporteur',
      roles: ['rapporteur'],
      language: 'en',
    });
    await writeTransaction(db, (tx) => addMemberTx(tx, 'conference-2017-04', 'conf-rapporteur', ['rapporteur']));
    await pushSynthesis(await issueToken(db, 'conf-rapporteur'), {
      id: CONFERENCE.id,
      questionId: 'legal-I-i',
      title: CONFERENCE.title,
      eventId: 'conference-2017-04',
      paragraphs: [CONFERENCE.text],
    });
    // A rapporteur of the post-conference seminar who was at the conference, not at the February seminar.
    await upsertParticipant(db, {
      id: 'later-rapporteur',
      name: 'Later Rapporteur',
      roles: ['rapporteur', 'delegate'],
      language: 'en',
    });
    await writeTransaction(db, async (tx) => {
      await addMemberTx(tx, 'seminar-2017-post', 'later-rapporteur', ['rapporteur']);
      await addMemberTx(tx, 'conference-2017-04', 'later-rapporteur', ['delegate']);
    });
    const laterToken = await issueToken(db, 'later-rapporteur');

    const expert = await launchChromium();
    const outsider = await launchChromium();
    try {
      // The outsider first: their later event's synthesis, its "Earlier events" tab.
      const other = await outsider.context.newPage();
      const otherWire = recordWire(other);
      await signInWithToken(other, laterToken);
      await other.getByTestId('nav-syntheses').click();
      await chooseEvent(other, 'seminar-2017-post');
      await other.getByTestId('synthesis-link').first().click();
      const otherPanel = await earlierPanel(other);
      await expect.poll(() => otherPanel.textContent()).toContain(CONFERENCE.title);
      expect(await otherPanel.textContent()).not.toContain(FEBRUARY.title);
      expect(await otherPanel.textContent()).not.toContain('FEBRUARY');
      // Nor by its address, in the app or from the server.
      await other.goto(`${server.url()}/#/syntheses/${FEBRUARY.id}/at/0/0-10`);
      await other.locator('[role=alert]', { hasText: 'This synthesis is not on this device.' }).first().waitFor();
      const history = await fetch(`${server.url()}/api/syntheses/${FEBRUARY.id}/history`, {
        headers: { authorization: `Bearer ${laterToken}` },
      });
      expect(history.status).toBe(404);
      expect(await history.text()).not.toContain(FEBRUARY.title);
      // Nothing of it on their wire, decoded: not its id, title, rapporteur or words. (The conference's is there.)
      const before = otherWire.text();
      expect(before).toContain(CONFERENCE.text);
      for (const trace of [FEBRUARY.id, FEBRUARY.title, FEBRUARY.rapporteur, FEBRUARY.quoted, FEBRUARY.unquoted])
        expect(before, trace).not.toContain(trace);

      // The demo user prepares the post-conference seminar: a new synthesis of a question on its agenda.
      const page = await expert.context.newPage();
      const expertWire = recordWire(page);
      await connect(page, server.url());
      await page.getByTestId('nav-syntheses').click();
      await chooseEvent(page, 'seminar-2017-post');
      await page.getByTestId('new-synthesis-question').selectOption('seminar-PP-i');
      await page.getByTestId('new-synthesis-title').fill('Synthesis for the later seminar');
      await page.getByTestId('new-synthesis-language').selectOption('en');
      await page.getByTestId('create-synthesis').click();
      await page.waitForURL(/#\/syntheses\/[^/]+$/);
      const laterHash = new URL(page.url()).hash;
      await page.getByTestId('synthesis-text').click();
      await page.keyboard.type('What the February seminar concluded:');

      // The earlier events' syntheses they took part in: February's first (same question), and the conference's.
      const panel = await earlierPanel(page);
      await expect.poll(() => panel.getByTestId('earlier-synthesis').count()).toBe(2);
      expect(await panel.getByTestId('earlier-synthesis').first().textContent()).toContain(FEBRUARY.title);
      expect(await panel.getByTestId('earlier-synthesis').first().textContent()).toContain('Multidisciplinary seminar');
      // The expert's own wire did carry February's words (the decoding sees them: the outsider's check is real).
      expect(expertWire.text()).toContain(FEBRUARY.unquoted);

      // Found by words; the passage opens the February synthesis itself, then back.
      await page.getByTestId('earlier-search').fill('obligation of conduct');
      await expect.poll(() => panel.getByTestId('earlier-passage').count()).toBe(1);
      await panel.getByTestId('open-earlier-passage').click();
      await expect.poll(() => page.locator('#synthesis-title').textContent()).toBe(FEBRUARY.title);
      await expect.poll(() => page.getByTestId('synthesis-text').innerText()).toContain(FEBRUARY.unquoted);
      await page.goto(`${server.url()}/${laterHash}`);
      await expect.poll(() => page.getByTestId('synthesis-text').innerText()).toContain('What the February seminar');
      const panelAgain = await earlierPanel(page);
      await page.getByTestId('earlier-search').fill('obligation of conduct');
      await expect.poll(() => panelAgain.getByTestId('earlier-passage').count()).toBe(1);

      // Select some words of the passage and quote them, after the sentence written.
      await page.getByTestId('synthesis-text').locator('p').first().click();
      await page.keyboard.press('End');
      await panelAgain.locator('[data-testid=earlier-passage] blockquote').evaluate((element, words) => {
        const text = element.textContent ?? '';
        const at = text.indexOf(words);
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let offset = 0;
        let started = false;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent!.length;
          if (!started && at < offset + length) {
            range.setStart(node, at - offset);
            started = true;
          }
          if (at + words.length <= offset + length) {
            range.setEnd(node, at + words.length - offset);
            break;
          }
          offset += length;
        }
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
      }, WORDS);
      await panelAgain.getByTestId('insert-earlier-quote').click();

      // In the editor: the words, carrying event, synthesis, paragraph and that paragraph's version.
      const quote = page.getByTestId('synthesis-text').getByTestId('synthesis-quote');
      await expect.poll(() => quote.count()).toBe(1);
      expect(await quote.textContent()).toBe(WORDS);
      const attrs = JSON.parse((await quote.getAttribute('data-quote'))!) as SynthesisQuoteAttrs;
      expect(attrs).toMatchObject({
        eventId: 'seminar',
        eventStartsOn: '2017-02-01',
        synthesisId: FEBRUARY.id,
        synthesisTitle: FEBRUARY.title,
        rapporteur: FEBRUARY.rapporteur,
        questionCode: expect.stringMatching(/\S/),
        block: 0,
        start: FEBRUARY.quoted.indexOf(WORDS),
        end: FEBRUARY.quoted.indexOf(WORDS) + WORDS.length,
        exact: WORDS,
        blockHash: hashText(FEBRUARY.quoted),
      });
      expect(attrs.eventTitle.en).toBe('Multidisciplinary seminar (closed)');
      expect(await quote.getAttribute('href')).toBe(`#/syntheses/${FEBRUARY.id}/at/0/${attrs.start}-${attrs.end}`);
      // Shown where it comes from when pointed at.
      await quote.hover();
      const details = page.getByTestId('citation-details');
      await details.waitFor();
      const shown = (await details.textContent())!;
      for (const part of [
        FEBRUARY.title,
        FEBRUARY.rapporteur,
        'Multidisciplinary seminar (closed)',
        attrs.questionCode,
      ])
        expect(shown, part).toContain(part);
      expect(shown).toMatch(/paragraph 1\b/i);
      // The Quotes panel: the passage as quoted is still the February synthesis's current text.
      await page.getByTestId('panel-quotes').click();
      await expect.poll(() => page.getByTestId('synthesis-quote-check').getAttribute('data-state')).toBe('current');

      // The exports write the provenance in the quote's note.
      const exported = async (format: 'md' | 'docx') => {
        await page.getByTestId('toolbar-export').click();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId(`export-${format}`).click(),
        ]);
        return readFileSync((await download.path())!);
      };
      const markdown = (await exported('md')).toString('utf8');
      expect(markdown).toContain(WORDS);
      const mdNote = markdown.split('\n').find((line) => line.startsWith('[^') && line.includes(FEBRUARY.title));
      expect(mdNote, markdown).toBeDefined();
      for (const part of [
        FEBRUARY.rapporteur,
        'Multidisciplinary seminar (closed)',
        'February 1',
        attrs.questionCode,
        'paragraph 1',
        'quoted on',
      ])
        expect(mdNote, part).toContain(part);
      const docx = unzipSync(await exported('docx'));
      const plain = (path: string) => strFromU8(docx[path]!).replace(/<[^>]+>/g, '');
      expect(plain('word/document.xml')).toContain(WORDS);
      const footnotes = plain('word/footnotes.xml');
      for (const part of [FEBRUARY.title, FEBRUARY.rapporteur, 'Multidisciplinary seminar (closed)', 'paragraph 1'])
        expect(footnotes, part).toContain(part);

      // The quote opens the February passage with its words marked.
      await page.goto(`${server.url()}/${laterHash}`);
      await page.getByTestId('synthesis-text').getByTestId('synthesis-quote').click();
      await expect.poll(() => page.locator('#synthesis-title').textContent()).toBe(FEBRUARY.title);
      await expect.poll(() => page.locator('.opened-passage').first().textContent()).toBe(WORDS);

      // The quote reaches the later seminar's members (that is what quoting is), the rest of February never does.
      await page.goto(`${server.url()}/${laterHash}`);
      await page.getByTestId('synthesis-text').waitFor();
      await resync(page);
      await other.goto(`${server.url()}/${laterHash}`);
      await resync(other);
      await expect.poll(() => other.getByTestId('synthesis-text').innerText(), { timeout: 30_000 }).toContain(WORDS);
      const after = otherWire.text();
      expect(after).toContain(WORDS);
      expect(after).not.toContain(FEBRUARY.unquoted);
      expect(otherWire.synthesisChanges(FEBRUARY.id)).toEqual([]);
      expect(expertWire.synthesisChanges(FEBRUARY.id).length).toBeGreaterThan(0);
      // Following the quote does not open it for them either.
      await other.getByTestId('synthesis-text').getByTestId('synthesis-quote').click();
      await other.locator('[role=alert]', { hasText: 'This synthesis is not on this device.' }).first().waitFor();
      expect(await other.locator('body').textContent()).not.toContain(FEBRUARY.unquoted);
    } finally {
      await expert.dispose();
      await outsider.dispose();
    }
  });
});
