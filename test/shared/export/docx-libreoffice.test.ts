import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { synthesisToDocx } from '../../../shared/synthesis/export/docx.js';
import { libreOfficePdfText, words } from './libreoffice-pdf.js';
import { arabicInput, fixtureInput, readDocx, W_NS, wElements, wText } from '../synthesis/synthesis-fixtures.js';

/**
 * A synthesis exported as Word, opened by another word processor: LibreOffice
 * in headless mode (Debian libreoffice-writer-nogui) converts it to PDF without
 * error, and the PDF's text (pdftotext, poppler-utils) still has the Arabic
 * words, the French text and the footnotes the citations became.
 */

const dir = mkdtempSync(join(tmpdir(), 'docx-libreoffice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pdfTextOf = (bytes: Uint8Array, name: string) => libreOfficePdfText(bytes, name, dir);

/** The notes' texts as the document has them (Word's separator notes have ids -1 and 0). */
function footnoteTexts(bytes: Uint8Array): string[] {
  const notes = wElements(readDocx(bytes).xml('word/footnotes.xml'), 'footnote');
  return notes.filter((n) => Number(n.getAttributeNS(W_NS, 'id')) > 0).map(wText);
}

describe('synthesis DOCX opened by LibreOffice (headless) and read back from its PDF', () => {
  it('an Arabic synthesis keeps its Arabic text and its footnote', { timeout: 180_000 }, async () => {
    const bytes = await synthesisToDocx(arabicInput);
    const pdfText = pdfTextOf(bytes, 'arabic');
    const pdfWords = new Set(words(pdfText));
    // The sentence reads back in its own (logical) order.
    expect(words(pdfText).join(' ')).toContain(words('يرى الخبراء أن السيادة الرقمية').join(' '));
    for (const word of words('خلاصة السؤال الحوكمة والتنظيم يرى الخبراء أن السيادة الرقمية نقطة أولى نقطة ثانية'))
      expect(pdfWords, word).toContain(word);
    const notes = footnoteTexts(bytes);
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) for (const word of words(note)) expect(pdfWords, word).toContain(word);
  });

  it('a French synthesis keeps its text and every footnote', { timeout: 180_000 }, async () => {
    const bytes = await synthesisToDocx(fixtureInput);
    const text = pdfTextOf(bytes, 'french');
    const pdfWords = new Set(words(text));
    expect(text).toContain('Synthèse I.ii — gouvernance');
    const notes = footnoteTexts(bytes);
    expect(notes.length).toBeGreaterThan(1);
    for (const note of notes) for (const word of words(note)) expect(pdfWords, word).toContain(word);
  });
});
