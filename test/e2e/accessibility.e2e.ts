/**
 * axe-core on every screen, in English (light and dark), Arabic (right to
 * left, light) and Chinese (dark): no violation of the WCAG 2.2 A and AA
 * rules it checks automatically. One server, one browser, one page for the
 * whole walk (test/support/screens.ts); per language, the screens are walked
 * in each of its themes, switched in place (the OS preference, emulated), so
 * a second theme costs no sign-in and no start-up.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lang } from '../../shared/languages.js';
import { launchChromium, type Browser } from '../support/chromium.js';
import { e2eServer } from '../support/e2e-server.js';
import { prepareFixtures, SCREENS, setLanguage, showFirstRun, type Fixtures } from '../support/screens.js';

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];
/**
 * The language changes layout, direction and fonts; the theme changes colours only (the same CSS
 * for every language). So English is walked in both themes, and Arabic and Chinese in one each,
 * which keeps right to left and CJK covered in both themes at two thirds of the time (CI's budget).
 */
const PASSES: ReadonlyArray<readonly [Lang, readonly Theme[]]> = [
  ['en', THEMES],
  ['ar', ['light']],
  ['zh', ['dark']],
];

const server = e2eServer('a11y', () => ({ translator: null }));
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
 * The OS theme switched in place, and done switching: colours that ease
 * (a button's background) would be checked half-way between the two themes.
 * Polled from here: the page's CSP refuses the string evaluation waitForFunction would do inside it.
 */
async function useTheme(target: Page, theme: Theme): Promise<void> {
  await target.emulateMedia({ colorScheme: theme });
  await target.waitForTimeout(50);
  for (let tries = 0; tries < 100; tries++) {
    if (await target.evaluate(`document.getAnimations().every((a) => a.playState !== 'running')`)) return;
    await target.waitForTimeout(50);
  }
}

/** Each violation as one readable line: rule, impact, and where. */
async function violations(target: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page: target }).withTags(WCAG_22_AA).analyze();
  return result.violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? 'n/a'}): ${node.target.join(' ')} — ${node.failureSummary ?? ''}`,
    ),
  );
}

describe('accessibility (axe-core, WCAG 2.2 A/AA)', () => {
  it.each(PASSES)('finds nothing on any screen in %s, in %j', async (lang, themes) => {
    const found: Record<string, string[]> = {};
    const firstRun = await browser.context.newPage();
    try {
      for (const theme of themes) {
        await useTheme(firstRun, theme);
        await showFirstRun(firstRun, server.url(), lang);
        found[`${theme}/first-run`] = await violations(firstRun);
      }
    } finally {
      await firstRun.close();
    }
    await setLanguage(page, lang);
    for (const theme of themes) {
      await useTheme(page, theme);
      // The theme really changed (a pass in the wrong one would prove nothing).
      expect(await page.evaluate(`matchMedia('(prefers-color-scheme: dark)').matches`)).toBe(theme === 'dark');
      for (const screen of SCREENS) {
        await screen.show(page, fixtures);
        found[`${theme}/${screen.id}`] = await violations(page);
        await screen.leave?.(page);
      }
    }
    const failing = Object.fromEntries(Object.entries(found).filter(([, list]) => list.length > 0));
    expect(Object.keys(found)).toHaveLength(themes.length * (SCREENS.length + 1));
    expect(failing).toEqual({});
  });

  it('sees a colour unreadable in the dark theme alone (the theme switch reaches what axe checks)', async () => {
    await setLanguage(page, 'en');
    await SCREENS[0]!.show(page, fixtures);
    // Muted text made nearly the dark surface's colour, in the dark half of its light-dark() pair only.
    await page.evaluate(`document.documentElement.style.setProperty('--color-muted', 'light-dark(#4f5b6a, #2a313b)')`);
    try {
      await useTheme(page, 'light');
      expect((await violations(page)).filter((line) => line.startsWith('color-contrast'))).toEqual([]);
      await useTheme(page, 'dark');
      expect((await violations(page)).filter((line) => line.startsWith('color-contrast'))).not.toEqual([]);
    } finally {
      await page.evaluate(`document.documentElement.style.removeProperty('--color-muted')`);
      await useTheme(page, 'light');
    }
  });
});
