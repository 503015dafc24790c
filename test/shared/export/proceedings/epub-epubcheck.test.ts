import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proceedingsToEpub } from '../../../../shared/export/proceedings/epub.js';
import type { Lang } from '../../../../shared/languages.js';
import { nodeFontSource } from '../../../support/proceedings-fonts.js';
import { demoProceedings } from './proceedings-fixtures.js';

/**
 * The proceedings' EPUB checked by EPUBCheck, the validator of the EPUB
 * standard's own maintainers (Debian's epubcheck package, 4.2.6, EPUB 3.2
 * rules): built from the demo seminar in English, Arabic and Chinese, each
 * must give no fatal error, no error and no warning in its JSON report. A
 * publication broken on purpose shows that the check can fail.
 */

const JAR = '/usr/share/java/epubcheck.jar';
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'proceedings-epub-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface EpubcheckReport {
  checker: { checkerVersion: string; nFatal: number; nError: number; nWarning: number };
  messages: Array<{ ID: string; severity: string; message: string; locations: Array<{ path: string; line: number }> }>;
}

async function epubcheck(bytes: Uint8Array, name: string): Promise<EpubcheckReport> {
  if (!existsSync(JAR)) throw new Error(`${JAR} is missing: apt-get install epubcheck`);
  const file = join(dir, `${name}.epub`);
  const report = join(dir, `${name}.json`);
  writeFileSync(file, bytes);
  // The client compiler only: the check is short, full JIT costs more than it saves.
  await run('java', ['-XX:TieredStopAtLevel=1', '-jar', JAR, file, '--json', report], { timeout: 180_000 }).catch(
    (error: { code?: number }) => {
      // epubcheck exits 1 when it finds errors; the report says which.
      if (error.code !== 1) throw error;
    },
  );
  return JSON.parse(readFileSync(report, 'utf8')) as EpubcheckReport;
}

const problems = (report: EpubcheckReport) =>
  report.messages
    .filter((m) => m.severity !== 'USAGE' && m.severity !== 'INFO')
    .map((m) => `${m.severity} ${m.ID} ${m.locations[0]?.path ?? ''}:${m.locations[0]?.line ?? ''} ${m.message}`);

const LANGS: Lang[] = ['en', 'ar', 'zh'];
const epubs = new Map<Lang, Uint8Array>();
const reports = new Map<Lang, EpubcheckReport>();

beforeAll(async () => {
  const fonts = nodeFontSource();
  for (const lang of LANGS) epubs.set(lang, await proceedingsToEpub(demoProceedings(lang), fonts));
  // The three checks at once: each is mostly the JVM starting.
  const checked = await Promise.all(LANGS.map((lang) => epubcheck(epubs.get(lang)!, lang)));
  LANGS.forEach((lang, i) => reports.set(lang, checked[i]!));
}, 300_000);

describe('proceedings EPUB checked by EPUBCheck', () => {
  it.each(LANGS)('%s: no fatal error, no error, no warning', (lang) => {
    const report = reports.get(lang)!;
    expect(report.checker.checkerVersion).toMatch(/^4\./);
    expect(problems(report)).toEqual([]);
    expect(report.checker).toMatchObject({ nFatal: 0, nError: 0, nWarning: 0 });
  });

  it('a publication with a missing content document and no modification date fails', { timeout: 180_000 }, async () => {
    const files = unzipSync(epubs.get('en')!);
    const opf = strFromU8(files['EPUB/package.opf']!).replace(/<meta property="dcterms:modified">[^<]*<\/meta>\n/, '');
    const broken: Zippable = { mimetype: [files['mimetype']!, { level: 0 }] };
    for (const [path, data] of Object.entries(files))
      if (path !== 'mimetype' && path !== 'EPUB/closing.xhtml') broken[path] = data;
    broken['EPUB/package.opf'] = strToU8(opf);
    const report = await epubcheck(zipSync(broken), 'broken');
    const ids = report.messages.map((m) => m.ID);
    expect(report.checker.nError + report.checker.nFatal).toBeGreaterThan(0);
    // The missing file (RSC-001) and the missing date (RSC-005, the package schema).
    expect(ids).toContain('RSC-001');
    expect(ids).toContain('RSC-005');
  });
});

describe('proceedings EPUB: what the validator does not ask but readers need', () => {
  const read = (lang: Lang, path: string) => strFromU8(unzipSync(epubs.get(lang)!)[path]!);

  it('the Arabic edition runs right to left: spine, package and every content document', () => {
    expect(read('ar', 'EPUB/package.opf')).toContain('<spine page-progression-direction="rtl">');
    const files = unzipSync(epubs.get('ar')!);
    for (const path of Object.keys(files).filter((p) => p.endsWith('.xhtml')))
      expect(strFromU8(files[path]!), path).toContain('lang="ar" xml:lang="ar" dir="rtl"');
    expect(read('en', 'EPUB/package.opf')).toContain('<spine>');
  });

  it('the Chinese edition embeds the Noto SC files its characters need, and only files that are used', () => {
    const files = unzipSync(epubs.get('zh')!);
    const fonts = Object.keys(files).filter((p) => p.startsWith('EPUB/fonts/'));
    expect(fonts.some((p) => p.includes('noto-sans-sc'))).toBe(true);
    const css = read('zh', 'EPUB/style.css');
    for (const font of fonts) expect(css).toContain(font.replace('EPUB/', ''));
    // Far below the whole font (about 100 files): only those holding characters of the text.
    expect(fonts.length).toBeLessThan(60);
    const opf = read('zh', 'EPUB/package.opf');
    for (const font of fonts) expect(opf).toContain(`href="${font.replace('EPUB/', '')}" media-type="font/woff2"`);
  });

  it('every quote has a note that links to its contribution and version in the appendix', () => {
    const files = unzipSync(epubs.get('ar')!);
    const appendix = read('ar', 'EPUB/appendix.xhtml');
    let quotes = 0;
    for (const path of Object.keys(files).filter((p) => /EPUB\/q-.*\.xhtml$/.test(p))) {
      const html = strFromU8(files[path]!);
      const refs = [...html.matchAll(/class="noteref" id="([^"]+)" href="#([^"]+)"/g)];
      quotes += refs.length;
      for (const [, , note] of refs) {
        const item = new RegExp(`<li id="${note}"[^]*?</li>`).exec(html)?.[0];
        expect(item, note).toBeDefined();
        const anchor = /href="appendix\.xhtml#([^"]+)">([^<]+)</.exec(item!);
        expect(anchor, note).not.toBeNull();
        expect(appendix).toContain(`<li id="${anchor![1]}">`);
        // The link names the contribution and its version.
        expect(anchor![2]).toMatch(/demo-c-\d+، النسخة \d+/);
      }
    }
    expect(quotes).toBeGreaterThan(10);
  });
});
