import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proceedingsToDocx } from '../../../../shared/export/proceedings/docx.js';
import type { Lang } from '../../../../shared/languages.js';
import { readDocx, W_NS, wElements, wText } from '../../synthesis/synthesis-fixtures.js';
import { libreOfficePdfText, words } from '../libreoffice-pdf.js';
import { demoProceedings } from './proceedings-fixtures.js';

/**
 * The proceedings as Word, opened by LibreOffice (headless) and read back
 * from the PDF it makes: the Arabic and Chinese editions keep their text and
 * every footnote, and each footnote links to its contribution's entry in
 * the appendix (a bookmark that exists), naming the contribution and version.
 */

const dir = mkdtempSync(join(tmpdir(), 'proceedings-docx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const docx = new Map<Lang, Uint8Array>();
beforeAll(async () => {
  for (const lang of ['ar', 'zh'] as const) docx.set(lang, await proceedingsToDocx(demoProceedings(lang)));
}, 60_000);

/** The notes as the document has them (Word's separator notes have ids -1 and 0). */
function footnotes(bytes: Uint8Array): Element[] {
  return wElements(readDocx(bytes).xml('word/footnotes.xml'), 'footnote').filter(
    (n) => Number(n.getAttributeNS(W_NS, 'id')) > 0,
  );
}

describe('proceedings DOCX opened by LibreOffice (headless) and read back from its PDF', () => {
  it('Arabic: the text, the labels and every footnote come back', { timeout: 180_000 }, () => {
    const bytes = docx.get('ar')!;
    const pdfWords = new Set(words(libreOfficePdfText(bytes, 'ar', dir)));
    const input = demoProceedings('ar');
    const first = input.days[0]!.sessions[0]!.questions[0]!;
    for (const word of words(`${first.title} ${input.titlePage.title} المحتويات`))
      expect(pdfWords, word).toContain(word);
    const notes = footnotes(bytes);
    expect(notes.length).toBeGreaterThan(10);
    for (const note of notes) for (const word of words(wText(note))) expect(pdfWords, word).toContain(word);
  });

  it('Chinese: the question titles and the notes come back', { timeout: 180_000 }, () => {
    const bytes = docx.get('zh')!;
    const text = libreOfficePdfText(bytes, 'zh', dir).replace(/\s+/g, '');
    const input = demoProceedings('zh');
    for (const session of input.days.flatMap((d) => d.sessions))
      for (const question of session.questions) expect(text).toContain(question.title.replace(/\s+/g, ''));
    expect(text).toContain('附录：引用的意见');
  });

  it('every footnote links to an appendix bookmark that exists, naming the contribution and its version', () => {
    for (const [lang, bytes] of docx) {
      const document = readDocx(bytes).xml('word/document.xml');
      const bookmarks = new Set(wElements(document, 'bookmarkStart').map((b) => b.getAttributeNS(W_NS, 'name')));
      for (const note of footnotes(bytes)) {
        const link = wElements(note, 'hyperlink')[0];
        expect(link, lang).toBeDefined();
        expect(bookmarks).toContain(link!.getAttributeNS(W_NS, 'anchor'));
        expect(wText(link!)).toMatch(/demo-c-\d+.+\d/);
      }
    }
  });
});
