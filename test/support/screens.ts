/**
 * Every screen of the app, reachable one after the other in one page: the
 * accessibility test checks each with axe, the screenshots script
 * (scripts/screenshots.ts) photographs each. One list, so both see the same.
 *
 * Built to survive a restyling: screens are reached by their route hashes
 * (renderer/app/routes.ts), ids are read from links' hrefs, and controls are
 * found by role or by the test ids the end-to-end tests already rely on,
 * never by CSS classes.
 */
import type { Page } from 'playwright-core';
import type { Lang } from '../../shared/languages.js';

/** What the walk needs the corpus to hold; made once by `prepareFixtures`. */
export interface Fixtures {
  /** `#/questions/<id>`: a question with contributions. */
  question: string;
  /** `#/contributions/<id>`: a contribution with one of my notes on it. */
  contribution: string;
  /** `#/contributions/<id>/notes/<id>`: that note, which opens the reader on the language version it was made on. */
  note: string;
  /** `#/compose/<id>`: a draft of a new contribution. */
  draft: string;
  /** `#/syntheses/<id>`: a synthesis with a quote in it. */
  synthesis: string;
  /** A word of the noted contribution, for a search with results. */
  query: string;
}

export interface Screen {
  /** A file-name-safe id: `reader-notes`. */
  id: string;
  /** Shows the screen and resolves once it is drawn. */
  show(page: Page, fixtures: Fixtures): Promise<void>;
  /** Puts back what showing it changed (call it before the next screen). */
  leave?(page: Page): Promise<void>;
}

const READY_MS = 60_000;

/** Goes to a route without reloading the app (a reload would cost a start-up per screen). */
export async function go(page: Page, hash: string): Promise<void> {
  // Same hash: no hashchange, so a screen's transient state (an open editor) would stay; go round.
  // (Written as page script text: this module is also type-checked without the DOM's types.)
  if (currentHash(page) === hash) await page.evaluate(`window.location.hash = '#/'`);
  // From the top, as a screen opened from the navigation is (the app keeps the scroll of the last one).
  await page.evaluate(`window.location.hash = ${JSON.stringify(hash)}; window.scrollTo(0, 0)`);
}

export const currentHash = (page: Page): string => new URL(page.url()).hash;

async function waitForHash(page: Page, pattern: RegExp): Promise<string> {
  await page.waitForURL((url) => pattern.test(url.hash), { timeout: READY_MS });
  return currentHash(page);
}

const byTestId = (page: Page, id: string) => page.getByTestId(id).first().waitFor({ timeout: READY_MS });

/** A dialog drawn and done fading in: colours checked mid-animation would be the fade's, not the dialog's. */
async function settled(page: Page, id: string): Promise<void> {
  await byTestId(page, id);
  await page.waitForTimeout(300); // a fade starts a frame or two after the dialog is in the DOM
  // Polled from here: the page's CSP refuses the string evaluation waitForFunction would do inside it.
  for (let tries = 0; tries < 100; tries++) {
    if (await page.evaluate(`document.getAnimations().every((a) => a.playState !== 'running')`)) return;
    await page.waitForTimeout(50);
  }
}

/** The reader, drawn, with its notes beside the text and their highlights in it. */
async function showReader(page: Page, fixtures: Fixtures): Promise<void> {
  await go(page, fixtures.note);
  await byTestId(page, 'notes-panel');
  await byTestId(page, 'highlight');
}

/** The demo's briefing materials (server/demo/demo-materials.ts): its first legal question's study and video. */
const DEMO_MATERIALS = { question: 'legal-I-i', study: 'demo-sample-study', video: 'demo-sample-video' } as const;

/** The demo's materials downloaded to the device (they come in the background once the corpus is in). */
async function materialsDownloaded(page: Page): Promise<void> {
  await go(page, `#/questions/${DEMO_MATERIALS.question}`);
  // Attached, not visible: at 200 % the question's materials may be out of the narrow layout's view.
  for (const id of [DEMO_MATERIALS.study, DEMO_MATERIALS.video])
    await page.getByTestId(`material-${id}`).locator('.status-done').waitFor({ state: 'attached', timeout: READY_MS });
}

/** The demo's study open in the reader at `pdfPage`, its text layer drawn. */
async function showStudy(page: Page, pdfPage: number): Promise<void> {
  await materialsDownloaded(page);
  const route = `#/questions/${DEMO_MATERIALS.question}/materials/${DEMO_MATERIALS.study}/page/${pdfPage}`;
  const ready = page.locator('[data-testid=pdf-reader][data-text=ready]');
  await go(page, route);
  // Seen once on this loaded machine (2 cores, four people): the reader not drawn after a minute. Opened once more.
  if (
    !(await ready.waitFor({ timeout: READY_MS }).then(
      () => true,
      () => false,
    ))
  ) {
    await go(page, route);
    await ready.waitFor({ timeout: READY_MS });
  }
}

/** Page script selecting `words` in the text layer of PDF page `pdfPage`, as a user's drag would. */
const selectInPdfScript = (pdfPage: number, words: string) => `(() => {
  const words = ${JSON.stringify(words)};
  const layer = document.querySelector('.pdf-page[data-page="${pdfPage}"] .textLayer');
  const walker = document.createTreeWalker(layer, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.textContent.indexOf(words);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + words.length);
    document.getSelection().removeAllRanges();
    document.getSelection().addRange(range);
    return;
  }
  throw new Error('"' + words + '" is not on page ${pdfPage}');
})()`;

/** The screens, in walking order. */
export const SCREENS: readonly Screen[] = [
  { id: 'agenda', show: async (page) => (await go(page, '#/agenda'), await byTestId(page, 'question-link')) },
  { id: 'questions', show: async (page) => (await go(page, '#/questions'), await byTestId(page, 'question-link')) },
  {
    id: 'question',
    show: async (page, f) => (await go(page, f.question), await byTestId(page, 'contribution-item')),
  },
  { id: 'reader-notes', show: showReader },
  // Threads (issue 23): a demo answer with what it answers above its text, and a question's list threaded.
  {
    id: 'reader-thread',
    show: async (page) => (await go(page, '#/contributions/demo-c-028'), await byTestId(page, 'thread-parent')),
  },
  {
    id: 'question-threads',
    show: async (page) => (await go(page, '#/questions/public-6'), await byTestId(page, 'contribution-item')),
  },
  {
    id: 'annotation-editor',
    async show(page, fixtures) {
      await showReader(page, fixtures);
      // My own highlight opens its note in the editor.
      await page.getByTestId('highlight').first().click();
      await byTestId(page, 'annotation-editor');
    },
  },
  {
    id: 'side-by-side',
    async show(page, fixtures) {
      await showReader(page, fixtures);
      const toggle = page.getByTestId('side-by-side');
      if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
      await byTestId(page, 'side-by-side-view');
    },
  },
  {
    id: 'notebook',
    show: async (page) => (await go(page, '#/notebook'), await byTestId(page, 'annotation-card')),
  },
  {
    id: 'search',
    async show(page, fixtures) {
      await go(page, `#/search/${encodeURIComponent(fixtures.query)}`);
      await byTestId(page, 'search-result');
    },
  },
  { id: 'mine', show: async (page) => (await go(page, '#/mine'), await byTestId(page, 'draft-item')) },
  { id: 'compose', show: async (page, f) => (await go(page, f.draft), await byTestId(page, 'compose-text')) },
  {
    id: 'compose-discard-dialog',
    async show(page, fixtures) {
      await go(page, fixtures.draft);
      await page.getByTestId('discard-draft').click({ timeout: READY_MS });
      await byTestId(page, 'confirm-discard');
    },
  },
  { id: 'syntheses', show: async (page) => (await go(page, '#/syntheses'), await byTestId(page, 'synthesis-link')) },
  {
    id: 'synthesis-editor',
    show: async (page, f) => (await go(page, f.synthesis), await byTestId(page, 'citation')),
  },
  {
    // The history tab with a version's differences, and a quote's provenance shown on hover.
    id: 'synthesis-history',
    async show(page, fixtures) {
      await go(page, fixtures.synthesis);
      await byTestId(page, 'citation');
      await page.getByTestId('panel-history').click();
      await page.getByTestId('load-history').click();
      await byTestId(page, 'history-entry');
      await page.getByTestId('history-show-diff').first().click();
      await byTestId(page, 'version-diff');
      await page.getByTestId('citation').first().hover();
      await byTestId(page, 'citation-details');
    },
    leave: (page) => page.mouse.move(0, 0),
  },
  {
    // The editor's Export menu, opened from its toolbar.
    id: 'synthesis-export-menu',
    async show(page, fixtures) {
      await go(page, fixtures.synthesis);
      await byTestId(page, 'citation');
      await page.getByTestId('toolbar-export').click();
      await settled(page, 'synthesis-export');
    },
    leave: (page) => page.keyboard.press('Escape'),
  },
  {
    // A toast: the Markdown export saved (in the web mode, a download).
    id: 'synthesis-export-toast',
    async show(page, fixtures) {
      await go(page, fixtures.synthesis);
      await byTestId(page, 'citation');
      await page.getByTestId('toolbar-export').click();
      await page.getByTestId('export-md').click();
      await settled(page, 'synthesis-export-saved');
    },
    async leave(page) {
      await page.getByTestId('synthesis-export-saved').getByRole('button').last().click();
      await page.getByTestId('synthesis-export-saved').waitFor({ state: 'detached', timeout: READY_MS });
    },
  },
  {
    // The PDF reader (issue 21) on the demo's study, its text layer drawn, with its note beside it.
    id: 'pdf-reader',
    async show(page) {
      await showStudy(page, 1);
      await byTestId(page, 'material-note');
      await page.getByTestId('pdf-reader').scrollIntoViewIfNeeded();
    },
  },
  {
    // The video player on the demo's video, with its subtitles and transcript in the user's language.
    id: 'video-player',
    async show(page) {
      await materialsDownloaded(page);
      await go(page, `#/questions/${DEMO_MATERIALS.question}/materials/${DEMO_MATERIALS.video}/time/3`);
      await page.locator('[data-testid=video-player][data-state=ready]').waitFor({ timeout: READY_MS });
      await byTestId(page, 'transcript-cue');
      await page.getByTestId('video-player').scrollIntoViewIfNeeded();
    },
  },
  {
    // Settings → Offline materials: what each downloaded material takes, against the budget.
    id: 'material-storage',
    async show(page) {
      await materialsDownloaded(page);
      await go(page, '#/settings');
      await byTestId(page, 'material-budget');
      await page.getByTestId('material-storage').scrollIntoViewIfNeeded();
    },
  },
  { id: 'outbox', show: async (page) => (await go(page, '#/outbox'), await byTestId(page, 'outbox')) },
  {
    // The command palette (Ctrl+K), over the agenda.
    id: 'command-palette',
    async show(page) {
      await go(page, '#/agenda');
      await byTestId(page, 'question-link');
      await page.keyboard.press('Control+k');
      await settled(page, 'command-palette');
    },
    leave: (page) => page.keyboard.press('Escape'),
  },
  {
    // The shortcuts sheet (?), over the agenda.
    id: 'shortcuts-sheet',
    async show(page) {
      await go(page, '#/agenda');
      await byTestId(page, 'question-link');
      await page.locator('body').focus();
      await page.keyboard.press('?');
      await settled(page, 'shortcuts-sheet');
    },
    leave: (page) => page.keyboard.press('Escape'),
  },
  { id: 'settings', show: async (page) => (await go(page, '#/settings'), await byTestId(page, 'settings')) },
  {
    // Signing out with changes not yet sent asks first. Offline, a star on a contribution stays unsent.
    id: 'sign-out-dialog',
    async show(page, fixtures) {
      await page.context().setOffline(true);
      await showReader(page, fixtures);
      await page.getByTestId('star-toggle').click();
      await byTestId(page, 'unsent-count');
      await go(page, '#/settings');
      await page.getByTestId('sign-out-button').click({ timeout: READY_MS });
      await byTestId(page, 'sign-out-unsent');
    },
    async leave(page) {
      // "Cancel": the confirmation's other button.
      await page.getByTestId('sign-out-unsent').getByRole('button').last().click();
      await page.getByTestId('sign-out-button').waitFor({ timeout: READY_MS });
      await page.context().setOffline(false);
    },
  },
];

/** The id at the end of the first link to a route, as its hash. */
async function firstHref(page: Page, prefix: string): Promise<string> {
  const link = page.locator(`a[href^="${prefix}"]`).first();
  await link.waitFor({ timeout: READY_MS });
  return (await link.getAttribute('href'))!;
}

/** Switches the UI language with the app's own picker (it is on every screen, first run included). */
export async function setLanguage(page: Page, lang: Lang): Promise<void> {
  await page.getByTestId('language-picker').first().selectOption(lang);
  await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
}

/** The first-run screen: a fresh origin of the same server (localhost rather than 127.0.0.1) has no settings yet. */
export async function showFirstRun(page: Page, serverUrl: string, lang: Lang): Promise<void> {
  const fresh = serverUrl.replace('//127.0.0.1:', '//localhost:');
  if (!page.url().startsWith(fresh)) await page.goto(`${fresh}/`);
  await byTestId(page, 'use-demo-server');
  await setLanguage(page, lang);
}

/**
 * Signs in to the demo server and makes what the screens show: a note with a
 * tag on a contribution, a draft, a synthesis quoting the note, and a note
 * on the demo's study.
 */
export async function prepareFixtures(page: Page, serverUrl: string): Promise<Fixtures> {
  await page.goto(`${serverUrl}/`);
  await page.getByTestId('use-demo-server').click();
  await page.locator('[data-testid=sync-status][data-up-to-date="true"]').waitFor({ timeout: READY_MS });
  await setLanguage(page, 'en');

  await go(page, '#/agenda');
  const question = await firstHref(page, '#/questions/');
  await go(page, question);
  const contribution = await firstHref(page, '#/contributions/');
  await go(page, contribution);

  // A note, made as a reader would: caret at the start, Shift+End, Enter.
  const body = page.getByTestId('text-body').first();
  await body.waitFor({ timeout: READY_MS });
  const text = (await body.textContent()) ?? '';
  await body.focus();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Enter');
  await page.getByTestId('note-input').fill('To quote in the synthesis.');
  await page.getByTestId('tag-choice').first().check();
  await page.getByTestId('save-annotation').click();
  await page.getByTestId('annotation-editor').waitFor({ state: 'detached' });
  await go(page, '#/notebook');
  const note = await firstHref(page, `${contribution}/notes/`);

  // A draft of a new contribution to the question.
  await go(page, question);
  await page.getByTestId('write-contribution').click();
  const draft = await waitForHash(page, /^#\/compose\/./);
  await page.getByTestId('compose-text').fill('A first paragraph of my answer.');
  await byTestId(page, 'draft-saved');

  // A synthesis of the question, quoting the note.
  await go(page, '#/syntheses');
  await page.getByTestId('new-synthesis-question').selectOption(decodeURIComponent(question.split('/').at(-1)!));
  await page.getByTestId('new-synthesis-title').fill('Due diligence: a first synthesis');
  await page.getByTestId('new-synthesis-language').selectOption('en');
  await page.getByTestId('create-synthesis').click();
  const synthesis = await waitForHash(page, /^#\/syntheses\/./);
  await page.getByTestId('synthesis-text').click();
  await page.keyboard.type('Most contributions agree on an obligation of conduct.');
  await page.getByTestId('insert-quote').first().click();
  await byTestId(page, 'citation');

  // A note on a passage of the demo's study, for the reader's notes.
  await showStudy(page, 1);
  await page.evaluate(selectInPdfScript(1, 'Due diligence in cyberspace'));
  await page.locator('.pdf-pages').dispatchEvent('mouseup');
  await page.getByTestId('note-pdf-passage').click();
  await page.getByTestId('note-input').fill('The study frames the question.');
  await page.getByTestId('save-annotation').click();
  await byTestId(page, 'material-note');

  const query = /[\p{L}]{7,}/u.exec(text)?.[0] ?? 'diligence';
  return { question, contribution, note, draft, synthesis, query };
}
