/**
 * Hostile text from every field a participant or the corpus can fill: a
 * contribution's text and author name, a note, a tag label, rendered in
 * Chromium. No script runs, no markup is interpreted, and hidden direction
 * characters cannot make one name pass for another.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { importLines } from '../../server/import/import-jsonl.js';
import { launchChromium } from '../support/chromium.js';
import { e2eServer } from '../support/e2e-server.js';

const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><a href="javascript:window.__xss=3">clic</a>`;
/** A tag label is short (80 characters): the same attack, shorter. */
const XSS_LABEL = '<img src=x onerror="window.__xss=4">';
/** "Anna ‮gpj.exe" would read "Anna exe.jpg": the override must go. */
const DISGUISED = 'Anna \u202Egpj.exe\u202C';

const server = e2eServer('untrusted', () => ({ translator: null }));

// After the harness's own beforeAll, which starts the server.
beforeAll(async () => {
  const imported = await importLines(server.current().db, [
    JSON.stringify({
      type: 'tag',
      id: 'hostile',
      label: { en: XSS_LABEL, fr: XSS_LABEL },
      color: '#d62728',
      order: 99,
    }),
    JSON.stringify({
      type: 'contribution',
      id: 'c-hostile',
      questionId: 'legal-I-i',
      author: { name: DISGUISED, kind: 'individual' },
      language: 'en',
      createdAt: '2017-02-03T10:00:00Z',
      status: 'published',
      text: `Due diligence ${XSS} applies.\n\nSecond paragraph.`,
    }),
  ]);
  expect(imported.rejected).toEqual([]);
});

describe('untrusted text', () => {
  it('is shown as text everywhere: no script runs, no markup is interpreted, hidden bidi characters are removed', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.context.newPage();
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`${server.url()}/`);
      await page.getByTestId('use-demo-server').click();
      await page.locator('[data-testid=sync-status][data-up-to-date="true"]').waitFor({ timeout: 60_000 });
      await page.goto(`${server.url()}/#/contributions/c-hostile`);
      const body = page.getByTestId('text-body').first();
      await body.waitFor();
      expect(await body.innerText()).toContain('<img src=x onerror=');

      // A note holding the payload, tagged with the hostile tag.
      await body.focus();
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Shift+End');
      await page.keyboard.press('Enter');
      await page.getByTestId('note-input').fill(XSS);
      await page
        .locator('label', { hasText: '<img' })
        .first()
        .click()
        .catch(() => undefined);
      await page.getByTestId('save-annotation').click();
      await page.getByTestId('annotation-editor').waitFor({ state: 'detached' });
      expect(await page.getByTestId('annotation-note').first().innerText()).toBe(XSS);

      // The name is isolated and cleaned, and says it was altered.
      const name = page.locator('h2#reader-title bdi').first();
      expect(await name.evaluate((el) => el.firstChild?.textContent)).toBe('Anna gpj.exe');
      expect(await name.getAttribute('data-stripped')).toBe('2');

      await page.getByTestId('nav-notebook').click();
      await page.getByTestId('annotation-card').first().waitFor();
      await page.getByTestId('nav-syntheses').click();

      const injected = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: number }).__xss ?? null,
        images: document.querySelectorAll('img[src="x"]').length,
        scripts: [...document.scripts].filter((s) => s.textContent?.includes('__xss')).length,
        javascriptLinks: document.querySelectorAll('a[href^="javascript:"]').length,
      }));
      expect(injected).toEqual({ xss: null, images: 0, scripts: 0, javascriptLinks: 0 });
      expect(dialogs).toEqual([]);
    } finally {
      await browser.dispose();
    }
  });
});
