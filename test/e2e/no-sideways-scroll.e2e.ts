/**
 * Nothing scrolls sideways: every screen in German and Russian (the longest
 * labels) and Arabic (mirrored), and the synthesis editor (the widest screen)
 * in all ten languages, at 1024×768 and at
 * 200 % zoom of that window. Zoom is what the CSS sees: 200 % of a 1024×768
 * window lays out as 512×384 CSS pixels at two device pixels each, so that is
 * the viewport here. Checked: the page itself and every scrolling box on
 * screen (a pane whose content is wider than the pane scrolls sideways too).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../shared/languages.js';
import { launchChromium, type Browser } from '../support/chromium.js';
import { e2eServer } from '../support/e2e-server.js';
import { go, prepareFixtures, SCREENS, setLanguage, type Fixtures } from '../support/screens.js';

const WINDOWS = [
  { name: '1024×768', width: 1024, height: 768 },
  { name: '1024×768 at 200 %', width: 512, height: 384 },
] as const;

const server = e2eServer('sideways', () => ({ translator: null }));
let browser: Browser;
let page: Page;
let fixtures: Fixtures;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  fixtures = await prepareFixtures(page, server.url());
});
afterAll(async () => {
  await browser?.dispose();
});

/**
 * What sticks out sideways: the page wider than the window, a scrolling box
 * whose content is wider than it, or anything drawn past the window's edges
 * (the app's frame clips its panes, so there a too-wide thing is cut off
 * rather than scrolled: as bad). Zero-sized and visually hidden elements
 * (1 px, for screen readers) do not count, nor what is parked wholly
 * outside the window on purpose (the skip link, until focused).
 */
const SIDEWAYS = `(() => {
  const found = [];
  const name = (el) => el.tagName.toLowerCase() + [...el.classList].map((c) => '.' + c).join('') +
    (el.dataset.testid ? '[' + el.dataset.testid + ']' : '');
  const root = document.scrollingElement;
  if (root.scrollWidth > root.clientWidth + 1) found.push('document (' + root.scrollWidth + ' > ' + root.clientWidth + ')');
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    if ((style.overflowX === 'auto' || style.overflowX === 'scroll') && el.clientWidth > 0 &&
        el.scrollWidth > el.clientWidth + 1) {
      found.push(name(el) + ' scrolls (' + el.scrollWidth + ' > ' + el.clientWidth + ')');
      continue;
    }
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.height <= 1 || style.visibility === 'hidden') continue;
    const parked = box.right <= 0 || box.left >= innerWidth;
    if (!parked && (box.right > innerWidth + 1 || box.left < -1))
      found.push(name(el) + ' out of the window (' + Math.round(box.left) + '..' + Math.round(box.right) + ')');
  }
  return found;
})()`;

describe('nothing scrolls sideways on the synthesis editor', () => {
  it.each(WINDOWS)('at $name, in the ten languages', async ({ width, height }) => {
    await page.setViewportSize({ width, height });
    const found: Record<string, string[]> = {};
    for (const lang of LANGUAGES) {
      await setLanguage(page, lang);
      await go(page, fixtures.synthesis);
      await page.getByTestId('citation').first().waitFor();
      await page.getByTestId('synthesis-toolbar').waitFor();
      found[lang] = (await page.evaluate(SIDEWAYS)) as string[];
    }
    expect(Object.fromEntries(Object.entries(found).filter(([, list]) => list.length > 0))).toEqual({});
    // The check sees a box too wide for the page (else its passing would prove nothing).
    await page.evaluate(`{
      const probe = document.createElement('div');
      probe.id = 'too-wide';
      probe.style.inlineSize = '${width * 2}px';
      probe.style.blockSize = '1em';
      document.querySelector('[data-testid=synthesis-text]').parentElement.append(probe);
    }`);
    expect(await page.evaluate(SIDEWAYS)).not.toEqual([]);
    await page.evaluate(`document.getElementById('too-wide').remove()`);
    await setLanguage(page, 'en');
  });
});

/** A dialog measured mid-animation is where its zoom-in puts it, not where it rests. */
async function animationsDone(p: Page): Promise<void> {
  // Polled from here: the page's CSP refuses the string evaluation waitForFunction would do inside it.
  for (let tries = 0; tries < 100; tries++) {
    if (await p.evaluate(`document.getAnimations().every((a) => a.playState !== 'running')`)) return;
    await p.waitForTimeout(50);
  }
}

describe('nothing scrolls sideways on any screen', () => {
  // Every screen in every language would be 500 visits; the long and the mirrored ones find what the others would.
  const LONG_AND_MIRRORED = ['de', 'ru', 'ar'] as const;

  it.each(WINDOWS)('at $name, in German, Russian and Arabic', async ({ width, height }) => {
    await page.setViewportSize({ width, height });
    const found: Record<string, string[]> = {};
    for (const lang of LONG_AND_MIRRORED) {
      await setLanguage(page, lang);
      for (const screen of SCREENS) {
        await screen.show(page, fixtures);
        await animationsDone(page);
        const list = (await page.evaluate(SIDEWAYS)) as string[];
        if (list.length) found[`${lang} ${screen.id}`] = list;
        await screen.leave?.(page);
      }
    }
    await setLanguage(page, 'en');
    expect(found).toEqual({});
  });
});
