import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, strToU8 } from 'fflate';
import { AxeBuilder } from '@axe-core/playwright';
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { proceedingsToSite } from '../../../../shared/export/proceedings/site.js';
import { LANGUAGES, textDirection, type Lang } from '../../../../shared/languages.js';
import { launchChromium } from '../../../support/chromium.js';
import { nodeFontSource } from '../../../support/proceedings-fonts.js';
import { demoProceedings } from './proceedings-fixtures.js';

/**
 * The proceedings' static site, built from the demo seminar in all ten
 * languages: checked by the Nu Html Checker (the W3C's validator, vnu-jar,
 * run on Java) with no error and no warning, every internal link resolving
 * to a file and an id that exist, only relative addresses and no script, and
 * every page saying its language and direction. Opened from disk in
 * Chromium, its pages pass axe-core's WCAG 2.2 A/AA rules, run right to left
 * in Arabic and show Arabic and Chinese with the fonts it carries.
 */

const run = promisify(execFile);
// jsdom ships no types; only its DOMParser is used (as in synthesis-fixtures.ts).
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new () => { window: { DOMParser: new () => DOMParser } };
};
const parser = new new JSDOM().window.DOMParser();
const VNU = join(dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');
const dir = mkdtempSync(join(tmpdir(), 'proceedings-site-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files: Map<string, Uint8Array>;
/** Each page parsed once. */
let pages: Array<readonly [string, Document]>;

function writeSite(site: Map<string, Uint8Array>, root: string) {
  for (const [path, bytes] of site) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytes);
  }
}

interface VnuMessage {
  type: string;
  subType?: string;
  url: string;
  lastLine?: number;
  message: string;
}

async function vnu(root: string): Promise<VnuMessage[]> {
  // The checker needs a deep stack for its HTML schema (it says so when it lacks one).
  const result = await run(
    'java',
    ['-Xss8m', '-XX:TieredStopAtLevel=1', '-jar', VNU, '--skip-non-html', '--format', 'json', root],
    { timeout: 180_000, maxBuffer: 64 << 20 },
  ).catch((error: { code?: number; stderr?: string }) => {
    if (error.code !== 1) throw error;
    return { stderr: error.stderr ?? '' };
  });
  return (JSON.parse(result.stderr) as { messages: VnuMessage[] }).messages;
}

beforeAll(async () => {
  files = await proceedingsToSite(
    LANGUAGES.map((lang) => demoProceedings(lang)),
    nodeFontSource(),
  );
  writeSite(files, join(dir, 'site'));
  pages = [...files]
    .filter(([path]) => path.endsWith('.html'))
    .map(([path, bytes]) => [path, parser.parseFromString(strFromU8(bytes), 'text/html')] as const);
}, 120_000);

describe('proceedings static site', () => {
  it('the Nu Html Checker finds no error and no warning', { timeout: 180_000 }, async () => {
    expect(existsSync(VNU)).toBe(true);
    const messages = await vnu(join(dir, 'site'));
    const problems = messages
      .filter((m) => m.type === 'error' || m.type === 'non-document-error' || m.subType === 'warning')
      .map((m) => `${m.url}:${m.lastLine ?? ''} ${m.message}`);
    expect(problems).toEqual([]);
  });

  it('the checker does report a broken page', { timeout: 180_000 }, async () => {
    const page = strFromU8(files.get('en/index.html')!);
    const broken = new Map([['en/index.html', strToU8(page.replace('<main>', '<main><p><div>'))]]);
    writeSite(broken, join(dir, 'broken'));
    const messages = await vnu(join(dir, 'broken'));
    expect(messages.filter((m) => m.type === 'error').length).toBeGreaterThan(0);
  });

  it('has every language, a page per question, and every page says its language and direction', () => {
    expect(files.has('index.html')).toBe(true);
    for (const lang of LANGUAGES) {
      expect(files.has(`${lang}/index.html`)).toBe(true);
      expect(files.has(`${lang}/q-legal-I-ii.html`)).toBe(true);
    }
    for (const [path, doc] of pages) {
      const lang = (path.split('/')[0] as Lang | 'index.html') === 'index.html' ? 'de' : (path.split('/')[0] as Lang);
      expect(doc.documentElement.lang, path).toBe(lang);
      expect(doc.documentElement.dir, path).toBe(textDirection(lang));
      expect(doc.querySelector('script'), path).toBeNull();
    }
  });

  it('every link is relative and resolves to a file and an id that exist; the switcher reaches every language', () => {
    const ids = new Map<string, Set<string>>();
    for (const [path, doc] of pages) ids.set(path, new Set([...doc.querySelectorAll('[id]')].map((e) => e.id)));
    let links = 0;
    for (const [path, doc] of pages) {
      for (const a of doc.querySelectorAll('a[href], link[href]')) {
        const href = a.getAttribute('href')!;
        if (/^(https?:|mailto:)/.test(href)) continue; // a synthesis's own links to the web
        expect(href, `${path}: ${href}`).not.toMatch(/^([a-z]+:|\/)/i);
        const [file, fragment] = href.split('#');
        const target = file === '' ? path : posix.normalize(posix.join(posix.dirname(path), file!));
        expect(files.has(target), `${path}: ${href}`).toBe(true);
        if (fragment) expect(ids.get(target)?.has(fragment), `${path}: ${href}`).toBe(true);
        links += 1;
      }
      if (path !== 'index.html') {
        const switcher = [...doc.querySelectorAll('nav.languages a')].map((a) => a.getAttribute('hreflang') ?? 'self');
        expect(switcher.length, path).toBe(LANGUAGES.length);
      }
    }
    expect(links).toBeGreaterThan(1000);
  });

  it('embeds the Arabic and CJK fonts its pages need, and only those', () => {
    const fonts = [...files.keys()].filter((p) => p.startsWith('fonts/'));
    expect(fonts.some((p) => p.includes('noto-sans-arabic-arabic'))).toBe(true);
    expect(fonts.some((p) => p.includes('noto-sans-sc'))).toBe(true);
    expect(fonts.some((p) => p.includes('noto-sans-kr'))).toBe(true);
    const css = strFromU8(files.get('style.css')!);
    for (const font of fonts) expect(css).toContain(`url(${font})`);
    expect(fonts.every((p) => !p.includes('noto-sans-latin'))).toBe(true);
  });

  it(
    'opened from disk in Chromium: axe finds no WCAG 2.2 A/AA violation; Arabic runs right to left with its font',
    { timeout: 180_000 },
    async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.context.newPage();
        const problems: string[] = [];
        for (const lang of ['en', 'ar', 'zh'] as const)
          for (const name of ['index', 'q-legal-I-ii', 'appendix']) {
            await page.goto(`file://${join(dir, 'site', lang, `${name}.html`)}`);
            await page.evaluate(() => document.fonts.ready);
            const result = await new AxeBuilder({ page })
              .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
              .analyze();
            for (const v of result.violations)
              for (const node of v.nodes) problems.push(`${lang}/${name}: ${v.id} ${node.target.join(' ')}`);
            const seen = await page.evaluate(() => ({
              direction: getComputedStyle(document.body).direction,
              arabic: document.fonts.check('16px "Noto Sans Arabic"', 'ب'),
              chinese: document.fonts.check('16px "Noto Sans SC"', '问'),
            }));
            expect(seen.direction, `${lang}/${name}`).toBe(lang === 'ar' ? 'rtl' : 'ltr');
            if (lang === 'ar') expect(seen.arabic).toBe(true);
            if (lang === 'zh') expect(seen.chinese).toBe(true);
          }
        expect(problems).toEqual([]);
      } finally {
        await browser.dispose();
      }
    },
  );
});
